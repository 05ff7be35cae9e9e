package io.vigil.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP target whose answer a test can change: {@link #status(int)}. */
public final class TestTarget implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();

  public TestTarget() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> {
      requests.incrementAndGet();
      byPath.computeIfAbsent(req.path(), k -> new AtomicInteger()).incrementAndGet();
      req.response().setStatusCode(status.get()).putHeader("Content-Type", "application/json")
          .end("{\"status\":\"" + (status.get() < 400 ? "UP" : "DOWN") + "\"}");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public int port() {
    return server.actualPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  public void status(int code) {
    status.set(code);
  }

  public int requests() {
    return requests.get();
  }

  /** Requests this target has handled for {@code path}, e.g. {@code /p7}. */
  public int requests(String path) {
    AtomicInteger n = byPath.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
