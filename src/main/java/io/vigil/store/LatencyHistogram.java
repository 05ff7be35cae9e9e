package io.vigil.store;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Counts of run durations over a fixed grid of upper bounds (1 ms steps to 10 ms, 5 ms to 100 ms, 10 ms to
 * 1 s, 50 ms to 5 s, 500 ms to 30 s, 1 s to 60 s, then +Inf). A latency threshold on the grid is answered
 * exactly; one between two bounds is answered for the bound below it, which never overstates the SLI.
 * Mutable; not thread-safe. Serialised as sparse varints (bucket delta, count) so a quiet bucket costs bytes.
 */
public final class LatencyHistogram {
  static final long[] BOUNDS_MICROS = grid();
  private static final int BUCKETS = BOUNDS_MICROS.length + 1; // the last one is +Inf

  // sparse: the buckets in use, ascending, and their counts (a probe's runs fall in a handful of buckets)
  private int[] index;
  private long[] count;
  private int used;

  public LatencyHistogram() {
    this.index = new int[4];
    this.count = new long[4];
  }

  private LatencyHistogram(int[] index, long[] count, int used) {
    this.index = index;
    this.count = count;
    this.used = used;
  }

  private static long[] grid() {
    long[] steps = {1_000, 5_000, 10_000, 50_000, 500_000, 1_000_000};
    long[] ends = {10_000, 100_000, 1_000_000, 5_000_000, 30_000_000, 60_000_000};
    long[] out = new long[400];
    int n = 0;
    long at = 0;
    for (int i = 0; i < steps.length; i++) {
      while (at < ends[i]) {
        at += steps[i];
        out[n++] = at;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The largest grid bound not above {@code micros} (what a threshold is answered for), or 0 if none. */
  public static long boundAtOrBelow(long micros) {
    int i = Arrays.binarySearch(BOUNDS_MICROS, micros);
    if (i >= 0) {
      return BOUNDS_MICROS[i];
    }
    int below = -i - 2;
    return below < 0 ? 0 : BOUNDS_MICROS[below];
  }

  public void add(long durationMicros) {
    add(durationMicros, 1);
  }

  public void add(long durationMicros, long n) {
    int i = Arrays.binarySearch(BOUNDS_MICROS, durationMicros);
    addToBucket(i >= 0 ? i : -i - 1, n);
  }

  private void addToBucket(int bucket, long n) {
    int at = Arrays.binarySearch(index, 0, used, bucket);
    if (at >= 0) {
      count[at] += n;
      return;
    }
    at = -at - 1;
    if (used == index.length) {
      index = Arrays.copyOf(index, used * 2);
      count = Arrays.copyOf(count, used * 2);
    }
    System.arraycopy(index, at, index, at + 1, used - at);
    System.arraycopy(count, at, count, at + 1, used - at);
    index[at] = bucket;
    count[at] = n;
    used++;
  }

  public void addAll(LatencyHistogram other) {
    for (int k = 0; k < other.used; k++) {
      addToBucket(other.index[k], other.count[k]);
    }
  }

  public long total() {
    long t = 0;
    for (int k = 0; k < used; k++) {
      t += count[k];
    }
    return t;
  }

  /** Runs with a duration at most {@code thresholdMicros} (rounded down to the grid). */
  public long atMost(long thresholdMicros) {
    long bound = boundAtOrBelow(thresholdMicros);
    long n = 0;
    for (int k = 0; k < used && index[k] < BOUNDS_MICROS.length && BOUNDS_MICROS[index[k]] <= bound; k++) {
      n += count[k];
    }
    return n;
  }

  /**
   * The q-quantile (0 < q ≤ 1) as the upper bound of the bucket holding it, in microseconds; -1 when empty,
   * {@link Long#MAX_VALUE} when it lies beyond the last bound.
   */
  public long quantileMicros(double q) {
    long total = total();
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int k = 0; k < used; k++) {
      seen += count[k];
      if (seen >= rank) {
        return index[k] < BOUNDS_MICROS.length ? BOUNDS_MICROS[index[k]] : Long.MAX_VALUE;
      }
    }
    return Long.MAX_VALUE;
  }

  public LatencyHistogram copy() {
    return new LatencyHistogram(index.clone(), count.clone(), used);
  }

  public boolean isEmpty() {
    return total() == 0;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(used * 3);
    int last = 0;
    for (int k = 0; k < used; k++) {
      if (count[k] != 0) {
        varint(out, index[k] - last);
        varint(out, count[k]);
        last = index[k];
      }
    }
    return out.toByteArray();
  }

  public static LatencyHistogram fromBytes(byte[] bytes) {
    LatencyHistogram h = new LatencyHistogram();
    int[] pos = {0};
    int bucket = 0;
    while (bytes != null && pos[0] < bytes.length) {
      bucket += (int) readVarint(bytes, pos);
      long n = readVarint(bytes, pos);
      if (bucket >= 0 && bucket < BUCKETS) {
        h.addToBucket(bucket, n);
      }
    }
    return h;
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(byte[] b, int[] pos) {
    long v = 0;
    int shift = 0;
    while (pos[0] < b.length) {
      int x = b[pos[0]++];
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    return v;
  }

  /** Counts per bucket, dense (for equality: the sparse layout may differ for equal contents). */
  private long[] dense() {
    long[] d = new long[BUCKETS];
    for (int k = 0; k < used; k++) {
      d[index[k]] += count[k];
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h && Arrays.equals(dense(), h.dense());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dense());
  }
}
