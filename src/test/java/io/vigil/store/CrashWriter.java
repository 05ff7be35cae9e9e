package io.vigil.store;

import io.vigil.config.StorageConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link StoreCrashTest}, on the SQLite file {@code args[0]} or, when it starts with
 * {@code postgresql://}, that PostgreSQL database: appends results with consecutive start times (from a
 * given index on) and, every 500 results, one accounting save (a minute row and its checkpoint). After each
 * 1,000 it flushes and prints {@code committed <results written since start>} once they are committed.
 * Runs until killed, at most 60 s.
 */
public final class CrashWriter {
  static final long BASE = StoreFixtures.T0;
  static final String BOUNDARY = "crash";

  private CrashWriter() {}

  public static void main(String[] args) {
    long first = Long.parseLong(args[1]);
    JdbcStore store = open(args[0]);
    int probe = store.probeId("p", "h");
    int boundary = store.boundaryId(BOUNDARY);
    long deadline = System.nanoTime() + 60_000_000_000L;
    for (long i = first; i < first + 50_000_000 && System.nanoTime() < deadline; i++) {
      store.append(StoreFixtures.good(probe, BASE + i, (int) (i % 1_000_000)));
      if ((i + 1) % 500 == 0) {
        long bucket = BASE + (i + 1) / 500 * 60_000;
        store.saveAccounting(List.of(new BucketRow(Subject.BOUNDARY, boundary, Resolution.MINUTE, bucket, i, i,
            0, new LatencyHistogram(), 60_000, 0, 0, 0, 0)), Map.of(boundary, bucket));
      }
      if ((i + 1) % 1_000 == 0) {
        store.flush();
        System.out.println("committed " + store.resultsWritten());
        System.out.flush();
      }
    }
    store.close();
  }

  /** The store at {@code where}: a SQLite file, or a postgresql:// URL. */
  static JdbcStore open(String where) {
    if (where.startsWith("postgresql://")) {
      return PostgresStore.open(PostgresTarget.parse(where, ""), "crash-node", "lab", StorageConfig.Retention.DEFAULT,
          Clock.systemUTC(), java.time.Duration.ofSeconds(5),
          SqliteTuning.DEFAULT.withMigrations(PostgresSchema.MIGRATIONS));
    }
    return SqliteStore.open(Path.of(where), StorageConfig.Retention.DEFAULT, Clock.systemUTC());
  }
}
