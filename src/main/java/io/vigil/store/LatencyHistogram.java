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

  private final long[] counts;

  public LatencyHistogram() {
    this.counts = new long[BOUNDS_MICROS.length + 1];
  }

  private LatencyHistogram(long[] counts) {
    this.counts = counts;
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
    counts[i >= 0 ? i : -i - 1] += n;
  }

  public void addAll(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  public long total() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }

  /** Runs with a duration at most {@code thresholdMicros} (rounded down to the grid). */
  public long atMost(long thresholdMicros) {
    long bound = boundAtOrBelow(thresholdMicros);
    long n = 0;
    for (int i = 0; i < BOUNDS_MICROS.length && BOUNDS_MICROS[i] <= bound; i++) {
      n += counts[i];
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
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i < BOUNDS_MICROS.length ? BOUNDS_MICROS[i] : Long.MAX_VALUE;
      }
    }
    return Long.MAX_VALUE;
  }

  public LatencyHistogram copy() {
    return new LatencyHistogram(counts.clone());
  }

  public boolean isEmpty() {
    return total() == 0;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int last = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        varint(out, i - last);
        varint(out, counts[i]);
        last = i;
      }
    }
    return out.toByteArray();
  }

  public static LatencyHistogram fromBytes(byte[] bytes) {
    LatencyHistogram h = new LatencyHistogram();
    int[] pos = {0};
    int index = 0;
    while (bytes != null && pos[0] < bytes.length) {
      index += (int) readVarint(bytes, pos);
      long count = readVarint(bytes, pos);
      if (index >= 0 && index < h.counts.length) {
        h.counts[index] += count;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }
}
