package io.vigil.store;

import static io.vigil.store.CrashWriter.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL at a random moment leaves a database that opens cleanly (SQLite: passes
 * {@code PRAGMA integrity_check}; PostgreSQL: run against the test server, skipped without one), holds every result the writer reported committed (as an unbroken prefix:
 * batches commit in order), and never holds rollup rows without their checkpoint or the other way round.
 */
class StoreCrashTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void killedWriterLosesNothingItReportedCommittedAndTheFileStaysIntact(String backend) throws Exception {
    Path file = dir.resolve("vigil.db");
    String db = backend.equals("sqlite") ? file.toString() : PostgresFixture.freshSchemaUrl();
    Random random = new Random();
    long next = 0;
    for (int round = 0; round < 2; round++) {
      long reported = runAndKill(db, next, 2 + random.nextInt(8), random.nextInt(150));
      if (backend.equals("sqlite")) {
        assertThat(StoreFixtures.stringQuery(file, "PRAGMA integrity_check")).isEqualTo("ok");
      }
      try (JdbcStore store = CrashWriter.open(db)) {
        List<StoredResult> all = store.results(BASE, BASE + 100_000_000);
        assertThat(all.size()).as("round %d: results kept", round).isGreaterThanOrEqualTo((int) (next + reported));
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).startMillis() != BASE + i) {
            throw new AssertionError("round " + round + ": result " + i + " missing; found start "
                + (all.get(i).startMillis() - BASE));
          }
        }
        int boundary = store.boundaryId(CrashWriter.BOUNDARY);
        OptionalLong checkpoint = store.checkpoint(boundary);
        List<BucketRow> rows = store.buckets(Subject.BOUNDARY, boundary, Resolution.MINUTE, 0, Long.MAX_VALUE);
        assertThat(checkpoint).isPresent();
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(rows.size() - 1).bucketStart()).isEqualTo(checkpoint.getAsLong());
        System.out.printf("round %d: killed after %d reported committed; %d kept, checkpoint at row %d%n",
            round, next + reported, all.size(), rows.size());
        next = all.size();
      }
    }
  }

  /** Starts a writer at index {@code first}, kills it after its {@code reports}-th report and a pause. */
  private long runAndKill(String db, long first, int reports, int pauseMillis) throws Exception {
    Path err = dir.resolve("child-" + first + ".err");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), db,
        Long.toString(first))
        .redirectError(err.toFile())
        .start();
    long committed = -1;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int seen = 0;
      String line;
      while (seen < reports && System.nanoTime() < deadline && (line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          committed = Long.parseLong(line.substring("committed ".length()));
          seen++;
        }
      }
      assertThat(seen).as("reports from the writer; its stderr: %s", Files.readString(err)).isEqualTo(reports);
      // the writer keeps appending meanwhile; reports it prints after this one only make the check weaker
      Thread.sleep(pauseMillis);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    return committed;
  }
}
