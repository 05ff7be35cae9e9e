package io.vigil.slo;

import java.time.Duration;
import java.util.Objects;

/**
 * The good-event rule of a latency SLI: a run is good when it is valid, good, and its duration is at
 * most the threshold (SPEC §1: "duration ≤ threshold"; a run lasting exactly the threshold is good).
 * Invalid runs are not events; bad runs are valid but never latency-good, however fast they failed.
 *
 * @param threshold the slowest duration still good
 */
public record LatencyThreshold(Duration threshold) {
  public LatencyThreshold {
    Objects.requireNonNull(threshold, "threshold");
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("latency threshold must not be negative: " + threshold);
    }
  }

  /** Whether one run is latency-good: valid ∧ good ∧ {@code duration ≤ threshold}. */
  public boolean isGood(boolean valid, boolean good, Duration duration) {
    return valid && good && duration.compareTo(threshold) <= 0;
  }

  /** The latency-SLI counts of one run, to sum with {@link Counts#plus}. */
  public Counts ofRun(boolean valid, boolean good, Duration duration) {
    return Counts.ofRun(valid, isGood(valid, good, duration));
  }
}
