package io.vigil.store;

import java.time.Duration;
import java.util.List;

/**
 * How the SQLite store paces its writer. The defaults suit production; tests shrink them.
 *
 * @param capacity most results and rollup rows waiting to be written; beyond it the oldest results are dropped
 * @param commitInterval longest a queued item waits before its batch is committed
 * @param commitSoonAt queued items that trigger a commit before the interval ends
 * @param maxBatch most raw results in one transaction
 * @param busyTimeout how long a statement waits for a lock held by another connection before failing
 * @param closeWait how long {@link SqliteStore#close()} keeps trying to write what is queued
 * @param retentionEvery how often the writer applies retention by itself
 * @param retentionChunk most rows one retention transaction deletes
 * @param migrations the schema steps
 */
record SqliteTuning(int capacity, Duration commitInterval, int commitSoonAt, int maxBatch, Duration busyTimeout,
    Duration closeWait, Duration retentionEvery, int retentionChunk, List<Migration> migrations) {

  static final SqliteTuning DEFAULT = new SqliteTuning(200_000, Duration.ofMillis(200), 5_000, 20_000,
      Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1), 5_000, SqliteSchema.MIGRATIONS);

  SqliteTuning withCapacity(int capacity) {
    return new SqliteTuning(capacity, commitInterval, commitSoonAt, maxBatch, busyTimeout, closeWait,
        retentionEvery, retentionChunk, migrations);
  }

  SqliteTuning withBusyTimeout(Duration busyTimeout) {
    return new SqliteTuning(capacity, commitInterval, commitSoonAt, maxBatch, busyTimeout, closeWait,
        retentionEvery, retentionChunk, migrations);
  }

  SqliteTuning withRetention(Duration retentionEvery, int retentionChunk) {
    return new SqliteTuning(capacity, commitInterval, commitSoonAt, maxBatch, busyTimeout, closeWait,
        retentionEvery, retentionChunk, migrations);
  }

  SqliteTuning withMigrations(List<Migration> migrations) {
    return new SqliteTuning(capacity, commitInterval, commitSoonAt, maxBatch, busyTimeout, closeWait,
        retentionEvery, retentionChunk, migrations);
  }

  SqliteTuning withCommitInterval(Duration commitInterval) {
    return new SqliteTuning(capacity, commitInterval, commitSoonAt, maxBatch, busyTimeout, closeWait,
        retentionEvery, retentionChunk, migrations);
  }
}
