package io.vigil.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.service.ServiceParts;
import io.vigil.service.VigilService;
import io.vigil.status.Availability;
import io.vigil.status.BoundaryStatus;
import io.vigil.status.DayBar;
import io.vigil.status.SloStatus;
import io.vigil.status.StatusSnapshot;
import io.vigil.testing.Http;
import io.vigil.testing.TestTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The public paths of a running Vigil over loopback: JSON shape and numbers against the snapshot, badges as
 * well-formed SVG, escaping of config strings, secrets and non-public boundaries kept out, headers, caching.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicEndpointTest {
  static final String SITE_TITLE = "Shop <script>window.pwned=1</script> & \"Co\"";
  static final String SHOP_TITLE = "Shop <b>\"&amp;'</b>";
  static final String API_KEY = "k3y-from-the-environment";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestTarget target;
  private VigilService service;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    target = new TestTarget();
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        location: test-lab
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        status_page: {title: %s}
        """.formatted(yaml(SITE_TITLE)));
    Files.createDirectories(dir.resolve("probes"));
    Files.writeString(dir.resolve("probes/shop.yaml"), """
        boundaries:
          - name: shop
            title: %s
            description: 'Cart <img src=x onerror=alert(1)>'
            public: true
            slos:
              - {name: availability, sli: requests, target: 99%%, window: 30d}
              - {name: uptime, sli: time, target: 99%%, window: month}
              - {name: fast, sli: latency, threshold: 1s, target: 90%%, window: 7d}
          - name: vault
            title: Vault internal
            public: false
        probes:
          - name: home
            title: Home page
            boundary: shop
            type: http
            interval: 250ms
            timeout: 240ms
            http:
              url: "http://robot:hunter2pass@127.0.0.1:%d/cart?api_key=abc123xyz"
              headers: {X-Api-Key: "${API_KEY}"}
          - name: vault-probe
            boundary: vault
            type: http
            interval: 250ms
            timeout: 240ms
            http: {url: "%s"}
        """.formatted(yaml(SHOP_TITLE), target.port(), target.url()));
    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of("API_KEY", API_KEY),
        null, Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> {
      BoundaryStatus b = ServiceParts.status(service).current().boundary("shop");
      return b != null && b.availability("1h").requests().valid() > 0 && b.availability("1h").time().up().toMillis() > 0;
    })).as("the snapshot holds measured runs").isTrue();
  }

  /** A single-quoted YAML scalar. */
  static String yaml(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @AfterAll
  void stop() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    target.close();
  }

  private String base() {
    return "http://127.0.0.1:" + service.port();
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String text(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** The API document and the snapshot it was rendered from (polls until both are the same moment). */
  private record Pair(JsonObject json, StatusSnapshot snapshot) {}

  private Pair statusWithItsSnapshot() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      StatusSnapshot before = ServiceParts.status(service).current();
      JsonObject json = new JsonObject(text("/api/v1/status"));
      if (Instant.parse(json.getString("generated_at")).equals(before.at())
          && ServiceParts.status(service).current() == before) {
        return new Pair(json, before);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the API never caught up with the snapshot");
  }

  @Test
  void statusApiHasThePageShapeAndTheSnapshotsNumbers() throws Exception {
    Pair p = statusWithItsSnapshot();
    JsonObject json = p.json();
    assertThat(json.getString("title")).isEqualTo(SITE_TITLE);
    assertThat(json.getString("location")).isEqualTo("test-lab");
    assertThat(json.getJsonObject("overall").fieldNames()).contains("state", "message", "affected");
    JsonArray boundaries = json.getJsonArray("boundaries");
    assertThat(boundaries).hasSize(1);
    JsonObject shop = boundaries.getJsonObject(0);
    BoundaryStatus b = p.snapshot().boundary("shop");
    assertThat(shop.getString("name")).isEqualTo("shop");
    assertThat(shop.getString("title")).isEqualTo(SHOP_TITLE);
    assertThat(shop.getString("state")).isEqualTo(b.live().state().label());
    assertThat(shop.getJsonObject("availability").fieldNames()).containsExactly("1h", "1d", "7d", "30d", "90d");
    for (Availability a : b.availability()) {
      JsonObject w = shop.getJsonObject("availability").getJsonObject(a.window());
      assertThat(w.getJsonObject("requests").getLong("good")).isEqualTo(a.requests().good());
      assertThat(w.getJsonObject("requests").getLong("valid")).isEqualTo(a.requests().valid());
      assertThat(w.getJsonObject("requests").getDouble("ratio")).isEqualTo(StatusJson.ratio(a.requestRatio()));
      assertThat(w.getJsonObject("time").getDouble("availability")).isEqualTo(StatusJson.ratio(a.timeRatio()));
      assertThat(w.getJsonObject("time").getDouble("up_seconds")).isEqualTo(a.time().up().toMillis() / 1000.0);
      assertThat(w.getJsonObject("time").getDouble("down_seconds")).isEqualTo(a.time().down().toMillis() / 1000.0);
    }
    JsonArray days = shop.getJsonArray("days");
    assertThat(days).hasSize(90);
    for (int i = 0; i < 90; i++) {
      DayBar d = b.days().get(i);
      JsonObject day = days.getJsonObject(i);
      assertThat(day.getString("date")).isEqualTo(d.date().toString());
      assertThat(day.getLong("downtime_minutes")).isEqualTo(d.downtimeMinutes());
      assertThat(day.getDouble("availability")).isEqualTo(StatusJson.ratio(d.availability()));
    }
    assertThat(days.getJsonObject(89).getDouble("availability")).as("today was measured").isNotNull();
    JsonArray slos = shop.getJsonArray("slos");
    assertThat(slos).hasSize(3);
    for (int i = 0; i < 3; i++) {
      SloStatus s = b.slos().get(i);
      JsonObject slo = slos.getJsonObject(i);
      assertThat(slo.getString("name")).isEqualTo(s.config().name());
      assertThat(slo.getDouble("target")).isEqualTo(s.config().target().doubleValue());
      assertThat(slo.getDouble("ratio")).isEqualTo(s.budget().map(x -> StatusJson.ratio(x.sli())).orElse(null));
      assertThat(slo.getJsonObject("budget").getDouble("remaining"))
          .isEqualTo(s.budget().map(x -> StatusJson.ratio(x.remaining())).orElse(null));
    }
    assertThat(slos.getJsonObject(1).getJsonObject("budget").getDouble("allowed_downtime_seconds"))
        .isEqualTo(b.slos().get(1).allowedDowntime().toMillis() / 1000.0);
    JsonObject probe = shop.getJsonArray("probes").getJsonObject(0);
    assertThat(probe.getString("name")).isEqualTo("home");
    assertThat(probe.getString("title")).isEqualTo("Home page");
    assertThat(probe.getString("type")).isEqualTo("http");
    assertThat(probe.getString("target")).isEqualTo("HTTP GET 127.0.0.1");
    assertThat(probe.getJsonObject("last").getString("outcome")).isIn("good", "bad", "invalid");
    assertThat(probe.getJsonObject("availability").fieldNames()).containsExactly("1d", "7d", "30d");
    assertThat(shop.getJsonArray("latency")).hasSize(b.latency().size());
  }

  @Test
  void secretsAndNonPublicBoundariesNeverAppearOnPublicPaths() throws Exception {
    for (String path : List.of("/", "/boundaries/shop", "/api/v1/status", "/api/v1/boundaries/shop/history",
        "/badge/shop/status.svg")) {
      String body = text(path);
      assertThat(body).as(path).doesNotContain("hunter2pass", "robot", "abc123xyz", API_KEY, "/cart",
          "vault", "Vault internal", "vault-probe");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/boundaries/%s", "/api/v1/boundaries/%s/history", "/badge/%s/status.svg",
      "/badge/%s/uptime.svg", "/badge/%s/slo.svg"})
  void aNonPublicBoundaryAnswersExactlyLikeOneThatDoesNotExist(String pattern) throws Exception {
    HttpResponse<byte[]> hidden = get(pattern.formatted("vault"));
    HttpResponse<byte[]> missing = get(pattern.formatted("no-such-boundary"));
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new String(hidden.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(missing.body(), StandardCharsets.UTF_8));
    assertThat(hidden.headers().firstValue("Content-Type")).isEqualTo(missing.headers().firstValue("Content-Type"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/boundaries/shop", "/boundaries/vault", "/api/v1/status", "/badge/shop/uptime.svg",
      "/api/v1/boundaries/shop/history?step=0s", "/assets/vigil.js", "/metrics", "/no/such/path"})
  void everyResponseCarriesTheSecurityHeaders(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void pageShowsConfigStringsAsEscapedTextAndLoadsOnlyItsOwnScript() throws Exception {
    String page = text("/");
    assertThat(page).contains("<h1><a href=\"/\">Shop &lt;script&gt;window.pwned=1&lt;/script&gt; &amp; \"Co\"</a></h1>")
        .contains(">Shop &lt;b&gt;\"&amp;amp;'&lt;/b&gt;</a></h2>")
        .contains("Cart &lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<script>window", "<img src=x", "<b>\"");
    assertThat(page.split("<script", -1)).as("exactly one script element").hasSize(2);
    assertThat(page).containsPattern("<script src=\"/assets/vigil\\.js\\?v=[0-9a-f]{12}\" defer></script>")
        .doesNotContain("style=\"").contains("<main id=\"live\"");
    assertThat(page.split("<rect x=", -1).length - 1).as("90 day bars").isGreaterThanOrEqualTo(90);
    String detail = text("/boundaries/shop");
    assertThat(detail).contains("Home page", "HTTP GET 127.0.0.1").doesNotContain("<b>\"", "style=\"");
  }

  @Test
  void pageAndApiAreServedPrecompressedWithEtagsAndRevalidate() throws Exception {
    for (String path : List.of("/", "/api/v1/status")) {
      HttpResponse<byte[]> plain = get(path);
      HttpResponse<byte[]> zipped = get(path, "Accept-Encoding", "gzip");
      if (!plain.headers().firstValue("ETag").map(t -> zipped.headers().firstValue("ETag").orElse("")
          .startsWith(t.substring(0, t.length() - 1))).orElse(false)) {
        continue; // a new snapshot arrived between the two requests
      }
      assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
      assertThat(gunzip(zipped.body())).isEqualTo(plain.body());
      assertThat(zipped.body().length).isLessThan(plain.body().length);
      String etag = plain.headers().firstValue("ETag").orElseThrow();
      assertThat(plain.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age"));
      HttpResponse<byte[]> again = get(path, "If-None-Match", etag);
      assertThat(again.statusCode()).as(path).isIn(200, 304); // 200 only if the snapshot moved on meanwhile
      if (again.statusCode() == 304) {
        assertThat(again.body()).isEmpty();
      }
    }
  }

  private static byte[] gunzip(byte[] bytes) throws Exception {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static Document svg(byte[] body) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    return d;
  }

  private static String title(Document d) {
    return ((Element) d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0)).getTextContent();
  }

  @ParameterizedTest
  @CsvSource({
      "status.svg, ",
      "uptime.svg?window=1h, uptime 1h: ",
      "uptime.svg, uptime 30d: ",
      "slo.svg?slo=uptime, uptime SLO: ",
      "slo.svg, availability SLO: "})
  void badgesAreWellFormedSvgWithTheirTextEscapedAndCacheable(String file, String titleStart) throws Exception {
    assertThat(Http.eventually(Duration.ofSeconds(10), () ->
        ServiceParts.status(service).current().boundary("shop").live().state().label().equals("up"))).isTrue();
    HttpResponse<byte[]> r = get("/badge/shop/" + file);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).matches(".*max-age=\\d+.*"));
    String etag = r.headers().firstValue("ETag").orElseThrow();
    Document d = svg(r.body());
    assertThat(title(d)).startsWith(file.startsWith("status") ? SHOP_TITLE + ": up" : titleStart.strip());
    if (!file.startsWith("status")) {
      assertThat(title(d)).matches(".*: (\\d{1,3}(\\.\\d\\d)?%.*|no data)");
    }
    HttpResponse<byte[]> again = get("/badge/shop/" + file, "If-None-Match", etag);
    assertThat(again.statusCode()).isIn(200, 304);
  }

  @ParameterizedTest
  @CsvSource({
      "uptime.svg?window=2d, window must be one of 1h 1d 7d 30d 90d",
      "status.svg?window=1h, window applies to uptime badges",
      "uptime.svg?slo=availability, slo applies to slo badges"})
  void badParametersGetA400BadgeSayingWhy(String file, String reason) throws Exception {
    HttpResponse<byte[]> r = get("/badge/shop/" + file);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(title(svg(r.body()))).isEqualTo("badge: " + reason);
  }

  @Test
  void unknownSloOrBadgeKindIsNotFound() throws Exception {
    assertThat(get("/badge/shop/slo.svg?slo=nope").statusCode()).isEqualTo(404);
    assertThat(get("/badge/shop/latency.svg").statusCode()).isEqualTo(404);
  }

  @Test
  void historySumsTheInMemoryRingsPerStep() throws Exception {
    long now = System.currentTimeMillis();
    JsonObject h = new JsonObject(text("/api/v1/boundaries/shop/history?step=1m&from=" + (now / 1000 - 600)));
    assertThat(h.getString("step")).isEqualTo("1m");
    JsonArray points = h.getJsonArray("points");
    assertThat(points.size()).isBetween(10, 12);
    long accounted = Instant.parse(h.getString("accounted_until")).toEpochMilli();
    long measured = 0;
    for (int i = 0; i < points.size(); i++) {
      JsonObject p = points.getJsonObject(i);
      long t = Instant.parse(p.getString("t")).toEpochMilli();
      assertThat(t % 60_000).isZero();
      if (t + 60_000 <= accounted) {
        var sums = ServiceParts.accountant(service).sums("shop", t, t + 60_000);
        assertThat(p.getJsonObject("requests").getLong("good")).isEqualTo(sums.good());
        assertThat(p.getJsonObject("requests").getLong("valid")).isEqualTo(sums.valid());
        assertThat(p.getJsonObject("time").getDouble("up_seconds")).isEqualTo(sums.time().up().toMillis() / 1000.0);
        assertThat(p.getJsonObject("latency").getJsonObject("fast").getLong("good"))
            .isEqualTo(sums.latency(ServiceParts.accountant(service).latencyIndex("shop", "fast")).good());
        measured += sums.valid();
      }
    }
    assertThat(h.getJsonArray("latency_slos").getJsonObject(0).getString("name")).isEqualTo("fast");
    JsonObject daily = new JsonObject(text("/api/v1/boundaries/shop/history?from=" + (now / 1000 - 30 * 86400)
        + "&step=1d"));
    assertThat(daily.getJsonArray("points").size()).isBetween(30, 31);
    JsonObject defaults = new JsonObject(text("/api/v1/boundaries/shop/history"));
    assertThat(defaults.getString("step")).isEqualTo("5m");
    assertThat(defaults.getJsonArray("points").size()).isBetween(288, 289);
    assertThat(measured + defaults.getJsonArray("points").stream().mapToLong(o ->
        ((JsonObject) o).getJsonObject("requests").getLong("valid")).sum()).isPositive();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "step=0s | step must be a positive whole number of minutes",
      "step=90s | step must be a positive whole number of minutes",
      "step=soon | step must be a duration such as 5m, 1h or 1d",
      "from=yesterday | from must be an RFC 3339 time (2026-03-01T00:00:00Z) or Unix seconds",
      "from=2000-01-01T00:00:00Z | history reaches back 90 days; from is older",
      "from=2999-01-01T00:00:00Z | from must be before to",
      "to=2999-01-01T00:00:00Z&from=2998-01-01T00:00:00Z | to lies in the future",
      "from=-172800&step=1m | step must be a whole number of hours when from is more than 24 hours ago",
      "from=-2000h&to=hour&step=1h | the range holds 2000 steps; at most 1500 are allowed, choose a larger step"})
  void historyRefusesBadParametersWithTheReason(String query, String reason) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    long hour = now / 3600 * 3600;
    String q = query.replace("from=-172800", "from=" + (now - 172_800)).replace("from=-2000h", "from=" + (hour - 2000 * 3600))
        .replace("to=hour", "to=" + hour);
    HttpResponse<byte[]> r = get("/api/v1/boundaries/shop/history?" + q);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(new String(r.body(), StandardCharsets.UTF_8)).getString("error")).isEqualTo(reason);
  }

  @Test
  void aBadlyEncodedParameterIsA400NotAFailureOfVigil() throws Exception {
    for (String target : List.of("/api/v1/boundaries/shop/history?step=%zz", "/badge/shop/uptime.svg?window=%")) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port())) { // java.net.URI refuses to send it
        s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).as(target)
            .startsWith("HTTP/1.1 400 ");
      }
    }
  }
}
