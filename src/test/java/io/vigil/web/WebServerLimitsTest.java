package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.Secret;
import io.vigil.probe.net.RawServer;
import io.vigil.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vigil's HTTP port under abuse, over raw sockets: oversized request lines, headers and bodies are refused
 * quickly, slow and idle clients are cut off, connections are bounded, and public paths accept nothing but
 * GET and HEAD.
 */
class WebServerLimitsTest {
  private static final String TOKEN = "admin-token-for-limits";
  private static final ServerLimits LIMITS = new ServerLimits(2048, 4096, 12, 4, Duration.ofMillis(1_500),
      Duration.ofSeconds(30));

  private static Vertx vertx;
  private static WebServer web;
  private static final AtomicInteger reloads = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    web = new WebServer(vertx, List.of(new MetricsEndpoint(vertx, registry), new HealthEndpoint(() -> null),
        new AdminEndpoint(new AdminAuth(() -> Secret.of(TOKEN)), () -> {
          reloads.incrementAndGet();
          return Future.succeededFuture(List.of());
        })), LIMITS);
    web.listen(new HostPort("127.0.0.1", 0)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String base() {
    return "http://127.0.0.1:" + web.actualPort();
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), web.actualPort());
    s.setSoTimeout(10_000);
    return s;
  }

  /** A connection from another loopback address ({@code 127.0.0.<last>}), i.e. from another client. */
  private static Socket connectFrom(int last) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), web.actualPort(),
        InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last}), 0);
    s.setSoTimeout(10_000);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** The status code of the first response on {@code s}, or -1 when the server closed without one. */
  private static int status(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 200; b = in.read()) {
      line.append((char) b);
    }
    String[] parts = line.toString().split(" ");
    return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
  }

  @Test
  void headersOverTheLimitAre431AtOnce() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      send(s, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(8_000) + "\r\n\r\n");
      assertThat(status(s)).isEqualTo(431);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void requestLineOverTheLimitIs414() throws Exception {
    try (Socket s = connect()) {
      send(s, "GET /metrics?" + "q".repeat(4_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(status(s)).isEqualTo(414);
    }
  }

  @ParameterizedTest(name = "{0} {1} with {2}")
  @CsvSource(delimiter = '|', value = {"POST|/-/reload|Content-Length: 10000", "POST|/-/reload|Content-Length: 1000",
      "POST|/-/reload|Transfer-Encoding: chunked", "GET|/-/healthy|Content-Length: 5", "POST|/metrics|Content-Length: 9"})
  void anyRequestBodyIs413FromTheHeadAloneAndTheConnectionCloses(String method, String path, String header)
      throws Exception {
    int before = reloads.get();
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      // the body is announced but never sent: a slow sender would trickle it a byte every few seconds
      send(s, method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n" + header
          + "\r\n\r\n");
      assertThat(status(s)).isEqualTo(413);
      assertThat(RawServer.awaitPeerClose(s, 1_000)).as("connection closed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1_000));
    }
    assertThat(reloads.get()).isEqualTo(before);
    assertThat(Http.post(base() + "/-/reload", "", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(reloads.get()).isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = '|', value = {"/api/v1/events|Transfer-Encoding: chunked|411",
      "/api/v1/events|Content-Length: 16385|413", "/api/v1/incidents/shop-1/postmortem|Content-Length: 99999999999|413",
      "/api/v1/incidents/shop-1/postmortem|Transfer-Encoding: chunked|411"})
  void anAdminApiBodyOverItsBoundOrWithoutALengthIsRefusedFromTheHeadAlone(String path, String header, int status)
      throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      send(s, "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n" + header + "\r\n\r\n");
      assertThat(status(s)).isEqualTo(status);
      assertThat(RawServer.awaitPeerClose(s, 1_000)).as("connection closed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1_000));
    }
  }

  @Test
  void slowHeadersAreCutOffAfterTheHeaderTimeout() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      send(s, "GET /metrics HTTP/1.1\r\nHost: x\r\n");
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) { // one header byte every 100 ms, never finishing
        try {
          send(s, "X");
          closed = RawServer.awaitPeerClose(s, 100);
        } catch (SocketException reset) {
          closed = true;
        }
      }
      long took = System.nanoTime() - t0;
      assertThat(closed).as("slow client cut off").isTrue();
      assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(Duration.ofMillis(1_400))
          .isLessThan(Duration.ofMillis(3_500));
    }
  }

  @Test
  void silentConnectionIsClosedAfterTheHeaderTimeout() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      assertThat(RawServer.awaitPeerClose(s, 5_000)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isBetween(Duration.ofMillis(1_400), Duration.ofMillis(3_500));
    }
  }

  @Test
  void keepAliveConnectionServesRequestAfterRequest() throws Exception {
    try (Socket s = connect()) {
      for (int i = 0; i < 3; i++) {
        send(s, "GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(status(s)).isEqualTo(200);
        skipRestOfResponse(s);
        Thread.sleep(500); // less than the header timeout each time, more than it in total
      }
    }
  }

  private static void skipRestOfResponse(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(Locale.ROOT);
    int at = lower.indexOf("content-length:");
    int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
    in.readNBytes(length);
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAndTheServerStaysUsable() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        sockets.add(connectFrom(10 + i % 10)); // three from each of ten clients, under the per-client cap
      }
      assertThat(closedOf(sockets)).as("connections over the limit of 12")
          .isGreaterThanOrEqualTo(30 - LIMITS.maxConnections());
    } finally {
      closeAll(sockets);
    }
    assertThat(Http.eventually(Duration.ofSeconds(5), WebServerLimitsTest::healthy)).isTrue();
  }

  @Test
  void oneClientCannotHoldMoreThanItsShareWhileOthersAreServed() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        sockets.add(connectFrom(3));
      }
      assertThat(closedOf(sockets)).as("connections from 127.0.0.3 over its cap of 4")
          .isEqualTo(10 - LIMITS.maxConnectionsPerClient());
      assertThat(healthy()).as("another client is served while 127.0.0.3 holds its share").isTrue();
    } finally {
      closeAll(sockets);
    }
  }

  private static int closedOf(List<Socket> sockets) throws IOException {
    int closed = 0;
    for (Socket s : sockets) {
      if (RawServer.awaitPeerClose(s, 300)) {
        closed++;
      }
    }
    return closed;
  }

  private static void closeAll(List<Socket> sockets) throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }

  private static boolean healthy() {
    try {
      return Http.get(base() + "/-/healthy").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"POST,/metrics", "PUT,/metrics", "DELETE,/metrics", "PATCH,/metrics", "POST,/",
      "PUT,/api/v1/status", "POST,/badge/shop/status.svg", "DELETE,/boundaries/shop", "POST,/-/healthy",
      "PUT,/-/ready", "OPTIONS,/metrics", "GET,/-/reload"})
  void publicPathsAcceptOnlyGetAndHead(String method, String path) throws Exception {
    try (Socket s = connect()) {
      send(s, method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      assertThat(status(s)).isEqualTo(405);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics?name[]=%zz", "/metrics?name[]=%", "/no/%zz/page",
      "/metrics?%", "/-/healthy?step=%zz", "/-/ready?from=%"})
  void badlyEncodedRequestsAreA400WithOneLineAndNothingLogged(String target) throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    String response;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // where the log goes in tests
    try (Socket s = connect()) {
      send(s, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } finally {
      System.setErr(stderr);
    }
    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).hasLineCount(1);
    assertThat(log.toString(StandardCharsets.UTF_8)).as("log").isEmpty();
  }

  @Test
  void unknownPathsAre404ForEveryReadingMethod() throws Exception {
    assertThat(Http.get(base() + "/no/such/page").statusCode()).isEqualTo(404);
    try (Socket s = connect()) {
      send(s, "HEAD /no/such/page HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(status(s)).isEqualTo(404);
    }
  }

  @Test
  void headIsAnsweredLikeGetWithoutABody() throws Exception {
    for (String path : new String[] {"/metrics", "/-/healthy", "/-/ready"}) {
      try (Socket s = connect()) {
        send(s, "HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(status(s)).as(path).isEqualTo(200);
        byte[] rest = s.getInputStream().readAllBytes();
        String text = new String(rest, StandardCharsets.ISO_8859_1);
        assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).as(path + " has no body").isEmpty();
      }
    }
  }
}
