package io.vigil.probe.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.vigil.config.HttpSpec;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.probe.RunRecorder;
import io.vigil.probe.net.Display;
import io.vigil.probe.net.Failure;
import io.vigil.probe.net.Failures;
import io.vigil.probe.net.PhaseClock;
import io.vigil.probe.net.RunLifecycle;
import io.vigil.probe.tls.TlsClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The hops of one run towards one address: a request, then one more request per redirect followed, each on a
 * fresh connection that is closed as soon as its response is complete. Phases of every hop add up in the
 * recorder. A redirect to the same host stays on this address; one to another host resolves that host and
 * takes its first address.
 */
final class AddressRun {
  private static final byte[] NO_BODY = new byte[0];
  private static final int MAX_INITIAL_LINE = 8192;
  private static final int MAX_HEADER_SIZE = 65536;
  private static final int MAX_CHUNK_SIZE = 8192;
  private static final int INITIAL_BODY_BUFFER = 1 << 20;
  private static final String INFLATE = "inflate";

  private final HttpProbe probe;
  private final HttpSpec spec;
  private final EventLoop loop;
  private final RunRecorder rec;
  private final PhaseClock clock;
  private final long runStartNanos;
  private final InetAddress address;
  private final Runnable onDone;
  private final List<String> trail = new ArrayList<>();
  private Channel channel;
  private int redirects;
  private boolean finished;

  AddressRun(HttpProbe probe, EventLoop loop, RunRecorder rec, long runStartNanos, InetAddress address,
      Runnable onDone) {
    this.probe = probe;
    this.spec = probe.spec;
    this.loop = loop;
    this.rec = rec;
    this.clock = new PhaseClock(rec);
    this.runStartNanos = runStartNanos;
    this.address = address;
    this.onDone = onDone;
  }

  InetAddress address() {
    return address;
  }

  boolean finished() {
    return finished;
  }

  /** This address's own result; only meaningful once finished. */
  ProbeResult result() {
    return rec.finish();
  }

  void start() {
    trail.add(probe.target.display());
    connect(probe.target, address, probe.method, probe.body);
  }

  /** The run's deadline struck: bad with reason timeout, naming the phase it struck in. */
  void timeout(Duration limit) {
    if (finished) {
      return;
    }
    clock.stop(System.nanoTime());
    Phase where = clock.current();
    rec.fail(Reason.TIMEOUT, "timed out after " + Display.duration(limit)
        + (where == null ? "" : " during " + where.label()));
    finish();
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    close();
    onDone.run();
  }

  /**
   * Closes the connection. The decompressor goes first: chunks already decoded from the last read would
   * otherwise still be inflated on their way to a finished exchange (a gzip bomb's remaining megabytes).
   */
  private void close() {
    if (channel != null) {
      if (channel.pipeline().get(INFLATE) != null) {
        channel.pipeline().remove(INFLATE);
      }
      channel.close();
      channel = null;
    }
  }

  private void resolveThenConnect(Target target, HttpMethod method, byte[] body) {
    clock.start(Phase.RESOLVE, System.nanoTime());
    probe.dialer.resolve(loop, target.host()).onComplete(ar -> RunLifecycle.onLoop(loop, () -> {
          if (finished) {
            return;
          }
          clock.stop(System.nanoTime());
          if (ar.failed() || ar.result().isEmpty()) {
            fail(Failures.resolve(target.host(), ar.failed() ? ar.cause() : new IOException("no address")));
          } else {
            connect(target, ar.result().get(0), method, body);
          }
        }));
  }

  private void connect(Target target, InetAddress to, HttpMethod method, byte[] body) {
    InetSocketAddress remote = new InetSocketAddress(to, target.port());
    Exchange exchange = new Exchange(target, method, body, Display.endpoint(remote));
    rec.address(exchange.remote);
    clock.start(Phase.CONNECT, System.nanoTime());
    ChannelFuture connecting = probe.dialer.connect(loop, remote, ch -> {
      if (target.https()) {
        exchange.ssl = probe.tls.newHandler(ch.alloc(), target.host());
        ch.pipeline().addLast("tls", exchange.ssl);
      }
      ch.pipeline().addLast("first-byte", exchange.firstByte)
          .addLast("codec", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE))
          .addLast(INFLATE, new HttpContentDecompressor(false, probe.inflateLimit))
          .addLast("exchange", exchange);
    });
    channel = connecting.channel();
    connecting.addListener(f -> exchange.connected((ChannelFuture) f));
  }

  private void fail(Failure failure) {
    clock.stop(System.nanoTime());
    failure.recordInto(rec);
    finish();
  }

  /** A complete response arrived on {@code ex}: follow it when it redirects, judge it otherwise. */
  private void responded(Exchange ex, Response response) {
    close();
    rec.httpStatus(response.status());
    String location = response.headers().get(HttpHeaderNames.LOCATION);
    if (spec.followRedirects() && isRedirect(response.status()) && location != null) {
      redirect(ex, response.status(), location);
      return;
    }
    probe.judge.judge(response, System.nanoTime() - runStartNanos, rec);
    finish();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private void redirect(Exchange from, int status, String location) {
    Target next;
    try {
      next = from.target.follow(location);
    } catch (IllegalArgumentException e) {
      rec.check("redirect", false, status + " to unusable Location '" + Display.escaped(location, 80) + "'",
          Reason.STATUS);
      finish();
      return;
    }
    if (redirects >= spec.maxRedirects()) {
      int seen = trail.lastIndexOf(next.display());
      String detail = seen >= 0
          ? "redirect loop " + String.join(" -> ", trail.subList(seen, trail.size())) + " -> " + next.display()
              + " (stopped after " + redirects + " redirects)"
          : "more than " + spec.maxRedirects() + " redirects (next: " + next.display() + ")";
      rec.check("redirects", false, detail, Reason.STATUS);
      finish();
      return;
    }
    redirects++;
    rec.redirects(redirects);
    trail.add(next.display());
    HttpMethod method = from.method;
    byte[] body = from.body;
    boolean safe = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
    if ((status == 303 && !method.equals(HttpMethod.HEAD)) || ((status == 301 || status == 302) && !safe)) {
      method = HttpMethod.GET;
      body = NO_BODY;
    }
    if (next.host().equalsIgnoreCase(from.target.host())) {
      connect(next, from.address(), method, body);
    } else {
      resolveThenConnect(next, method, body);
    }
  }

  /** One connection carrying one request and its response. Events after it ended are ignored. */
  private final class Exchange extends ChannelInboundHandlerAdapter {
    final Target target;
    final HttpMethod method;
    final byte[] body;
    final String remote;
    final ChannelInboundHandlerAdapter firstByte = new FirstByte();
    SslHandler ssl;
    private InetAddress connectedTo;
    private boolean done;
    private long written;
    private long firstByteAt;
    private HttpResponse head;
    private boolean informational;
    private long received;
    private ByteArrayOutputStream content;

    Exchange(Target target, HttpMethod method, byte[] body, String remote) {
      this.target = target;
      this.method = method;
      this.body = body;
      this.remote = remote;
    }

    InetAddress address() {
      return connectedTo;
    }

    void connected(ChannelFuture f) {
      if (done || finished) {
        return;
      }
      long now = System.nanoTime();
      if (!f.isSuccess()) {
        end(Failures.connect(remote, f.cause()));
        return;
      }
      connectedTo = ((InetSocketAddress) f.channel().remoteAddress()).getAddress();
      if (ssl != null) {
        clock.start(Phase.TLS, now);
        ssl.handshakeFuture().addListener(h -> handshaken(h.isSuccess() ? null : h.cause()));
      } else {
        clock.stop(now);
        send(f.channel());
      }
    }

    private void handshaken(Throwable failure) {
      if (done || finished) {
        return;
      }
      clock.stop(System.nanoTime());
      if (failure != null) {
        end(Failure.bad(Reason.TLS, "TLS handshake with " + remote + " failed: " + TlsClient.describeFailure(failure)));
        return;
      }
      Instant now = probe.clock.instant();
      if (!probe.tls.recordAndJudge(ssl.engine(), spec.expect().certExpiresAfter(), now, rec, target.host())) {
        done = true;
        finish();
        return;
      }
      send(ssl.handshakeFuture().getNow());
    }

    private void send(Channel ch) {
      clock.enter(Phase.PROCESSING);
      ch.writeAndFlush(probe.request(target, method, body)).addListener(w -> {
        if (done || finished) {
          return;
        }
        if (!w.isSuccess()) {
          end(Failures.isReset(w.cause()) ? resetBeforeResponse() : Failure.bad(Reason.PROTOCOL,
              "cannot send the request to " + remote + ": " + Failures.describe(w.cause())));
          return;
        }
        written = System.nanoTime();
        if (firstByteAt == 0) {
          clock.start(Phase.PROCESSING, written);
        }
      });
    }

    private void firstByte() {
      if (done || finished || firstByteAt != 0) {
        return;
      }
      firstByteAt = System.nanoTime();
      if (written == 0) {
        clock.start(Phase.PROCESSING, firstByteAt);
      }
      clock.start(Phase.TRANSFER, firstByteAt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (!done && !finished) {
          read(msg);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void read(Object msg) {
      if (msg instanceof HttpResponse response) {
        Throwable malformed = response.decoderResult().cause();
        if (malformed instanceof TooLongFrameException) {
          end(Failure.bad(Reason.TOO_LARGE, "response head from " + remote + " exceeds the limits ("
              + MAX_INITIAL_LINE + " bytes for the status line, " + MAX_HEADER_SIZE + " for the headers)"));
          return;
        }
        if (malformed != null) {
          end(Failure.bad(Reason.PROTOCOL, "not an HTTP response from " + remote + ": "
              + Failures.describe(malformed)));
          return;
        }
        int status = response.status().code();
        informational = status >= 100 && status < 200 && status != 101;
        if (informational) {
          return;
        }
        head = response;
        rec.httpStatus(status);
        long declared = HttpUtil.getContentLength(response, -1L);
        if (declared > spec.maxBody() && !method.equals(HttpMethod.HEAD)) {
          end(Failure.bad(Reason.TOO_LARGE, "Content-Length " + declared + " exceeds max_body " + spec.maxBody()));
          return;
        }
        if (probe.judge.needsBody()) {
          content = new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : 8192, INITIAL_BODY_BUFFER));
        }
      }
      if (msg instanceof HttpContent chunk) {
        if (chunk.decoderResult().isFailure()) {
          end(Failure.bad(Reason.PROTOCOL, "response from " + remote + " broke off after " + received
              + " body bytes: " + Failures.describe(chunk.decoderResult().cause())));
          return;
        }
        if (informational) {
          informational = !(chunk instanceof LastHttpContent);
          return;
        }
        if (head == null) {
          return;
        }
        ByteBuf bytes = chunk.content();
        int n = bytes.readableBytes();
        received += n;
        if (received > spec.maxBody()) {
          end(Failure.bad(Reason.TOO_LARGE, "body exceeds max_body " + spec.maxBody() + " bytes"));
          return;
        }
        if (content != null && n > 0) {
          content.writeBytes(toArray(bytes));
        }
        if (chunk instanceof LastHttpContent) {
          complete();
        }
      }
    }

    private void complete() {
      clock.stop(System.nanoTime());
      done = true;
      byte[] kept = content == null ? NO_BODY : content.toByteArray();
      Response response = new Response(head.status().code(), head.headers(), kept, received,
          HttpUtil.getCharset(head, StandardCharsets.UTF_8));
      responded(this, response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (done || finished) {
        return;
      }
      DecompressionException inflating = Failures.find(cause, DecompressionException.class);
      if (Failures.isTls(cause)) {
        end(Failure.bad(Reason.TLS, "TLS error with " + remote + ": " + TlsClient.describeFailure(cause)));
      } else if (inflating != null && String.valueOf(inflating.getMessage()).contains("maximum size")) {
        end(Failure.bad(Reason.TOO_LARGE, "body exceeds max_body " + spec.maxBody() + " bytes"));
      } else if (cause instanceof DecoderException) {
        end(Failure.bad(Reason.PROTOCOL, "malformed HTTP response from " + remote + ": "
            + Failures.describe(cause)));
      } else if (firstByteAt == 0 && Failures.isReset(cause)) {
        end(resetBeforeResponse());
      } else {
        end(Failure.bad(Reason.PROTOCOL, "connection to " + remote + " failed " + stage() + ": "
            + Failures.describe(cause)));
      }
    }

    /**
     * The target reset the connection before sending a byte: it did not take the request, like a refused
     * connection (a reset in the middle of a response is a protocol failure instead).
     */
    private Failure resetBeforeResponse() {
      return Failure.bad(Reason.CONNECT, "connection reset by " + remote + " before any response");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (done || finished) {
        return;
      }
      end(Failure.bad(Reason.PROTOCOL, "connection closed by " + remote + " " + stage()));
    }

    private String stage() {
      if (head != null) {
        return "after " + received + " body bytes, before the end of the response";
      }
      return firstByteAt != 0 ? "before the end of the response headers" : "before any response";
    }

    private void end(Failure failure) {
      done = true;
      fail(failure);
    }

    /** Notes when the first response byte arrives, beneath the HTTP codec (and above TLS). */
    private final class FirstByte extends ChannelInboundHandlerAdapter {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
          firstByte();
        }
        ctx.fireChannelRead(msg);
      }
    }
  }

  private static byte[] toArray(ByteBuf bytes) {
    byte[] out = new byte[bytes.readableBytes()];
    bytes.getBytes(bytes.readerIndex(), out);
    return out;
  }
}
