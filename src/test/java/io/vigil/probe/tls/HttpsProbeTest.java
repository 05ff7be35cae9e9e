package io.vigil.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vigil.config.TlsSpec;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.probe.TlsFacts;
import io.vigil.probe.http.HttpProbe;
import io.vigil.probe.http.HttpSpecBuilder;
import io.vigil.probe.net.ProbeHarness;
import io.vigil.probe.net.RawServer;
import io.vigil.testing.TestCerts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTPS probes against loopback servers with certificates made in the test. */
class HttpsProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir
  static Path dir;

  private static ProbeHarness harness;
  private static TestCerts certs;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeAll
  static void setUp() {
    harness = new ProbeHarness();
    certs = TestCerts.create(dir);
    warmUp();
  }

  /** The first handshake in a JVM loads the TLS stack on the event loop; timing tests should not pay for it. */
  private static void warmUp() {
    HttpServer server = harness.await(harness.vertx.createHttpServer(new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(certs.server("localhost").keyCertOptions())).requestHandler(req -> req.response().end())
        .listen(0, "127.0.0.1"));
    run(HttpSpecBuilder.get("https://localhost:" + server.actualPort() + "/")
        .tls(new TlsSpec(true, false, certs.caFile(), "", null, null)));
    harness.await(server.close());
  }

  @AfterAll
  static void tearDown() {
    harness.close();
  }

  private TlsSpec trustingCa() {
    return new TlsSpec(true, false, certs.caFile(), "", null, null);
  }

  private HttpServer https(TestCerts.Issued cert, Function<HttpServerOptions, HttpServerOptions> tune) {
    HttpServerOptions options = tune.apply(new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(cert.keyCertOptions()));
    return harness.await(harness.vertx.createHttpServer(options).requestHandler(req -> {
      requests.incrementAndGet();
      req.response().end("secure");
    }).listen(0, "127.0.0.1"));
  }

  private HttpServer https(TestCerts.Issued cert) {
    return https(cert, o -> o);
  }

  private static ProbeResult run(HttpSpecBuilder spec, Duration timeout) {
    return harness.run(new HttpProbe(ProbeHarness.http("tls", timeout, spec.build()), harness.runtime));
  }

  private static ProbeResult run(HttpSpecBuilder spec) {
    return run(spec, TIMEOUT);
  }

  @Test
  void validChainFromCaFileIsGoodAndRecordsFacts() {
    TestCerts.Issued cert = certs.server("localhost");
    HttpServer server = https(cert);
    try {
      for (String host : new String[] {"localhost", "127.0.0.1"}) {
        ProbeResult r = run(HttpSpecBuilder.get("https://" + host + ":" + server.actualPort() + "/")
            .tls(trustingCa()).bodyMatches("secure"));
        assertThat(r.outcome()).as(host + ": " + r.message()).isEqualTo(Outcome.GOOD);
        TlsFacts tls = r.tls();
        assertThat(tls.protocol()).startsWith("TLSv1.");
        assertThat(tls.cipher()).isNotBlank();
        assertThat(tls.chainVerified()).isTrue();
        assertThat(tls.verifyError()).isEmpty();
        assertThat(tls.leafSubject()).isEqualTo("CN=localhost,O=Vigil Tests");
        assertThat(tls.leafIssuer()).isEqualTo("CN=Vigil Test CA,O=Vigil Tests");
        assertThat(tls.subjectAltNames()).containsExactly("localhost");
        assertThat(tls.earliestExpiry()).isEqualTo(cert.cert().getNotAfter().toInstant());
        assertThat(r.phases().nanos(Phase.TLS)).isPositive();
        assertThat(r.checks()).extracting(c -> c.name() + "=" + c.passed())
            .containsExactly("certificate=true", "status=true", "body_matches=true");
      }
    } finally {
      harness.await(server.close());
    }
  }

  static Stream<Arguments> untrusted() {
    return Stream.of(
        arguments("self-signed", (Function<TestCerts, TestCerts.Issued>) TestCerts::selfSignedServer,
            "unable to find valid certification path"),
        arguments("expired", (Function<TestCerts, TestCerts.Issued>) TestCerts::expiredServer, "expired"),
        arguments("wrong host", (Function<TestCerts, TestCerts.Issued>) TestCerts::wrongHostServer, "localhost"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("untrusted")
  void unverifiableCertificateIsBadWithReasonCertButFactsAreKept(String name,
      Function<TestCerts, TestCerts.Issued> issue, String errorMentions) {
    TestCerts.Issued cert = issue.apply(certs);
    HttpServer server = https(cert);
    try {
      ProbeResult r = run(HttpSpecBuilder.get("https://localhost:" + server.actualPort() + "/").tls(trustingCa()));
      assertThat(r.outcome()).isEqualTo(Outcome.BAD);
      assertThat(r.reason()).isEqualTo(Reason.CERT);
      assertThat(r.message()).startsWith("certificate: ").containsIgnoringCase(errorMentions);
      assertThat(r.tls()).isNotNull();
      assertThat(r.tls().chainVerified()).isFalse();
      assertThat(r.tls().verifyError()).containsIgnoringCase(errorMentions);
      assertThat(r.tls().leafSubject()).isEqualTo(cert.cert().getSubjectX500Principal().getName());
      assertThat(r.tls().earliestExpiry()).isEqualTo(cert.cert().getNotAfter().toInstant());
      assertThat(r.phases().has(Phase.PROCESSING)).isFalse();
      assertThat(requests.get()).as("no request byte after a failed verification").isZero();
    } finally {
      harness.await(server.close());
    }
  }

  @Test
  void insecureAcceptsSelfSignedButRecordsTheChainAsUnverified() {
    HttpServer server = https(certs.selfSignedServer());
    try {
      ProbeResult r = run(HttpSpecBuilder.get("https://localhost:" + server.actualPort() + "/")
          .tls(new TlsSpec(true, true, null, "", null, null)));
      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.tls().chainVerified()).isFalse();
      assertThat(r.tls().verifyError()).isNotBlank();
      assertThat(requests.get()).isEqualTo(1);
    } finally {
      harness.await(server.close());
    }
  }

  @Test
  void clientCertificateSatisfiesAServerThatRequiresOne() {
    TestCerts.Issued client = certs.client("vigil-prober");
    HttpServer server = https(certs.server("localhost"), o -> o.setClientAuth(ClientAuth.REQUIRED)
        .setTrustOptions(new PemTrustOptions().addCertPath(certs.caFile().toString())));
    try {
      String url = "https://localhost:" + server.actualPort() + "/";
      ProbeResult with = run(HttpSpecBuilder.get(url)
          .tls(new TlsSpec(true, false, certs.caFile(), "", client.certFile(), client.keyFile())));
      assertThat(with.outcome()).as(with.message()).isEqualTo(Outcome.GOOD);
      ProbeResult without = run(HttpSpecBuilder.get(url).tls(trustingCa()));
      assertThat(without.outcome()).isEqualTo(Outcome.BAD);
      assertThat(without.reason()).as(without.message()).isEqualTo(Reason.TLS);
      assertThat(without.message()).contains("bad_certificate");
      assertThat(requests.get()).isEqualTo(1);
    } finally {
      harness.await(server.close());
    }
  }

  @Test
  void certExpiresAfterChecksTheEarliestExpiry() {
    Instant now = Instant.now();
    TestCerts.Issued cert = certs.server("localhost", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
    HttpServer server = https(cert);
    try {
      String url = "https://localhost:" + server.actualPort() + "/";
      ProbeResult soon = run(HttpSpecBuilder.get(url).tls(trustingCa()).certExpiresAfter(Duration.ofDays(14)));
      assertThat(soon.reason()).isEqualTo(Reason.CERT);
      assertThat(soon.message()).startsWith("cert_expires_after: earliest expiry ")
          .contains(cert.cert().getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS).toString())
          .endsWith("is in 9d, < 14d");
      assertThat(requests.get()).isZero();
      ProbeResult fine = run(HttpSpecBuilder.get(url).tls(trustingCa()).certExpiresAfter(Duration.ofDays(5)));
      assertThat(fine.outcome()).as(fine.message()).isEqualTo(Outcome.GOOD);
      assertThat(fine.checks()).extracting(c -> c.name()).contains("cert_expires_after");
    } finally {
      harness.await(server.close());
    }
  }

  @Test
  void serverThatStallsTheHandshakeTimesOutDuringTls() {
    try (RawServer server = RawServer.start(s -> RawServer.awaitPeerClose(s, 10_000))) {
      Duration timeout = Duration.ofMillis(400);
      ProbeResult r = run(HttpSpecBuilder.get("https://127.0.0.1:" + server.port() + "/").tls(trustingCa()), timeout);
      assertThat(r.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(r.message()).isEqualTo("timed out after 400ms during tls");
      assertThat(r.durationNanos()).isBetween(timeout.toNanos(), timeout.toNanos() + 300_000_000L);
      assertThat(r.tls()).isNull();
    }
  }

  @Test
  void plaintextServerOnHttpsUrlIsBadWithReasonTls() {
    HttpServer plain = harness.await(harness.vertx.createHttpServer()
        .requestHandler(req -> req.response().end("plain")).listen(0, "127.0.0.1"));
    try {
      ProbeResult r = run(HttpSpecBuilder.get("https://127.0.0.1:" + plain.actualPort() + "/").tls(trustingCa()));
      assertThat(r.outcome()).isEqualTo(Outcome.BAD);
      assertThat(r.reason()).as(r.message()).isEqualTo(Reason.TLS);
      assertThat(r.message()).isEqualTo("TLS handshake with 127.0.0.1:" + plain.actualPort()
          + " failed: the server did not answer with TLS (not an SSL/TLS record)");
    } finally {
      harness.await(plain.close());
    }
  }

  @Test
  void serverNameIsSentAsSniAndVerifiedInsteadOfTheHost() {
    AtomicReference<String> sni = new AtomicReference<>();
    TestCerts.Issued cert = certs.server("vigil.test");
    HttpServer server = harness.await(harness.vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
        .setKeyCertOptions(cert.keyCertOptions())).requestHandler(req -> {
          sni.set(req.connection().indicatedServerName());
          req.response().end();
        }).listen(0, "127.0.0.1"));
    try {
      String url = "https://127.0.0.1:" + server.actualPort() + "/";
      ProbeResult named = run(HttpSpecBuilder.get(url).tls(new TlsSpec(true, false, certs.caFile(), "vigil.test", null,
          null)));
      assertThat(named.outcome()).as(named.message()).isEqualTo(Outcome.GOOD);
      assertThat(sni.get()).isEqualTo("vigil.test");
      ProbeResult byIp = run(HttpSpecBuilder.get(url).tls(trustingCa()));
      assertThat(byIp.reason()).isEqualTo(Reason.CERT);
      assertThat(byIp.message()).contains("127.0.0.1");
    } finally {
      harness.await(server.close());
    }
  }

  @Test
  void everyRunVerifiesAFullHandshakeInsteadOfResumingASession() {
    Set<String> sessions = ConcurrentHashMap.newKeySet();
    HttpServerOptions options = new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(certs.server("localhost").keyCertOptions())
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2"));
    HttpServer server = harness.await(harness.vertx.createHttpServer(options).requestHandler(req -> {
      sessions.add(HexFormat.of().formatHex(req.connection().sslSession().getId()));
      req.response().end();
    }).listen(0, "127.0.0.1"));
    try {
      HttpProbe probe = new HttpProbe(ProbeHarness.http("again", TIMEOUT,
          HttpSpecBuilder.get("https://localhost:" + server.actualPort() + "/").tls(trustingCa()).build()),
          harness.runtime);
      for (int i = 0; i < 3; i++) {
        ProbeResult r = harness.run(probe);
        assertThat(r.outcome()).as("run " + i + ": " + r.message()).isEqualTo(Outcome.GOOD);
        assertThat(r.tls().protocol()).isEqualTo("TLSv1.2");
        assertThat(r.tls().chainVerified()).isTrue();
      }
      assertThat(sessions).as("a new session per run, none resumed").hasSize(3);
    } finally {
      harness.await(server.close());
    }
  }

  @Test
  void redirectFromPlainHttpToHttpsUsesTls() {
    HttpServer secure = https(certs.server("localhost"));
    HttpServer plain = harness.await(harness.vertx.createHttpServer().requestHandler(req -> req.response()
        .setStatusCode(301).putHeader("Location", "https://localhost:" + secure.actualPort() + "/").end())
        .listen(0, "127.0.0.1"));
    try {
      ProbeResult r = run(HttpSpecBuilder.get("http://localhost:" + plain.actualPort() + "/").tls(trustingCa())
          .bodyMatches("secure"));
      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.redirects()).isEqualTo(1);
      assertThat(r.tls().chainVerified()).isTrue();
      assertThat(r.phases().has(Phase.TLS)).isTrue();
    } finally {
      harness.await(plain.close());
      harness.await(secure.close());
    }
  }
}
