package io.vigil.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.Secret;
import io.vigil.config.StorageConfig;
import io.vigil.store.BucketRow;
import io.vigil.store.JdbcStore;
import io.vigil.store.PostgresFixture;
import io.vigil.store.PostgresStore;
import io.vigil.store.Resolution;
import io.vigil.store.SqliteStore;
import io.vigil.store.StoredResult;
import io.vigil.store.Subject;
import io.vigil.testing.ChildJvm;
import io.vigil.testing.TestTarget;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs Vigil as a real process, kills it with SIGKILL (no graceful stop), restarts it and checks history: results
 * committed before the kill are kept (at most the last second is lost), the span while Vigil was down is unknown
 * (never up or down), and accounting resumes. Run on SQLite and on PostgreSQL (skipped, with the reason, without a
 * test server).
 */
class CrashRestartTest {
  @TempDir Path dir;

  private Process vigil(Path config, Path log) throws Exception {
    return ChildJvm.vigil("256m", "run", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void killedProcessLosesAtMostASecondAndTheGapIsUnknown(String backend) throws Exception {
    String postgres = backend.equals("postgres") ? PostgresFixture.freshSchemaUrl() : null;
    try (TestTarget target = new TestTarget()) {
      Path config = dir.resolve("vigil.yaml");
      Files.writeString(config, """
          listen: 127.0.0.1:0
          storage: %s
          probe_files: [probes.yaml]
          """.formatted(postgres == null ? "{sqlite: data/vigil.db}" : "{postgres: \"" + postgres + "\"}"));
      Files.writeString(dir.resolve("probes.yaml"), """
          boundaries: [{name: shop, slos: [{name: up, sli: time, target: 99%%, window: 30d}]}]
          probes:
            - {name: home, boundary: shop, type: http, interval: 200ms, timeout: 150ms, http: {url: "%s"}}
          """.formatted(target.url()));
      Path log = dir.resolve("vigil.log");

      long firstStart = System.currentTimeMillis();
      Process first = vigil(config, log);
      waitForRequests(target, 25, 30_000);
      Thread.sleep(1_500);
      long killedAt = System.currentTimeMillis();
      first.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
      int requestsBeforeRestart = target.requests();

      Thread.sleep(3_000);
      long restartedAt = System.currentTimeMillis();
      Process second = vigil(config, log);
      waitForRequests(target, requestsBeforeRestart + 40, 30_000);
      Thread.sleep(3_500); // let accounting pass the restart
      second.destroy(); // SIGTERM: graceful, persists accounting
      assertThat(second.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
      long stoppedAt = System.currentTimeMillis();

      try (JdbcStore store = postgres == null
          ? SqliteStore.open(dir.resolve("data/vigil.db"), StorageConfig.Retention.DEFAULT, Clock.systemUTC())
          : PostgresStore.open(new StorageConfig(null, Secret.of(postgres), StorageConfig.Retention.DEFAULT), "",
              Clock.systemUTC())) {
        List<StoredResult> all = store.results(firstStart - 60_000, stoppedAt + 60_000);
        List<StoredResult> before = all.stream().filter(r -> r.startMillis() < killedAt).toList();
        List<StoredResult> after = all.stream().filter(r -> r.startMillis() >= restartedAt).toList();
        assertThat(before).hasSizeGreaterThan(20);
        assertThat(after).hasSizeGreaterThan(20);
        // committed at least every 200 ms: what the kill lost is under a second
        assertThat(killedAt - before.get(before.size() - 1).startMillis()).isLessThan(1_000);
        assertThat(all).noneMatch(r -> r.startMillis() > killedAt && r.startMillis() < restartedAt);

        int shop = store.boundaryId("shop");
        long up = 0;
        long down = 0;
        long unknown = 0;
        for (BucketRow row : store.buckets(Subject.BOUNDARY, shop, Resolution.MINUTE, firstStart - 120_000,
            stoppedAt + 120_000)) {
          up += row.upMs() + row.degradedMs();
          down += row.downMs();
          unknown += row.unknownMs();
        }
        long gap = restartedAt - killedAt;
        // the last result before the kill covers at most 2 × 200 ms; the rest of the gap, and the restart's
        // own start-up, is unknown
        assertThat(unknown).as("unknown ms (gap %d ms)", gap).isGreaterThanOrEqualTo(gap - 400);
        // a cold JVM may time out a first run; each bad run covers at most 2 × 200 ms, the gap none of it
        long bad = all.stream().filter(r -> r.outcome() != io.vigil.probe.Outcome.GOOD).count();
        assertThat(down).as("a gap is never downtime (%d bad runs)", bad).isLessThanOrEqualTo(bad * 400);
        assertThat(up).isGreaterThan(5_000);
      }
    }
  }

  private static void waitForRequests(TestTarget target, int count, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (target.requests() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(target.requests()).as("requests reaching the target").isGreaterThanOrEqualTo(count);
  }

}
