package io.vigil.probe.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vertx.core.Handler;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vigil.config.IpProtocol;
import io.vigil.config.TcpSpec;
import io.vigil.config.TlsSpec;
import io.vigil.probe.Check;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.probe.net.ProbeHarness;
import io.vigil.probe.net.RawServer;
import io.vigil.testing.TestCerts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The TCP probe against Vert.x NetServers on loopback: banners, exchanges, early closes, floods and TLS. */
class TcpProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir
  static Path dir;

  private static ProbeHarness harness;
  private static TestCerts certs;

  @BeforeAll
  static void setUp() {
    harness = new ProbeHarness();
    certs = TestCerts.create(dir);
    // the first run in a JVM loads classes on the event loop; timing assertions should not pay for it
    NetServer warm = server(sock -> sock.write("warm"));
    run(warm.actualPort(), expect("warm"));
    harness.await(warm.close());
  }

  @AfterAll
  static void tearDown() {
    harness.close();
  }

  private static NetServer server(NetServerOptions options, Handler<NetSocket> onConnect) {
    return harness.await(harness.vertx.createNetServer(options).connectHandler(onConnect).listen(0, "127.0.0.1"));
  }

  private static NetServer server(Handler<NetSocket> onConnect) {
    return server(new NetServerOptions(), onConnect);
  }

  private static ProbeResult run(int port, TlsSpec tls, Duration certExpiresAfter, Duration timeout,
      TcpSpec.Step... steps) {
    TcpSpec spec = new TcpSpec("127.0.0.1", port, tls, List.of(steps), certExpiresAfter, IpProtocol.IP4, true);
    return harness.run(new TcpProbe(ProbeHarness.tcp("tcp", timeout, spec), harness.runtime));
  }

  private static ProbeResult run(int port, TcpSpec.Step... steps) {
    return run(port, TlsSpec.OFF, null, TIMEOUT, steps);
  }

  private static TcpSpec.Step expect(String regex) {
    return TcpSpec.Step.expect(Pattern.compile(regex));
  }

  private static TcpSpec.Step send(String text) {
    return TcpSpec.Step.send(text);
  }

  @Test
  void connectingAloneIsGoodWithoutSteps() {
    NetServer s = server(sock -> { });
    try {
      ProbeResult r = run(s.actualPort());
      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.address()).isEqualTo("127.0.0.1:" + s.actualPort());
      assertThat(r.phases().has(Phase.RESOLVE)).isTrue();
      assertThat(r.phases().has(Phase.CONNECT)).isTrue();
      assertThat(r.phases().has(Phase.PROCESSING)).isFalse();
      assertThat(r.checks()).isEmpty();
    } finally {
      harness.await(s.close());
    }
  }

  @Test
  void bannerMatchingTheExpectIsGood() {
    NetServer s = server(sock -> sock.write("SSH-2.0-Vigil_1.0\r\n"));
    try {
      ProbeResult r = run(s.actualPort(), expect("^SSH-2\\.0-"));
      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.checks()).extracting(Check::detail).containsExactly("'^SSH-2.0-' matched 'SSH-2.0-'".replace(
          "^SSH-2.0-", "^SSH-2\\\\.0-"));
      assertThat(r.phases().has(Phase.PROCESSING)).isTrue();
    } finally {
      harness.await(s.close());
    }
  }

  /** A line server: greets with "ready", answers PING with +PONG. */
  private static NetServer pingServer() {
    return server(sock -> {
      sock.write("ready\r\n");
      sock.handler(buf -> {
        if (buf.toString().contains("PING")) {
          sock.write("+PONG\r\n");
        }
      });
    });
  }

  @Test
  void sendAndExpectStepsRunInOrder() {
    NetServer s = pingServer();
    try {
      ProbeResult r = run(s.actualPort(), expect("ready"), send("PING\r\n"), expect("\\+PONG"));
      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.checks()).hasSize(2).allMatch(Check::passed);
    } finally {
      harness.await(s.close());
    }
  }

  @Test
  void expectOnlySeesTextReceivedSinceThePreviousMatch() {
    NetServer s = pingServer();
    try {
      ProbeResult r = run(s.actualPort(), TlsSpec.OFF, null, Duration.ofMillis(500), expect("ready"),
          send("PING\r\n"), expect("ready"));
      assertThat(r.reason()).isEqualTo(Reason.EXPECT);
      assertThat(r.message()).isEqualTo("expect: no match for 'ready' within 500ms; received '\\r\\n+PONG\\r\\n'");
    } finally {
      harness.await(s.close());
    }
  }

  @Test
  void connectionClosedBeforeAMatchIsBadWithReasonExpect() {
    NetServer s = server(sock -> sock.end(io.vertx.core.buffer.Buffer.buffer("hello\r\n\u0001")));
    try {
      ProbeResult r = run(s.actualPort(), expect("world"));
      assertThat(r.reason()).isEqualTo(Reason.EXPECT);
      assertThat(r.message()).isEqualTo("expect: connection closed by 127.0.0.1:" + s.actualPort()
          + " before 'world' matched; received 'hello\\r\\n\\x01'");
    } finally {
      harness.await(s.close());
    }
  }

  static Stream<Arguments> silentOrChatty() {
    return Stream.of(
        arguments("nothing received", "", Reason.TIMEOUT, "timed out after 400ms during processing waiting for 'OK'"),
        arguments("no match", "NOPE", Reason.EXPECT, "expect: no match for 'OK' within 400ms; received 'NOPE'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("silentOrChatty")
  void deadlineDuringExpectIsTimeoutOnlyWhenNothingArrived(String name, String banner, Reason reason,
      String message) {
    NetServer s = server(sock -> {
      if (!banner.isEmpty()) {
        sock.write(banner);
      }
    });
    try {
      Duration timeout = Duration.ofMillis(400);
      ProbeResult r = run(s.actualPort(), TlsSpec.OFF, null, timeout, expect("OK"));
      assertThat(r.reason()).isEqualTo(reason);
      assertThat(r.message()).isEqualTo(message);
      assertThat(r.durationNanos()).isBetween(timeout.toNanos(), timeout.toNanos() + 300_000_000L);
      assertThat(r.checks()).extracting(Check::passed).containsExactly(false);
    } finally {
      harness.await(s.close());
    }
  }

  @Test
  void floodWithoutAMatchIsCappedAsTooLarge() {
    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    NetServer s = server(sock -> {
      for (int i = 0; i < 40; i++) {
        sock.write(io.vertx.core.buffer.Buffer.buffer(chunk));
      }
    });
    try {
      ProbeResult r = run(s.actualPort(), expect("never"));
      assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(r.message()).isEqualTo("over 1048576 bytes received without a match for 'never'");
    } finally {
      harness.await(s.close());
    }
  }

  @Test
  void refusedConnectionIsBadWithReasonConnect() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    ProbeResult r = run(port, expect("x"));
    assertThat(r.reason()).isEqualTo(Reason.CONNECT);
    assertThat(r.message()).isEqualTo("connection refused by 127.0.0.1:" + port);
  }

  private static NetServer tlsServer(TestCerts.Issued cert) {
    return server(new NetServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()),
        sock -> sock.write("hello over tls\r\n"));
  }

  @Test
  void tlsConnectionIsVerifiedAndThenExchanges() {
    TestCerts.Issued cert = certs.server("localhost");
    NetServer s = tlsServer(cert);
    try {
      TlsSpec tls = new TlsSpec(true, false, certs.caFile(), "localhost", null, null);
      ProbeResult r = run(s.actualPort(), tls, Duration.ofDays(30), TIMEOUT, expect("^hello"));
      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.tls().chainVerified()).isTrue();
      assertThat(r.tls().earliestExpiry()).isEqualTo(cert.cert().getNotAfter().toInstant());
      assertThat(r.phases().nanos(Phase.TLS)).isPositive();
      assertThat(r.checks()).extracting(Check::name).containsExactly("certificate", "cert_expires_after", "expect");
    } finally {
      harness.await(s.close());
    }
  }

  @Test
  void tlsCertificateProblemsFailBeforeAnyStep() {
    NetServer selfSigned = tlsServer(certs.selfSignedServer());
    Instant now = Instant.now();
    NetServer soon = tlsServer(certs.server("localhost", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3))));
    try {
      TlsSpec tls = new TlsSpec(true, false, certs.caFile(), "localhost", null, null);
      ProbeResult untrusted = run(selfSigned.actualPort(), tls, null, TIMEOUT, expect("^hello"));
      assertThat(untrusted.reason()).isEqualTo(Reason.CERT);
      assertThat(untrusted.tls().chainVerified()).isFalse();
      assertThat(untrusted.phases().has(Phase.PROCESSING)).isFalse();
      ProbeResult expiring = run(soon.actualPort(), tls, Duration.ofDays(7), TIMEOUT, expect("^hello"));
      assertThat(expiring.reason()).isEqualTo(Reason.CERT);
      assertThat(expiring.message()).startsWith("cert_expires_after: ").endsWith("< 7d");
    } finally {
      harness.await(selfSigned.close());
      harness.await(soon.close());
    }
  }

  @Test
  void stalledTlsHandshakeTimesOut() {
    try (RawServer server = RawServer.start(sock -> RawServer.awaitPeerClose(sock, 10_000))) {
      ProbeResult r = run(server.port(), TlsSpec.DEFAULT_ON, null, Duration.ofMillis(400));
      assertThat(r.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(r.message()).isEqualTo("timed out after 400ms during tls");
    }
  }

  @Test
  void plaintextServerOnTlsProbeIsBadWithReasonTls() {
    NetServer s = server(sock -> sock.write("220 plain smtp ready\r\n"));
    try {
      ProbeResult r = run(s.actualPort(), TlsSpec.DEFAULT_ON, null, TIMEOUT);
      assertThat(r.reason()).as(r.message()).isEqualTo(Reason.TLS);
    } finally {
      harness.await(s.close());
    }
  }
}
