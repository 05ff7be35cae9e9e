package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.service.ServiceParts;
import io.vigil.service.VigilService;
import io.vigil.testing.Http;
import io.vigil.testing.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil run} on {@code storage: {postgres: URL, password: ${ENV}}}: two nodes with the same probe files
 * and different node names share one database, each writing its own results. Skipped without a test server.
 */
class PostgresServiceTest {
  @TempDir Path dir;
  private final List<VigilService> services = new ArrayList<>();
  private TestTarget target;

  @AfterEach
  void stop() throws Exception {
    for (VigilService s : services) {
      s.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void twoNodesRunOnOneDatabaseAndTheirPasswordStaysSecret() throws Exception {
    PostgresTarget schema = PostgresFixture.freshSchema();
    String password = schema.password();
    String url = "postgresql://" + schema.user() + "@" + schema.host() + ":" + schema.port() + "/"
        + schema.database() + schema.jdbcUrl().substring(schema.jdbcUrl().indexOf('?'));
    target = new TestTarget();
    Files.writeString(dir.resolve("probes.yaml"), """
        boundaries: [{name: shop}]
        probes:
          - {name: home, boundary: shop, type: http, interval: 200ms, timeout: 150ms, http: {url: "%s"}}
        """.formatted(target.url()));
    for (String node : List.of("node-a", "node-b")) {
      Path config = dir.resolve(node + ".yaml");
      Files.writeString(config, """
          listen: 127.0.0.1:0
          location: lab
          node: %s
          storage: {postgres: "%s", password: "${VIGIL_PG_PASSWORD}"}
          probe_files: [probes.yaml]
          """.formatted(node, url));
      services.add(VigilService.start(new VigilService.Options(config, Map.of("VIGIL_PG_PASSWORD", password), null,
          Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    }
    for (VigilService s : services) {
      assertThat(Http.eventually(Duration.ofSeconds(20), () -> ServiceParts.store(s).resultsWritten() > 3)).isTrue();
      assertThat(ServiceParts.store(s).degradedReason()).isNull();
    }
    assertThat(PostgresFixture.count(schema, "SELECT count(DISTINCT node) FROM results")).isEqualTo(2);
    assertThat(PostgresFixture.count(schema, "SELECT count(*) FROM probes")).isEqualTo(1);
    assertThat(PostgresFixture.count(schema, "SELECT count(*) FROM boundaries")).isEqualTo(1);
    assertThat(ServiceParts.store(services.get(0)).label()).doesNotContain(password);
  }
}
