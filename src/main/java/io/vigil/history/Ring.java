package io.vigil.history;

import java.util.Arrays;

/**
 * Per-bucket aggregates of one boundary for the most recent {@code size} buckets of a fixed width. Each slot
 * is a run of ints in one array (a minute holds at most 60,000 ms, an hour 3,600,000, a day 86,400,000: ints
 * suffice), so summing a range reads memory in order. A slot belongs to the bucket whose start is recorded
 * for it; stale slots read as empty. Not thread-safe: guarded by the ledger.
 */
final class Ring {
  private static final int GOOD = 0;
  private static final int VALID = 1;
  private static final int EXCLUDED = 2;
  private static final int UP = 3;
  private static final int DEGRADED = 4;
  private static final int DOWN = 5;
  private static final int UNKNOWN = 6;
  private static final int MAINTENANCE = 7;
  private static final int LATENCY = 8;

  final long width;
  private final int size;
  private final int stride;
  private final int thresholds;
  private final long[] starts;
  private final int[] data;

  Ring(long width, int size, int thresholds) {
    this.width = width;
    this.size = size;
    this.thresholds = thresholds;
    this.stride = LATENCY + thresholds;
    this.starts = new long[size];
    Arrays.fill(starts, Long.MIN_VALUE);
    this.data = new int[size * stride];
  }

  /** The offset of the slot for the bucket holding {@code millis}, cleared if it held an older bucket. */
  private int slot(long millis) {
    long bucket = Math.floorDiv(millis, width);
    int i = (int) Math.floorMod(bucket, (long) size);
    long start = bucket * width;
    if (starts[i] != start) {
      starts[i] = start;
      Arrays.fill(data, i * stride, (i + 1) * stride, 0);
    }
    return i * stride;
  }

  void addRun(long startMillis, boolean isExcluded, boolean isValid, boolean isGood, boolean[] fastEnough) {
    int o = slot(startMillis);
    if (isExcluded) {
      data[o + EXCLUDED]++;
      return;
    }
    if (isValid) {
      data[o + VALID]++;
      if (isGood) {
        data[o + GOOD]++;
        for (int t = 0; t < thresholds; t++) {
          if (fastEnough[t]) {
            data[o + LATENCY + t]++;
          }
        }
      }
    }
  }

  /** Adds time spent in {@code state} within one bucket (callers split spans at bucket edges). */
  void addTime(long atMillis, StateTime state, long ms) {
    int o = slot(atMillis);
    int field = switch (state) {
      case UP -> UP;
      case DEGRADED -> DEGRADED;
      case DOWN -> DOWN;
      case UNKNOWN -> UNKNOWN;
      case MAINTENANCE -> MAINTENANCE;
    };
    data[o + field] += (int) ms;
  }

  /** Replaces a whole bucket (restoring from persisted rollups). */
  void put(long bucketStart, long g, long v, long ex, long[] lat, long u, long dg, long dn, long unk, long mt) {
    int o = slot(bucketStart);
    data[o + GOOD] = (int) g;
    data[o + VALID] = (int) v;
    data[o + EXCLUDED] = (int) ex;
    data[o + UP] = (int) u;
    data[o + DEGRADED] = (int) dg;
    data[o + DOWN] = (int) dn;
    data[o + UNKNOWN] = (int) unk;
    data[o + MAINTENANCE] = (int) mt;
    for (int t = 0; t < thresholds; t++) {
      data[o + LATENCY + t] = (int) lat[t];
    }
  }

  /** Whether the ring still holds buckets as old as {@code millis}, given the newest at {@code newestMillis}. */
  boolean covers(long millis, long newestMillis) {
    return Math.floorDiv(newestMillis, width) - Math.floorDiv(millis, width) < size;
  }

  /** Adds every bucket whose start lies in [from, to) (both aligned to the width) to {@code into}. */
  void sum(long from, long to, Sums into) {
    if (from >= to) {
      return;
    }
    long n = Math.min((to - from) / width, size);
    long b = to - n * width;
    int i = (int) Math.floorMod(Math.floorDiv(b, width), (long) size);
    long good = 0;
    long valid = 0;
    long excluded = 0;
    long up = 0;
    long degraded = 0;
    long down = 0;
    long unknown = 0;
    long maintenance = 0;
    for (long k = 0; k < n; k++, b += width) {
      if (starts[i] == b) {
        int o = i * stride;
        good += data[o + GOOD];
        valid += data[o + VALID];
        excluded += data[o + EXCLUDED];
        up += data[o + UP];
        degraded += data[o + DEGRADED];
        down += data[o + DOWN];
        unknown += data[o + UNKNOWN];
        maintenance += data[o + MAINTENANCE];
        for (int t = 0; t < thresholds; t++) {
          into.latencyGood[t] += data[o + LATENCY + t];
        }
      }
      if (++i == size) {
        i = 0;
      }
    }
    into.good += good;
    into.valid += valid;
    into.excluded += excluded;
    into.upMs += up;
    into.degradedMs += degraded;
    into.downMs += down;
    into.unknownMs += unknown;
    into.maintenanceMs += maintenance;
  }
}
