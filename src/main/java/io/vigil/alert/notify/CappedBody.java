package io.vigil.alert.notify;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first bytes of an answer's body and drops the rest, so a huge answer costs no memory. */
final class CappedBody implements WriteStream<Buffer> {
  private final int cap;
  private final Buffer kept = Buffer.buffer();

  CappedBody(int cap) {
    this.cap = cap;
  }

  /** The kept bytes as text, whitespace collapsed. */
  String text() {
    return new String(kept.getBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
  }

  @Override
  public Future<Void> write(Buffer data) {
    int room = cap - kept.length();
    if (room > 0) {
      kept.appendBuffer(data, 0, Math.min(room, data.length()));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
