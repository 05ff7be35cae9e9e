package io.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.ConfigLoader;
import io.vigil.service.VigilService;
import io.vigil.testing.Http;
import io.vigil.testing.TestTarget;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package, installed by .ci/run) scrapes a running Vigil and loads the rules
 * `vigil rules` generates for its configuration: the target is healthy, every rule group evaluates without
 * error, and the SLO records get values.
 */
class PrometheusScrapeTest {
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void prometheusScrapesVigilAndEvaluatesItsRules() throws Exception {
    assumeTrue(Files.isExecutable(PROMETHEUS), "prometheus is installed by .ci/run");
    try (TestTarget target = new TestTarget()) {
      Files.writeString(dir.resolve("vigil.yaml"), "listen: 127.0.0.1:0\nstorage: {sqlite: vigil.db}\n"
          + "probe_files: [probes.yaml]\n");
      Files.writeString(dir.resolve("probes.yaml"), """
          boundaries:
            - name: shop.api
              slos:
                - {name: availability, sli: requests, target: 99.9%%, window: 30d}
                - {name: fast, sli: latency, threshold: 250ms, target: 95%%, window: 7d}
                - {name: uptime, sli: time, target: 99.5%%, window: month}
          probes:
            - {name: home, boundary: shop.api, type: http, interval: 250ms, timeout: 240ms, http: {url: "%s"}}
          """.formatted(target.url()));
      VigilService vigil = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of(), null,
          Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Process prometheus = null;
      try {
        Files.writeString(dir.resolve("rules.yml"),
            new RuleGenerator().generate(ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of())));
        int port = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [%s]
            scrape_configs:
              - job_name: vigil
                static_configs: [{targets: ["127.0.0.1:%d"]}]
            """.formatted(dir.resolve("rules.yml"), vigil.port()));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
            "--log.level=warn").redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + port + "/api/v1/";

        assertThat(Http.eventually(Duration.ofSeconds(30), () -> json(api + "targets")
            .at("/data/activeTargets/0/health").asText().equals("up")))
            .as(Files.readString(dir.resolve("prometheus.log"))).isTrue();
        String availability = enc("vigil:slo_error_ratio:rate5m{slo=\"availability\"}");
        assertThat(Http.eventually(Duration.ofSeconds(30), () ->
            !json(api + "query?query=" + availability).at("/data/result").isEmpty())).isTrue();

        JsonNode groups = json(api + "rules").at("/data/groups");
        assertThat(groups.size()).isGreaterThanOrEqualTo(4);
        for (JsonNode group : groups) {
          for (JsonNode rule : group.get("rules")) {
            assertThat(rule.get("health").asText()).as(group.get("name") + " / " + rule.get("name") + ": "
                + rule.path("lastError").asText()).isIn("ok", "unknown");
          }
        }
        JsonNode ratio = json(api + "query?query=" + availability).at("/data/result/0/value/1");
        assertThat(Double.parseDouble(ratio.asText())).isBetween(0.0, 1.0);
        assertThat(json(api + "query?query=" + enc("vigil_boundary_up")).at("/data/result").size()).isEqualTo(1);
      } finally {
        if (prometheus != null) {
          prometheus.destroy();
          prometheus.waitFor(10, TimeUnit.SECONDS);
        }
        vigil.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static JsonNode json(String url) {
    try {
      return JSON.readTree(Http.get(url).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
