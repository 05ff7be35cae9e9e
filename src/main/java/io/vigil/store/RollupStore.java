package io.vigil.store;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Rollup rows and the accounting checkpoints they are saved with. */
public interface RollupStore {
  /**
   * Queues rollup rows (each replaces the row of the same subject, id, resolution and bucket) and accounting
   * checkpoints (boundary id to epoch millis accounted up to), to be committed atomically together. A
   * checkpoint older than the one stored for its boundary leaves the stored one in place: checkpoints only
   * move forward, whichever node writes them.
   */
  void saveAccounting(List<BucketRow> rows, Map<Integer, Long> checkpoints);

  /** Rollup rows of one subject with {@code from ≤ bucketStart < to}, ordered by bucket start. */
  List<BucketRow> buckets(Subject subject, int id, Resolution resolution, long fromMillis, long toMillis);

  /** Where accounting of a boundary stopped, if it ever ran. */
  OptionalLong checkpoint(int boundaryId);
}
