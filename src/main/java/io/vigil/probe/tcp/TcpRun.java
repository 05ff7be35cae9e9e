package io.vigil.probe.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vigil.config.TcpSpec;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.probe.RegexBudget;
import io.vigil.probe.RunRecorder;
import io.vigil.probe.net.Display;
import io.vigil.probe.net.Failure;
import io.vigil.probe.net.Failures;
import io.vigil.probe.net.PhaseClock;
import io.vigil.probe.net.RunLifecycle;
import io.vigil.probe.tls.TlsClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One run of a {@link TcpProbe} on one event loop: resolve, connect, TLS, then the steps. Received bytes are
 * decoded as UTF-8 (malformed input replaced) into a buffer holding the text since the previous match, capped
 * at {@link #MAX_BUFFERED} bytes. Every search of the run draws on one {@link RegexBudget}: a target that
 * trickles text the pattern backtracks on fails the expect step instead of stalling the event loop.
 */
final class TcpRun extends ChannelInboundHandlerAdapter implements RunLifecycle.Protocol {
  static final int MAX_BUFFERED = 1 << 20;
  private static final int SHOWN = 120;

  private final TcpProbe probe;
  private final TcpSpec spec;
  private final EventLoop loop;
  private final RunRecorder rec;
  private final RunLifecycle life;
  private final PhaseClock clock;
  private final StringBuilder received = new StringBuilder();
  private final RegexBudget budget = RegexBudget.forText(MAX_BUFFERED);
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer undecoded = ByteBuffer.allocate(0);
  private long receivedBytes;
  private Channel channel;
  private SslHandler ssl;
  private String remote = "";
  private boolean stepping;
  private int step;
  private ChannelFuture lastWrite;

  TcpRun(TcpProbe probe, EventLoop loop) {
    this.probe = probe;
    this.loop = loop;
    this.rec = new RunRecorder(probe.name, probe.clock);
    this.life = new RunLifecycle(loop, rec, probe.timeout.toNanos(), probe.stalls);
    this.spec = probe.spec;
    this.clock = new PhaseClock(rec);
  }

  Future<ProbeResult> start() {
    return life.start(this);
  }

  @Override
  public void begin() {
    clock.start(Phase.RESOLVE, System.nanoTime());
    probe.dialer.resolve(loop, probe.host).onComplete(ar -> life.onLoop(() -> resolved(ar)));
  }

  private void resolved(AsyncResult<List<InetAddress>> ar) {
    if (life.done()) {
      return;
    }
    clock.stop(System.nanoTime());
    if (ar.failed() || ar.result().isEmpty()) {
      fail(Failures.resolve(probe.host, ar.failed() ? ar.cause() : new UnknownHostException("no address")));
      return;
    }
    connect(new InetSocketAddress(ar.result().get(0), spec.port()));
  }

  private void connect(InetSocketAddress to) {
    remote = Display.endpoint(to);
    rec.address(remote);
    clock.start(Phase.CONNECT, System.nanoTime());
    ChannelFuture connecting = probe.dialer.connect(loop, to, ch -> {
      if (probe.tls != null) {
        ssl = probe.tls.newHandler(ch.alloc(), probe.host);
        ch.pipeline().addLast("tls", ssl);
      }
      ch.pipeline().addLast("steps", this);
    });
    channel = connecting.channel();
    connecting.addListener(f -> connected((ChannelFuture) f));
  }

  private void connected(ChannelFuture f) {
    if (life.done()) {
      return;
    }
    long now = System.nanoTime();
    if (!f.isSuccess()) {
      fail(Failures.connect(remote, f.cause()));
      return;
    }
    if (ssl != null) {
      clock.start(Phase.TLS, now);
      ssl.handshakeFuture().addListener(h -> handshaken(h.isSuccess() ? null : h.cause()));
    } else {
      clock.stop(now);
      startSteps();
    }
  }

  private void handshaken(Throwable failure) {
    if (life.done()) {
      return;
    }
    clock.stop(System.nanoTime());
    if (failure != null) {
      fail(Failure.bad(Reason.TLS, "TLS handshake with " + remote + " failed: " + TlsClient.describeFailure(failure)));
      return;
    }
    if (!probe.tls.recordAndJudge(ssl.engine(), spec.certExpiresAfter(), probe.clock.instant(), rec,
        probe.host)) {
      life.finish();
      return;
    }
    startSteps();
  }

  private void startSteps() {
    if (spec.steps().isEmpty()) {
      life.finish();
      return;
    }
    stepping = true;
    clock.start(Phase.PROCESSING, System.nanoTime());
    advance();
  }

  /** Runs send steps and satisfied expect steps until one must wait for more bytes, or all are done. */
  private void advance() {
    while (!life.done() && step < spec.steps().size()) {
      TcpSpec.Step s = spec.steps().get(step);
      if (s.isSend()) {
        send(s.send());
      } else if (!matched(s)) {
        return;
      }
      step++;
    }
    if (life.done()) {
      return;
    }
    if (lastWrite != null && !lastWrite.isDone()) {
      lastWrite.addListener(w -> stepsDone());
    } else {
      stepsDone();
    }
  }

  private void stepsDone() {
    if (!life.done()) {
      clock.stop(System.nanoTime());
      life.finish();
    }
  }

  private void send(String text) {
    lastWrite = channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    lastWrite.addListener(w -> {
      if (!w.isSuccess() && !life.done()) {
        fail(Failure.bad(Reason.CONNECT, "cannot send to " + remote + ": " + Failures.describe(w.cause())));
      }
    });
  }

  private boolean matched(TcpSpec.Step s) {
    RegexBudget.Found m = budget.find(s.expect(), received);
    if (m == null) {
      if (budget.exhausted()) {
        clock.stop(System.nanoTime());
        rec.check("expect", false, quoted(s.expect().pattern()) + " " + RegexBudget.GAVE_UP, Reason.EXPECT);
        life.finish();
      }
      return false;
    }
    rec.check("expect", true, quoted(s.expect().pattern()) + " matched " + quoted(m.text()), Reason.EXPECT);
    received.delete(0, m.end());
    receivedBytes = received.toString().getBytes(StandardCharsets.UTF_8).length;
    return true;
  }

  private TcpSpec.Step waitingFor() {
    return stepping && step < spec.steps().size() && !spec.steps().get(step).isSend() ? spec.steps().get(step) : null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (life.done() || !(msg instanceof ByteBuf bytes)) {
        return;
      }
      int n = bytes.readableBytes();
      receivedBytes += n;
      if (receivedBytes > MAX_BUFFERED) {
        TcpSpec.Step waiting = waitingFor();
        clock.stop(System.nanoTime());
        fail(Failure.bad(Reason.TOO_LARGE, "over " + MAX_BUFFERED + " bytes received"
            + (waiting == null ? "" : " without a match for " + quoted(waiting.expect().pattern()))));
        return;
      }
      decode(bytes);
      if (waitingFor() != null) {
        advance();
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void decode(ByteBuf bytes) {
    ByteBuffer in = ByteBuffer.allocate(undecoded.remaining() + bytes.readableBytes());
    in.put(undecoded);
    bytes.getBytes(bytes.readerIndex(), in);
    in.flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    out.flip();
    received.append(out);
    undecoded = in.slice();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (life.done()) {
      return;
    }
    lost("connection closed by " + remote);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (life.done()) {
      return;
    }
    if (Failures.isTls(cause)) {
      clock.stop(System.nanoTime());
      fail(Failure.bad(Reason.TLS, "TLS error with " + remote + ": " + TlsClient.describeFailure(cause)));
      return;
    }
    if (receivedBytes == 0 && Failures.isReset(cause)) {
      // reset before the service said anything: it did not take the connection, as when the reset comes
      // while connecting
      fail(Failure.bad(Reason.CONNECT, "connection reset by " + remote));
      return;
    }
    lost("connection to " + remote + " failed: " + Failures.describe(cause));
  }

  /** The connection ended early: an expect step still waiting fails it; otherwise it is a connection failure. */
  private void lost(String what) {
    clock.stop(System.nanoTime());
    TcpSpec.Step waiting = waitingFor();
    if (waiting != null) {
      rec.check("expect", false, what + " before " + quoted(waiting.expect().pattern()) + " matched; received "
          + quoted(received), Reason.EXPECT);
      life.finish();
      return;
    }
    fail(Failure.bad(Reason.CONNECT, what));
  }

  @Override
  public void expired() {
    clock.stop(System.nanoTime());
    Phase where = clock.current();
    String timedOut = "timed out after " + Display.duration(probe.timeout)
        + (where == null ? "" : " during " + where.label());
    TcpSpec.Step waiting = waitingFor();
    if (waiting != null && received.length() > 0) {
      rec.check("expect", false, "no match for " + quoted(waiting.expect().pattern()) + " within "
          + Display.duration(probe.timeout) + "; received " + quoted(received), Reason.EXPECT);
    } else if (waiting != null) {
      rec.fail(Reason.TIMEOUT, timedOut + " waiting for " + quoted(waiting.expect().pattern()));
      rec.check("expect", false, "nothing received while waiting for " + quoted(waiting.expect().pattern()),
          Reason.EXPECT);
    } else {
      rec.fail(Reason.TIMEOUT, timedOut);
    }
  }

  private void fail(Failure failure) {
    clock.stop(System.nanoTime());
    failure.recordInto(rec);
    life.finish();
  }

  @Override
  public void settle() {
    if (channel != null) {
      channel.close();
    }
  }

  private static String quoted(CharSequence s) {
    return "'" + Display.escaped(s, SHOWN) + "'";
  }
}
