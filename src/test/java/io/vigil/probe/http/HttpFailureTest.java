package io.vigil.probe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vigil.config.HttpSpec;
import io.vigil.probe.HostResolver;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.Reason;
import io.vigil.probe.net.ProbeHarness;
import io.vigil.probe.net.RawServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Targets that refuse, hang, talk garbage, break off or flood: each run ends bad with one precise reason. */
class HttpFailureTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static ProbeHarness harness;

  @BeforeAll
  static void startVertx() {
    harness = new ProbeHarness();
    // the first run in a JVM loads classes on the event loop; timing assertions should not pay for it
    HttpServer warm = harness.await(harness.vertx.createHttpServer().requestHandler(req -> req.response().end())
        .listen(0, "127.0.0.1"));
    run(HttpSpecBuilder.get("http://localhost:" + warm.actualPort() + "/"));
    harness.await(warm.close());
  }

  @AfterAll
  static void stopVertx() {
    harness.close();
  }

  private static ProbeResult run(HttpSpecBuilder spec, Duration timeout, ProbeRuntime runtime) {
    return harness.run(new HttpProbe(ProbeHarness.http("t", timeout, spec.build()), runtime));
  }

  private static ProbeResult run(HttpSpecBuilder spec) {
    return run(spec, TIMEOUT, harness.runtime);
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Test
  void refusedConnectionIsBadWithReasonConnect() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    ProbeResult r = run(HttpSpecBuilder.get("http://127.0.0.1:" + port + "/"));
    assertThat(r.outcome()).isEqualTo(Outcome.BAD);
    assertThat(r.reason()).isEqualTo(Reason.CONNECT);
    assertThat(r.message()).isEqualTo("connection refused by 127.0.0.1:" + port);
    assertThat(r.phases().has(Phase.CONNECT)).isTrue();
    assertThat(r.phases().has(Phase.PROCESSING)).isFalse();
  }

  @Test
  void serverThatNeverAnswersTimesOutOnTimeAndIsDisconnected() throws Exception {
    CompletableFuture<Boolean> disconnected = new CompletableFuture<>();
    try (RawServer server = RawServer.start(s -> {
      RawServer.readHead(s);
      disconnected.complete(RawServer.awaitPeerClose(s, 10_000));
    })) {
      Duration timeout = Duration.ofMillis(500);
      long t0 = System.nanoTime();
      ProbeResult r = run(HttpSpecBuilder.get("http://127.0.0.1:" + server.port() + "/"), timeout, harness.runtime);
      long elapsed = System.nanoTime() - t0;
      assertThat(r.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(r.message()).isEqualTo("timed out after 500ms during processing");
      assertThat(r.durationNanos()).isBetween(timeout.toNanos(), timeout.toNanos() + 300_000_000L);
      assertThat(elapsed).isLessThan(timeout.toNanos() + 400_000_000L);
      assertThat(r.phases().nanos(Phase.PROCESSING)).isGreaterThan(300_000_000L);
      assertThat(disconnected.get(5, TimeUnit.SECONDS)).as("probe closed its connection").isTrue();
    }
  }

  @Test
  void garbageInsteadOfHttpIsBadWithReasonProtocol() {
    try (RawServer server = RawServer.start(s -> {
      RawServer.readHead(s);
      write(s, "SSH-2.0-OpenSSH_9.6\r\nthis is not http\r\n\r\n");
      RawServer.awaitPeerClose(s, 5_000);
    })) {
      ProbeResult r = run(HttpSpecBuilder.get("http://127.0.0.1:" + server.port() + "/"));
      assertThat(r.reason()).isEqualTo(Reason.PROTOCOL);
      assertThat(r.message()).startsWith("not an HTTP response from 127.0.0.1:" + server.port());
      assertThat(r.httpStatus()).isZero();
    }
  }

  @Test
  void closeBeforeAnyResponseIsBadWithReasonProtocol() {
    try (RawServer server = RawServer.start(RawServer::readHead)) {
      ProbeResult r = run(HttpSpecBuilder.get("http://127.0.0.1:" + server.port() + "/"));
      assertThat(r.reason()).isEqualTo(Reason.PROTOCOL);
      assertThat(r.message()).contains("before any response");
    }
  }

  static Stream<Arguments> breakOffs() {
    return Stream.of(arguments("reset", true), arguments("close", false));
  }

  @ParameterizedTest(name = "{0} mid-body")
  @MethodSource("breakOffs")
  void connectionLostMidBodyIsBadWithReasonProtocol(String how, boolean reset) {
    try (RawServer server = RawServer.start(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100));
      Thread.sleep(100);
      if (reset) {
        RawServer.reset(s);
      } else {
        s.close();
      }
    })) {
      ProbeResult r = run(HttpSpecBuilder.get("http://127.0.0.1:" + server.port() + "/"));
      assertThat(r.outcome()).isEqualTo(Outcome.BAD);
      assertThat(r.reason()).as(r.message()).isEqualTo(Reason.PROTOCOL);
      assertThat(r.httpStatus()).isEqualTo(200);
      assertThat(r.message()).contains("127.0.0.1:" + server.port());
    }
  }

  @Test
  void contentLengthOverMaxBodyFailsAtOnceWithoutReadingTheBody() throws Exception {
    CompletableFuture<Boolean> disconnected = new CompletableFuture<>();
    try (RawServer server = RawServer.start(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\nxxxx");
      disconnected.complete(RawServer.awaitPeerClose(s, 10_000));
    })) {
      long t0 = System.nanoTime();
      ProbeResult r = run(HttpSpecBuilder.get("http://127.0.0.1:" + server.port() + "/").maxBody(1 << 20));
      assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(r.message()).isEqualTo("Content-Length 1000000000 exceeds max_body 1048576");
      assertThat(System.nanoTime() - t0).isLessThan(TIMEOUT.toNanos() / 2);
      assertThat(disconnected.get(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void endlessChunkedBodyStopsAsSoonAsMaxBodyIsExceeded() throws Exception {
    AtomicInteger written = new AtomicInteger();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    byte[] chunk = new byte[16 * 1024];
    HttpServer server = harness.await(harness.vertx.createHttpServer().requestHandler(req -> {
      var resp = req.response().setChunked(true);
      resp.closeHandler(v -> closed.complete(null));
      long timer = harness.vertx.setPeriodic(2, id -> {
        if (resp.closed() || written.incrementAndGet() > 5_000) {
          harness.vertx.cancelTimer(id);
          return;
        }
        resp.write(io.vertx.core.buffer.Buffer.buffer(chunk));
      });
      resp.closeHandler(v -> {
        harness.vertx.cancelTimer(timer);
        closed.complete(null);
      });
    }).listen(0, "127.0.0.1"));
    try {
      long t0 = System.nanoTime();
      ProbeResult r = run(HttpSpecBuilder.get("http://127.0.0.1:" + server.actualPort() + "/").maxBody(100_000));
      assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(r.message()).isEqualTo("body exceeds max_body 100000 bytes");
      assertThat(System.nanoTime() - t0).isLessThan(TIMEOUT.toNanos() / 2);
      closed.get(5, TimeUnit.SECONDS);
      assertThat(written.get()).isLessThan(5_000);
    } finally {
      harness.await(server.close());
    }
  }

  @Test
  void unresolvableNameIsBadWithReasonDns() {
    HostResolver failing = (loop, host, preferred, fallback) ->
        Future.failedFuture(new UnknownHostException(host + ": NXDOMAIN"));
    ProbeResult r = run(HttpSpecBuilder.get("http://nowhere.invalid/"), TIMEOUT, harness.runtime.withResolver(failing));
    assertThat(r.reason()).isEqualTo(Reason.DNS);
    assertThat(r.message()).isEqualTo("cannot resolve nowhere.invalid: nowhere.invalid: NXDOMAIN");
    assertThat(r.address()).isEmpty();
    assertThat(r.phases().has(Phase.RESOLVE)).isTrue();
    assertThat(r.phases().has(Phase.CONNECT)).isFalse();
  }

  @Test
  void proberOwnNetworkDownIsInvalid() {
    HostResolver offline = (loop, host, preferred, fallback) ->
        Future.failedFuture(new SocketException("Network is unreachable"));
    ProbeResult r = run(HttpSpecBuilder.get("http://example.invalid/"), TIMEOUT, harness.runtime.withResolver(offline));
    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.reason()).isEqualTo(Reason.PROBER_NETWORK);
  }

  @Test
  void resolutionThatNeverAnswersTimesOutDuringResolve() {
    HostResolver silent = (loop, host, preferred, fallback) -> io.vertx.core.Promise.<List<InetAddress>>promise()
        .future();
    ProbeResult r = run(HttpSpecBuilder.get("http://slow.invalid/"), Duration.ofMillis(300),
        harness.runtime.withResolver(silent));
    assertThat(r.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(r.message()).isEqualTo("timed out after 300ms during resolve");
  }

  @Test
  void hostNameResolvesThroughTheRuntimeResolver() {
    try (RawServer server = RawServer.start(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 204 No Content\r\n\r\n");
      RawServer.awaitPeerClose(s, 5_000);
    })) {
      ProbeResult r = run(HttpSpecBuilder.get("http://localhost:" + server.port() + "/"));
      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.address()).isEqualTo("127.0.0.1:" + server.port());
    }
  }

  /** Binds an HTTP server answering {@code status} on both loopbacks at one port; skips without IPv6. */
  private static HttpServer[] dualStack(int v4Status, int v6Status) {
    for (int attempt = 0; attempt < 5; attempt++) {
      HttpServer v4 = harness.await(harness.vertx.createHttpServer()
          .requestHandler(req -> req.response().setStatusCode(v4Status).end("v4")).listen(0, "127.0.0.1"));
      try {
        HttpServer v6 = harness.vertx.createHttpServer(new HttpServerOptions())
            .requestHandler(req -> req.response().setStatusCode(v6Status).end("v6"))
            .listen(v4.actualPort(), "::1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return new HttpServer[] {v4, v6};
      } catch (Exception unavailable) {
        harness.await(v4.close());
      }
    }
    Assumptions.abort("::1 is not available for a dual-stack server");
    return null;
  }

  private static HostResolver bothLoopbacks() throws UnknownHostException {
    List<InetAddress> both = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
    return (loop, host, preferred, fallback) -> host.equals("localhost")
        ? Future.succeededFuture(both)
        : Future.failedFuture(new UnknownHostException(host));
  }

  @Test
  void everyAddressIsProbedAndOneFailingAddressMakesTheRunBad() throws Exception {
    HttpServer[] servers = dualStack(200, 503);
    try {
      int port = servers[0].actualPort();
      ProbeResult r = run(HttpSpecBuilder.get("http://localhost:" + port + "/").addresses(HttpSpec.Addresses.ALL),
          TIMEOUT, harness.runtime.withResolver(bothLoopbacks()));
      assertThat(r.outcome()).isEqualTo(Outcome.BAD);
      assertThat(r.reason()).isEqualTo(Reason.STATUS);
      assertThat(r.message()).isEqualTo("[::1] status: 503 not in [200-399]");
      assertThat(r.checks()).extracting(c -> c.name() + "=" + c.passed())
          .containsExactly("[127.0.0.1] status=true", "[::1] status=false");
      assertThat(r.address()).isEqualTo("[::1]:" + port);
      assertThat(r.httpStatus()).isEqualTo(503);
      assertThat(r.phases().has(Phase.RESOLVE)).isTrue();
      assertThat(r.phases().has(Phase.PROCESSING)).isTrue();
    } finally {
      harness.await(servers[0].close());
      harness.await(servers[1].close());
    }
  }

  @Test
  void everyAddressGoodMakesTheRunGood() throws Exception {
    HttpServer[] servers = dualStack(200, 200);
    try {
      int port = servers[0].actualPort();
      ProbeResult r = run(HttpSpecBuilder.get("http://localhost:" + port + "/").addresses(HttpSpec.Addresses.ALL),
          TIMEOUT, harness.runtime.withResolver(bothLoopbacks()));
      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.checks()).hasSize(2);
      ProbeResult first = run(HttpSpecBuilder.get("http://localhost:" + port + "/"), TIMEOUT,
          harness.runtime.withResolver(bothLoopbacks()));
      assertThat(first.address()).isEqualTo("127.0.0.1:" + port);
      assertThat(first.checks()).extracting(c -> c.name()).containsExactly("status");
    } finally {
      harness.await(servers[0].close());
      harness.await(servers[1].close());
    }
  }

  @Test
  void unreachableSecondAddressNamesItsAddress() throws Exception {
    HttpServer v4 = harness.await(harness.vertx.createHttpServer()
        .requestHandler(req -> req.response().end()).listen(0, "127.0.0.1"));
    try {
      int port = v4.actualPort();
      ProbeResult r = run(HttpSpecBuilder.get("http://localhost:" + port + "/").addresses(HttpSpec.Addresses.ALL),
          TIMEOUT, harness.runtime.withResolver(bothLoopbacks()));
      assertThat(r.reason()).isEqualTo(Reason.CONNECT);
      assertThat(r.message()).startsWith("[::1] ").contains("[::1]:" + port);
    } finally {
      harness.await(v4.close());
    }
  }
}
