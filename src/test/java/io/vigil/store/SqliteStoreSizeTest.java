package io.vigil.store;

import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;
import static io.vigil.store.StoreFixtures.T0;
import static io.vigil.store.StoreFixtures.jdbc;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage size is a product goal: under 200 KiB per probe per day at a 10 s interval (8,640 results), i.e.
 * about 23.7 bytes per raw result with everything in the file counted. Measured on one simulated day of 20
 * probes with realistic durations, statuses and failures, as the store writes it and after VACUUM.
 */
class SqliteStoreSizeTest {
  private static final int PROBES = 20;
  private static final int RUNS_PER_DAY = 8_640;
  private static final double GOAL_BYTES_PER_ROW = 200.0 * 1024 / RUNS_PER_DAY;

  @TempDir
  Path dir;

  @Test
  void oneDayOfRawResultsStaysUnderTheSizeGoal() throws Exception {
    Path db = dir.resolve("vigil.db");
    Random random = new Random(42);
    int rows = 0;
    try (SqliteStore store = SqliteStore.open(db, RETENTION, CLOCK)) {
      int[] ids = new int[PROBES];
      long[] offsets = new long[PROBES];
      for (int p = 0; p < PROBES; p++) {
        ids[p] = store.probeId("probe-" + p, "definition-" + p);
        offsets[p] = random.nextInt(10_000);
      }
      for (int run = 0; run < RUNS_PER_DAY; run++) {
        for (int p = 0; p < PROBES; p++) {
          long start = T0 + run * 10_000L + offsets[p] + random.nextInt(3);
          int micros = 15_000 + (int) Math.abs(random.nextGaussian() * 60_000);
          StoredResult result = random.nextInt(100) == 0
              ? new StoredResult(ids[p], start, 5_000_000, Outcome.BAD, Reason.TIMEOUT, 0)
              : random.nextInt(200) == 0
                  ? new StoredResult(ids[p], start, micros, Outcome.BAD, Reason.STATUS, 503)
                  : new StoredResult(ids[p], start, micros, Outcome.GOOD, null, p % 4 == 0 ? 0 : 200);
          store.append(result);
          rows++;
        }
        if (run % 100 == 0) {
          store.flush(); // paced like a running service: many small batches, not one bulk load
        }
      }
      store.flush();
      assertThat(store.resultsWritten()).isEqualTo(rows);
    }
    long asWritten = fileBytes(db);
    try (Connection c = jdbc(db); Statement s = c.createStatement()) {
      s.execute("VACUUM");
    }
    long vacuumed = fileBytes(db);
    double perRow = (double) asWritten / rows;
    double perRowVacuumed = (double) vacuumed / rows;
    System.out.printf("%d probes x %d results: %d bytes as written = %.1f bytes/result = %.0f KiB per probe per "
            + "day; after VACUUM %d bytes = %.1f bytes/result = %.0f KiB per probe per day%n",
        PROBES, RUNS_PER_DAY, asWritten, perRow, perRow * RUNS_PER_DAY / 1024, vacuumed, perRowVacuumed,
        perRowVacuumed * RUNS_PER_DAY / 1024);

    assertThat(perRow).isLessThanOrEqualTo(GOAL_BYTES_PER_ROW);
    assertThat(perRowVacuumed).isLessThanOrEqualTo(perRow);
  }

  /** The database with its WAL and shared-memory files, so nothing is left out. */
  private static long fileBytes(Path db) throws IOException {
    long total = 0;
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      Path p = Path.of(db + suffix);
      if (Files.exists(p)) {
        total += Files.size(p);
      }
    }
    return total;
  }
}
