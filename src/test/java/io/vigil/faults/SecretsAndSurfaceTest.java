package io.vigil.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vigil.config.Redactor;
import io.vigil.probe.Check;
import io.vigil.probe.ProbeResult;
import io.vigil.service.ServiceParts;
import io.vigil.service.VigilService;
import io.vigil.testing.ChildJvm;
import io.vigil.testing.Http;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets and the public surface. A target that echoes everything it was sent (the bearer token, an API key
 * header, the password and key in the URL) and redirects to a URL with credentials must not get any of them
 * into the log, {@code /metrics}, public pages and API, admin responses, results or {@code vigil probe}
 * output. And no path probes a target of the caller's choosing: Vigil is no SSRF proxy.
 */
class SecretsAndSurfaceTest {
  private static final String ADMIN = "adm-Secret-4711";
  private static final Map<String, String> ENV = Map.of("ADMIN", ADMIN, "BEARER", "bear-Secret-1234",
      "API_TOKEN", "tok-Secret-5678", "PASS", "pw-Secret-9012", "QUERY_KEY", "qk-Secret-3456");

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger marker = new AtomicInteger();
  private HttpServer echo;
  private VigilService service;

  @BeforeEach
  void startTarget() throws Exception {
    echo = vertx.createHttpServer().requestHandler(req -> {
      if (req.path().equals("/ssrf-marker")) {
        marker.incrementAndGet();
      }
      if (req.path().equals("/redirect")) {
        req.response().setStatusCode(302)
            .putHeader("Location", "http://admin:" + ENV.get("PASS") + "@127.0.0.1:1/ x?token=" + ENV.get("QUERY_KEY"))
            .end();
        return;
      }
      String echoed = req.getHeader("Authorization") + " " + req.getHeader("X-Api-Key") + " " + req.uri();
      req.response().setStatusCode(500).end(echoed);
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: [probes.yaml]
        admin_token: ${ADMIN}
        """);
    String base = "http://127.0.0.1:" + echo.actualPort();
    Files.writeString(dir.resolve("probes.yaml"), """
        boundaries: [{name: shop, public: true}]
        probes:
          - name: leaky
            boundary: shop
            type: http
            interval: 1s
            timeout: 900ms
            http:
              url: "http://127.0.0.1:%d/echo?api_key=${QUERY_KEY}"
              headers: {X-Api-Key: "${API_TOKEN}"}
              auth: {bearer: "${BEARER}"}
              expect: {json: {"$.status": "UP"}}
          - name: userinfo
            boundary: shop
            type: http
            interval: 1s
            timeout: 900ms
            http:
              url: "http://user:${PASS}@127.0.0.1:%d/echo"
              expect: {json: {"$.status": "UP"}}
          - name: redirector
            boundary: shop
            type: http
            interval: 1s
            timeout: 900ms
            http: {url: "%s/redirect"}
        """.formatted(echo.actualPort(), echo.actualPort(), base));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String base() {
    return "http://127.0.0.1:" + service.port();
  }

  private ProbeResult latest(String probe) {
    return ServiceParts.latest(service, probe);
  }

  private static void assertNoSecret(String where, String text) {
    for (Map.Entry<String, String> e : ENV.entrySet()) {
      assertThat(text).as("%s must not show ${%s}", where, e.getKey()).doesNotContain(e.getValue());
    }
  }

  @Test
  void secretsNeverReachLogsMetricsResultsOrResponses() throws Exception {
    try (CapturedLog log = new CapturedLog()) {
      service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), ENV, null,
          Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(Http.eventually(Duration.ofSeconds(10), () -> latest("leaky") != null
          && latest("redirector") != null && latest("leaky").checks().size() > 1
          && latest("userinfo") != null && latest("userinfo").checks().size() > 1))
          .isTrue();

      // the target really echoed the secrets, and they were redacted from the result
      ProbeResult leaky = latest("leaky");
      String jsonCheck = leaky.checks().stream().filter(c -> c.name().startsWith("json")).map(Check::detail)
          .findFirst().orElseThrow();
      assertThat(jsonCheck).startsWith("body is not JSON: Bearer " + Redactor.MARK);
      // the URL's credentials went as basic auth, which the target echoed: redacted too
      ProbeResult userinfo = latest("userinfo");
      assertThat(userinfo.checks().stream().filter(c -> c.name().startsWith("json")).map(Check::detail)
          .findFirst().orElseThrow()).startsWith("body is not JSON: Basic " + Redactor.MARK);
      ProbeResult redirector = latest("redirector");
      assertThat(redirector.message()).contains("http://" + Redactor.MARK + "@127.0.0.1:1/");
      for (ProbeResult r : List.of(leaky, userinfo, redirector)) {
        assertNoSecret("result message", r.message());
        r.checks().forEach(c -> assertNoSecret("check " + c.name(), c.detail()));
      }

      assertNoSecret("/metrics", Http.get(base() + "/metrics").body());
      for (String path : List.of("/", "/api/v1/status", "/boundaries/shop", "/api/v1/boundaries/shop/history",
          "/badge/shop/status.svg", "/badge/shop/uptime.svg", "/badge/shop/slo.svg", "/-/ready", "/-/healthy")) {
        assertNoSecret(path, Http.get(base() + path).body());
      }

      // a refused reload quotes the offending value: redacted
      Files.writeString(dir.resolve("probes.yaml"), Files.readString(dir.resolve("probes.yaml"))
          .replace("interval: 1s\n    timeout: 900ms\n    http:\n      url: \"http://127",
              "interval: ${API_TOKEN}\n    timeout: 900ms\n    http:\n      url: \"http://127"));
      HttpResponse<String> refused = Http.post(base() + "/-/reload", "", "Authorization", "Bearer " + ADMIN);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("probes.yaml:6:");
      assertNoSecret("refused reload", refused.body());

      assertThat(Http.eventually(Duration.ofSeconds(5), () -> log.text().contains("probe redirector is bad")
          && log.text().contains("configuration reload refused"))).isTrue();
      assertNoSecret("log", log.text());
    }
  }

  @Test
  void vigilProbeOutputRedactsSecrets() throws Exception {
    for (String probe : List.of("leaky", "userinfo", "redirector")) {
      ProcessBuilder pb = ChildJvm.vigil("128m", "probe", probe, "--config", dir.resolve("vigil.yaml").toString())
          .redirectErrorStream(true);
      pb.environment().putAll(ENV);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isEqualTo(1);
      assertThat(out).contains(Redactor.MARK);
      assertNoSecret("vigil probe " + probe, out);
    }
  }

  @Test
  void noPathProbesATargetOfTheCallersChoosing() throws Exception {
    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), ENV, null,
        Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String target = URLEncoder.encode("http://127.0.0.1:" + echo.actualPort() + "/ssrf-marker", StandardCharsets.UTF_8);
    for (String path : List.of("/probe?target=" + target, "/probe?url=" + target, "/api/v1/probe?target=" + target,
        "/api/v1/probes?target=" + target, "/-/probe?target=" + target, "/probe/run?target=" + target,
        "/api/v1/probes/leaky/run", "/debug/probe?target=" + target, "/check?url=" + target,
        "/proxy?url=" + target, "/metrics?target=" + target + "&module=http_2xx")) {
      HttpResponse<String> get = Http.get(base() + path);
      if (path.startsWith("/metrics")) {
        assertThat(get.statusCode()).isEqualTo(200); // the exposition; the parameter means nothing
      } else {
        assertThat(get.statusCode()).as("GET " + path).isEqualTo(404);
      }
      HttpResponse<String> post = Http.post(base() + path, "", "Authorization", "Bearer " + ADMIN);
      assertThat(post.statusCode()).as("POST " + path).isIn(404, 405);
      // No endpoint takes a body, so one naming a target is refused from the head, before routing.
      HttpResponse<String> withBody = Http.post(base() + path, "{\"target\":\"" + target + "\"}", "Authorization",
          "Bearer " + ADMIN);
      assertThat(withBody.statusCode()).as("POST " + path + " with a body").isEqualTo(413);
    }
    Thread.sleep(500);
    assertThat(marker.get()).as("requests that reached the caller's target").isZero();
  }
}
