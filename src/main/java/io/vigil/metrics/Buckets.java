package io.vigil.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;

/**
 * A fixed-bucket histogram of seconds, cheap enough to keep one per probe and phase. Thread-safe: one
 * writer per probe in the common case, several when histograms are kept per boundary.
 */
public final class Buckets {
  /** Default upper bounds in seconds; latency-SLO thresholds are added so Prometheus rules can use them exactly. */
  static final double[] DEFAULT_BOUNDS =
      {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final double[] bounds;
  private final long[] counts; // non-cumulative; last slot is +Inf
  private double sum;
  private long count;

  Buckets(double[] bounds) {
    this.bounds = bounds;
    this.counts = new long[bounds.length + 1];
  }

  /** The default bounds plus every given threshold (sorted, deduplicated). */
  static double[] boundsWith(Collection<Duration> thresholds) {
    TreeSet<Double> all = new TreeSet<>();
    for (double b : DEFAULT_BOUNDS) {
      all.add(b);
    }
    for (Duration t : thresholds) {
      all.add(t.toNanos() / 1e9);
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  synchronized void observe(double seconds) {
    int i = Arrays.binarySearch(bounds, seconds);
    counts[i >= 0 ? i : -i - 1]++; // an exact bound belongs to its own bucket (le is inclusive)
    sum += seconds;
    count++;
  }

  /** Upper bounds including +Inf. */
  double[] upperBounds() {
    double[] ub = Arrays.copyOf(bounds, bounds.length + 1);
    ub[bounds.length] = Double.POSITIVE_INFINITY;
    return ub;
  }

  /** A consistent copy: non-cumulative counts, then sum, then count. */
  synchronized Snapshot snapshot() {
    return new Snapshot(counts.clone(), sum, count);
  }

  record Snapshot(long[] counts, double sum, long count) {}
}
