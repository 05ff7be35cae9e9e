package io.vigil.faults;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vigil.config.DnsSpec;
import io.vigil.config.IpProtocol;
import io.vigil.config.ProbeConfig;
import io.vigil.config.ProbeType;
import io.vigil.config.TcpSpec;
import io.vigil.config.TlsSpec;
import io.vigil.probe.Reason;
import io.vigil.probe.http.HttpSpecBuilder;
import io.vigil.probe.net.RawServer;
import io.vigil.testing.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Every kind of hostile target Vigil must survive, on loopback, with the probe that meets it and what that
 * probe must report: a plain TCP or TLS server for each misbehaviour of a web server, TLS servers with bad
 * certificates, DNS servers that answer wrongly or not at all, and TCP services that flood, stall or feed a
 * pattern text it backtracks on. {@link #close()} stops every server.
 */
public final class HostileTargets implements AutoCloseable {
  /**
   * One hostile target and the probe against it.
   *
   * @param name what the target does
   * @param probe a probe of the target (built for a given timeout and interval)
   * @param reason the reason the run must name
   * @param message a pattern the run's message must contain
   * @param timesOut whether the run ends at its timeout (rather than as soon as the target misbehaves)
   */
  public record Case(String name, Function<Duration, ProbeConfig> probe, Reason reason, Pattern message,
      boolean timesOut) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Text that makes {@code ^(a+)+b} backtrack exponentially (in full and in any prefix): many a's, no b. */
  static final String BACKTRACKING_TEXT = "a".repeat(5_000) + "!";
  static final Pattern BACKTRACKING_PATTERN = Pattern.compile("^(a+)+b");

  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final List<Case> cases = new ArrayList<>();
  private final TestCerts certs;

  public HostileTargets(Path certDir) throws Exception {
    certs = TestCerts.create(certDir);
    TlsSpec trustCa = new TlsSpec(true, false, certs.caFile(), "", null, null);

    int silent = raw(s -> {
      RawServer.readHead(s);
      RawServer.awaitPeerClose(s, 30_000);
    });
    http("accept and never answer", "http://127.0.0.1:" + silent + "/", b -> b, Reason.TIMEOUT,
        "^timed out after \\S+ during processing$", true);

    int reset = raw(RawServer::reset);
    http("reset on connect", "http://127.0.0.1:" + reset + "/", b -> b, Reason.CONNECT,
        "^connection reset by 127\\.0\\.0\\.1:\\d+", false);

    int midBody = raw(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n" + "x".repeat(500));
      Thread.sleep(50);
      RawServer.reset(s);
    });
    http("reset mid-body", "http://127.0.0.1:" + midBody + "/", b -> b, Reason.PROTOCOL,
        "after 500 body bytes, before the end of the response", false);

    int garbage = raw(s -> {
      RawServer.readHead(s);
      write(s, "SSH-2.0-OpenSSH_9.6\r\n\u0000\u0001\u0002 not http at all\r\n\r\n");
      RawServer.awaitPeerClose(s, 30_000);
    });
    http("garbage instead of HTTP", "http://127.0.0.1:" + garbage + "/", b -> b, Reason.PROTOCOL,
        "^not an HTTP response from 127\\.0\\.0\\.1:\\d+", false);

    int endless = raw(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      String chunk = Integer.toHexString(16_384) + "\r\n" + "z".repeat(16_384) + "\r\n";
      for (int i = 0; i < 20_000; i++) { // ends when the probe hangs up (a write fails) or after 320 MiB
        write(s, chunk);
      }
    });
    http("endless body", "http://127.0.0.1:" + endless + "/", b -> b, Reason.TOO_LARGE,
        "^body exceeds max_body 1048576 bytes$", false);
    http("endless body kept for a body assertion", "http://127.0.0.1:" + endless + "/",
        b -> b.bodyMatches("never-there"), Reason.TOO_LARGE, "^body exceeds max_body 1048576 bytes$", false);

    int drip = raw(s -> {
      RawServer.readHead(s);
      byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
      OutputStream out = s.getOutputStream();
      for (byte b : response) {
        out.write(b);
        out.flush();
        Thread.sleep(1_000);
      }
    });
    http("slow drip, one byte a second", "http://127.0.0.1:" + drip + "/", b -> b, Reason.TIMEOUT,
        "^timed out after \\S+ during transfer$", true);

    int hugeHeader = raw(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nX-Huge: " + "h".repeat(256 * 1024) + "\r\nContent-Length: 0\r\n\r\n");
      RawServer.awaitPeerClose(s, 30_000);
    });
    http("huge header", "http://127.0.0.1:" + hugeHeader + "/", b -> b, Reason.TOO_LARGE,
        "^response head from 127\\.0\\.0\\.1:\\d+ exceeds the limits", false);

    int loop = raw(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });
    http("redirect loop", "http://127.0.0.1:" + loop + "/again", b -> b, Reason.STATUS,
        "^redirects: redirect loop http://127\\.0\\.0\\.1:\\d+/again -> ", false);

    byte[] bomb = gzipOfZeros(64 << 20);
    int gzip = raw(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n");
      s.getOutputStream().write(bomb);
      s.getOutputStream().flush();
      RawServer.awaitPeerClose(s, 30_000);
    });
    http("gzip bomb (64 MiB of zeros)", "http://127.0.0.1:" + gzip + "/", b -> b, Reason.TOO_LARGE,
        "^body exceeds max_body 1048576 bytes$", false);

    int backtracking = raw(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nContent-Length: " + BACKTRACKING_TEXT.length() + "\r\n\r\n" + BACKTRACKING_TEXT);
      RawServer.awaitPeerClose(s, 30_000);
    });
    http("body a pattern backtracks on", "http://127.0.0.1:" + backtracking + "/",
        b -> b.bodyMatches(BACKTRACKING_PATTERN.pattern()), Reason.BODY, "gave up", false);

    int expired = https(certs.expiredServer());
    http("TLS certificate expired", "https://localhost:" + expired + "/", b -> b.tls(trustCa), Reason.CERT,
        "expired", false);
    int selfSigned = https(certs.selfSignedServer());
    http("TLS certificate self-signed", "https://localhost:" + selfSigned + "/", b -> b.tls(trustCa), Reason.CERT,
        "certificat", false);
    int wrongHost = https(certs.wrongHostServer());
    http("TLS certificate for another host", "https://localhost:" + wrongHost + "/", b -> b.tls(trustCa),
        Reason.CERT, "localhost", false);
    int stall = raw(s -> RawServer.awaitPeerClose(s, 30_000));
    http("TLS handshake stalls", "https://127.0.0.1:" + stall + "/", b -> b.tls(trustCa), Reason.TIMEOUT,
        "^timed out after \\S+ during tls$", true);

    dns("DNS answers garbage", HostileDns.Mode.GARBAGE, Reason.PROTOCOL, "^malformed answer from 127\\.0\\.0\\.1:\\d+",
        false);
    dns("DNS answer cut short", HostileDns.Mode.CUT_SHORT, Reason.PROTOCOL,
        "^malformed answer from 127\\.0\\.0\\.1:\\d+ over UDP", false);
    dns("DNS answers under a wrong ID", HostileDns.Mode.WRONG_ID, Reason.PROTOCOL,
        "^no matching answer within \\S+: answer ID \\d+ does not match query ID \\d+$", true);
    dns("DNS never answers", HostileDns.Mode.SILENT, Reason.TIMEOUT, "^no answer from 127\\.0\\.0\\.1:\\d+ within",
        true);
    dns("DNS truncated, TCP refused", HostileDns.Mode.TRUNCATED_FLAG, Reason.CONNECT,
        "^cannot reach 127\\.0\\.0\\.1:\\d+ over TCP", false);

    int banner = raw(s -> RawServer.awaitPeerClose(s, 30_000));
    tcp("TCP accepts and never sends", banner, Pattern.compile("^220 "), Reason.TIMEOUT,
        "^timed out after \\S+ during processing waiting for", true);
    tcp("TCP resets on connect", reset, Pattern.compile("^220 "), Reason.CONNECT,
        "^connection reset by 127\\.0\\.0\\.1:\\d+$", false);
    int flood = raw(s -> {
      byte[] block = "flood ".repeat(2_000).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 10_000; i++) { // ends when the probe hangs up, or after 120 MB
        s.getOutputStream().write(block);
      }
    });
    tcp("TCP floods without a match", flood, Pattern.compile("^220 "), Reason.TOO_LARGE,
        "^over 1048576 bytes received without a match", false);
    int tcpBacktracking = raw(s -> {
      write(s, BACKTRACKING_TEXT);
      RawServer.awaitPeerClose(s, 30_000);
    });
    tcp("TCP text a pattern backtracks on", tcpBacktracking, BACKTRACKING_PATTERN, Reason.EXPECT, "gave up", false);
  }

  public List<Case> cases() {
    return List.copyOf(cases);
  }

  private int raw(RawServer.Handler handler) {
    RawServer server = RawServer.start(handler);
    servers.add(server);
    return server.port();
  }

  private int https(TestCerts.Issued cert) throws Exception {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(cert.keyCertOptions())).requestHandler(req -> req.response().end("secure"))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private void http(String name, String url, Function<HttpSpecBuilder, HttpSpecBuilder> tune, Reason reason,
      String message, boolean timesOut) {
    HttpSpecBuilder spec = tune.apply(HttpSpecBuilder.get(url));
    cases.add(new Case(name, timeout -> new ProbeConfig(slug(name), "hostile", name, ProbeType.HTTP,
        Duration.ofSeconds(1), timeout, Map.of(), spec.build(), null, null, "hostile"), reason,
        Pattern.compile(message), timesOut));
  }

  private void dns(String name, HostileDns.Mode mode, Reason reason, String message, boolean timesOut) {
    HostileDns server = HostileDns.start(mode);
    servers.add(server);
    DnsSpec spec = new DnsSpec(server.hostPort(), "www.vigil.test", DnsSpec.RecordType.A, DnsSpec.Transport.UDP,
        true, DnsSpec.DnsExpect.DEFAULT);
    cases.add(new Case(name, timeout -> new ProbeConfig(slug(name), "hostile", name, ProbeType.DNS,
        Duration.ofSeconds(1), timeout, Map.of(), null, null, spec, "hostile"), reason, Pattern.compile(message),
        timesOut));
  }

  private void tcp(String name, int port, Pattern expect, Reason reason, String message, boolean timesOut) {
    TcpSpec spec = new TcpSpec("127.0.0.1", port, TlsSpec.OFF, List.of(TcpSpec.Step.expect(expect)), null,
        IpProtocol.IP4, true);
    cases.add(new Case(name, timeout -> new ProbeConfig(slug(name), "hostile", name, ProbeType.TCP,
        Duration.ofSeconds(1), timeout, Map.of(), null, spec, null, "hostile"), reason, Pattern.compile(message),
        timesOut));
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static byte[] gzipOfZeros(int size) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      byte[] zeros = new byte[1 << 16];
      for (int written = 0; written < size; written += zeros.length) {
        gz.write(zeros);
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : servers) {
      c.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
