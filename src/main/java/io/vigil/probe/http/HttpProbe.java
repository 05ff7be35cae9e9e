package io.vigil.probe.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Future;
import io.vigil.config.BasicAuth;
import io.vigil.config.HttpSpec;
import io.vigil.config.ProbeConfig;
import io.vigil.config.Secret;
import io.vigil.config.TlsSpec;
import io.vigil.probe.LoopStalls;
import io.vigil.probe.Probe;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.net.Dialer;
import io.vigil.probe.tls.TlsClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Probes an HTTP or HTTPS endpoint with one request per run, on fresh Netty connections (never pooled, always
 * {@code Connection: close}) so that every run measures resolve, connect, TLS, processing and transfer.
 *
 * <p>A run is good when the final response (after redirects, when followed) meets every assertion of
 * {@code expect} within the timeout. It is bad with exactly one reason otherwise: {@code dns}, {@code connect},
 * {@code tls}, {@code cert}, {@code timeout}, {@code protocol}, {@code too_large}, {@code status}, {@code body},
 * {@code json}, {@code header} or {@code duration}. It is invalid when the status is listed in
 * {@code invalid_status}, or when the prober's own network failed ({@code prober_network}).
 *
 * <p>Everything per probe is prepared here, once: the parsed URL, the connection settings, the TLS context,
 * the judge (with the binder's compiled expressions), the request body and credentials.
 */
public final class HttpProbe implements Probe {
  static final String USER_AGENT = "Vigil/0.1";
  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

  final String name;
  final Clock clock;
  final LoopStalls stalls;
  final Duration timeout;
  final HttpSpec spec;
  final Target target;
  final HttpMethod method;
  final byte[] body;
  final boolean everyAddress;
  final Dialer dialer;
  /** The TLS client, or {@code null} when the probe can never reach an https URL. */
  final TlsClient tls;
  final ResponseJudge judge;
  /**
   * Most bytes one compressed chunk may inflate to: just over {@code max_body}, so a chunk that would exceed
   * it fails at once (a {@code DecompressionException}) instead of inflating fully first.
   */
  final int inflateLimit;
  private final String authorization;

  /**
   * Prepares the probe. Reads the TLS files and trust store, so build probes off the event loop (at config
   * load), never per run.
   *
   * @throws IllegalArgumentException when the URL, method or a TLS file is unusable
   */
  public HttpProbe(ProbeConfig config, ProbeRuntime runtime) {
    this.name = config.name();
    this.clock = runtime.clock();
    this.stalls = runtime.stalls();
    this.timeout = config.timeout();
    this.spec = config.http();
    this.target = Target.of(spec.url());
    this.method = HttpMethod.valueOf(spec.method() == null || spec.method().isEmpty() ? "GET" : spec.method());
    this.body = spec.body() == null ? new byte[0] : spec.body().getBytes(StandardCharsets.UTF_8);
    this.everyAddress = spec.addresses() == HttpSpec.Addresses.ALL;
    this.dialer = new Dialer(config, runtime, spec.ipProtocol(), spec.ipProtocolFallback());
    TlsSpec tlsSpec = spec.tls() == null ? TlsSpec.DEFAULT_ON : spec.tls();
    this.tls = target.https() || spec.followRedirects() ? TlsClient.create(tlsSpec) : null;
    this.judge = new ResponseJudge(spec);
    this.inflateLimit = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(spec.maxBody() + 1, 8192));
    this.authorization = authorization(spec.auth());
  }

  private static String authorization(HttpSpec.Auth auth) {
    if (auth == null || auth.isNone()) {
      return null;
    }
    if (!auth.bearer().isEmpty()) {
      return "Bearer " + auth.bearer().reveal();
    }
    return "Basic " + BasicAuth.token(auth.user(), auth.password().reveal());
  }

  @Override
  public Future<ProbeResult> run(EventLoop loop) {
    return new HttpRun(this, loop).start();
  }

  /**
   * The request for one hop. Defaults first, then credentials, then the configured headers (which override
   * both). Credentials and sensitive headers ({@link HttpSpec#sensitiveHeader}) only travel to the probe's own
   * origin (same scheme, host and port): a redirect elsewhere, or from https down to http, gets the others only.
   * {@code Connection: close} and the body's {@code Content-Length} always hold.
   */
  FullHttpRequest request(Target to, HttpMethod hopMethod, byte[] hopBody) {
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, hopMethod, to.pathAndQuery(),
        Unpooled.wrappedBuffer(hopBody));
    HttpHeaders h = req.headers();
    h.set(HttpHeaderNames.HOST, to.hostHeader());
    h.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
    h.set(HttpHeaderNames.ACCEPT, "*/*");
    h.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip, deflate");
    boolean home = to.sameOrigin(target);
    if (authorization != null && home) {
      h.set(HttpHeaderNames.AUTHORIZATION, authorization);
    }
    for (Map.Entry<String, Secret> e : spec.headers().entrySet()) {
      if (home || !HttpSpec.sensitiveHeader(e.getKey())) {
        h.set(e.getKey(), e.getValue().reveal());
      }
    }
    if (hopBody.length > 0 || METHODS_WITH_BODY.contains(hopMethod.name())) {
      h.setInt(HttpHeaderNames.CONTENT_LENGTH, hopBody.length);
    } else {
      h.remove(HttpHeaderNames.CONTENT_LENGTH);
    }
    h.remove(HttpHeaderNames.TRANSFER_ENCODING);
    h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return req;
  }
}
