package io.vigil.history;

/**
 * Per-bucket aggregates of one boundary for the most recent {@code size} buckets of a fixed width, as
 * parallel int arrays (a minute holds at most 60,000 ms, an hour 3,600,000: ints suffice and halve memory).
 * A slot belongs to the bucket whose start is recorded in it; stale slots read as empty. Not thread-safe:
 * guarded by the ledger.
 */
final class Ring {
  final long width;
  private final int size;
  private final long[] starts;
  private final int[] good;
  private final int[] valid;
  private final int[] excluded;
  private final int[][] latencyGood;
  private final int[] up;
  private final int[] degraded;
  private final int[] down;
  private final int[] unknown;
  private final int[] maintenance;

  Ring(long width, int size, int thresholds) {
    this.width = width;
    this.size = size;
    this.starts = new long[size];
    java.util.Arrays.fill(starts, Long.MIN_VALUE);
    this.good = new int[size];
    this.valid = new int[size];
    this.excluded = new int[size];
    this.latencyGood = new int[thresholds][size];
    this.up = new int[size];
    this.degraded = new int[size];
    this.down = new int[size];
    this.unknown = new int[size];
    this.maintenance = new int[size];
  }

  /** The slot for the bucket holding {@code millis}, cleared if it held an older bucket. */
  private int slot(long millis) {
    long start = Math.floorDiv(millis, width) * width;
    int i = (int) Math.floorMod(Math.floorDiv(millis, width), (long) size);
    if (starts[i] != start) {
      starts[i] = start;
      good[i] = 0;
      valid[i] = 0;
      excluded[i] = 0;
      for (int[] l : latencyGood) {
        l[i] = 0;
      }
      up[i] = 0;
      degraded[i] = 0;
      down[i] = 0;
      unknown[i] = 0;
      maintenance[i] = 0;
    }
    return i;
  }

  void addRun(long startMillis, boolean isExcluded, boolean isValid, boolean isGood, boolean[] fastEnough) {
    int i = slot(startMillis);
    if (isExcluded) {
      excluded[i]++;
      return;
    }
    if (isValid) {
      valid[i]++;
      if (isGood) {
        good[i]++;
        for (int t = 0; t < latencyGood.length; t++) {
          if (fastEnough[t]) {
            latencyGood[t][i]++;
          }
        }
      }
    }
  }

  /** Adds time spent in {@code state} within one bucket (callers split spans at bucket edges). */
  void addTime(long atMillis, StateTime state, long ms) {
    int i = slot(atMillis);
    int v = (int) ms;
    switch (state) {
      case UP -> up[i] += v;
      case DEGRADED -> degraded[i] += v;
      case DOWN -> down[i] += v;
      case UNKNOWN -> unknown[i] += v;
      case MAINTENANCE -> maintenance[i] += v;
    }
  }

  /** Replaces a whole bucket (restoring from persisted rollups). */
  void put(long bucketStart, long g, long v, long ex, long[] lat, long u, long dg, long dn, long unk, long mt) {
    int i = slot(bucketStart);
    good[i] = (int) g;
    valid[i] = (int) v;
    excluded[i] = (int) ex;
    for (int t = 0; t < latencyGood.length; t++) {
      latencyGood[t][i] = (int) lat[t];
    }
    up[i] = (int) u;
    degraded[i] = (int) dg;
    down[i] = (int) dn;
    unknown[i] = (int) unk;
    maintenance[i] = (int) mt;
  }

  /** Whether the ring still holds buckets as old as {@code millis}. */
  boolean covers(long millis, long newestMillis) {
    return Math.floorDiv(newestMillis, width) - Math.floorDiv(millis, width) < size;
  }

  /** Adds every bucket whose start lies in [from, to) (both aligned to the width) to {@code into}. */
  void sum(long from, long to, Sums into) {
    for (long b = from; b < to; b += width) {
      int i = (int) Math.floorMod(Math.floorDiv(b, width), (long) size);
      if (starts[i] != b) {
        continue;
      }
      into.good += good[i];
      into.valid += valid[i];
      into.excluded += excluded[i];
      for (int t = 0; t < latencyGood.length; t++) {
        into.latencyGood[t] += latencyGood[t][i];
      }
      into.upMs += up[i];
      into.degradedMs += degraded[i];
      into.downMs += down[i];
      into.unknownMs += unknown[i];
      into.maintenanceMs += maintenance[i];
    }
  }
}
