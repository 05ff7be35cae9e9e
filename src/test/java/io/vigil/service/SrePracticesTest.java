package io.vigil.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Http;
import io.vigil.testing.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SRE practices through the running service: a service file and probe files on disk, probes on loopback
 * targets, and what users read back (API, pages, notifications).
 */
class SrePracticesTest {
  @TempDir Path dir;
  private TestTarget target;
  private VigilService service;

  @BeforeEach
  void setUp() throws Exception {
    target = new TestTarget();
    Files.createDirectories(dir.resolve("probes"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    target.close();
  }

  private void start(String serviceExtra, String probes) throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        location: lab
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        """ + serviceExtra);
    Files.writeString(dir.resolve("probes/shop.yaml"), probes);
    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of(), null,
        Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String base() {
    return "http://127.0.0.1:" + service.port();
  }

  private JsonObject boundary(String name) throws Exception {
    JsonObject status = new JsonObject(Http.get(base() + "/api/v1/status").body());
    return status.getJsonArray("boundaries").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("name").equals(name)).findFirst().orElseThrow();
  }

  @Test
  void probeLabelsShowInTheApiAndOnTheDetailPage() throws Exception {
    start("", """
        boundaries:
          - {name: shop, public: true}
        probes:
          - name: home
            boundary: shop
            type: http
            interval: 250ms
            timeout: 240ms
            labels: {tier: gold, region: "eu <west>"}
            http: {url: "%s"}
        """.formatted(target.url()));
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> {
      try {
        return boundary("shop").getJsonArray("probes").getJsonObject(0).getJsonObject("last") != null;
      } catch (Exception e) {
        return false;
      }
    })).isTrue();
    JsonObject probe = boundary("shop").getJsonArray("probes").getJsonObject(0);
    assertThat(probe.getJsonObject("labels").getMap()).containsExactly(Map.entry("tier", "gold"),
        Map.entry("region", "eu <west>"));
    String page = Http.get(base() + "/boundaries/shop").body();
    assertThat(page).contains("tier=gold").contains("region=eu &lt;west&gt;");
  }
}
