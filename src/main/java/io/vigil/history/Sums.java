package io.vigil.history;

import io.vigil.slo.Counts;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.TimeTotals;
import java.time.Duration;

/**
 * Aggregates of one boundary over a window: request counts, latency-good counts per latency threshold, and
 * time per state. Mutable while being summed, then read.
 */
public final class Sums {
  long good;
  long valid;
  long excluded;
  final long[] latencyGood;
  long upMs;
  long degradedMs;
  long downMs;
  long unknownMs;
  long maintenanceMs;

  Sums(int thresholds) {
    this.latencyGood = new long[thresholds];
  }

  void add(Sums o) {
    good += o.good;
    valid += o.valid;
    excluded += o.excluded;
    for (int i = 0; i < latencyGood.length; i++) {
      latencyGood[i] += o.latencyGood[i];
    }
    upMs += o.upMs;
    degradedMs += o.degradedMs;
    downMs += o.downMs;
    unknownMs += o.unknownMs;
    maintenanceMs += o.maintenanceMs;
  }

  /** Request-based counts (maintenance that does not count against the budget excluded). */
  public Counts requests() {
    return new Counts(good, valid);
  }

  /** Latency counts for the i-th latency threshold: good = valid, good and fast enough. */
  public Counts latency(int thresholdIndex) {
    return new Counts(latencyGood[thresholdIndex], valid);
  }

  /** Time per state; degraded counts as up. */
  public TimeTotals time() {
    return new TimeTotals(Duration.ofMillis(upMs + degradedMs), Duration.ofMillis(downMs),
        Duration.ofMillis(unknownMs), Duration.ofMillis(maintenanceMs));
  }

  /** Valid runs split into latency bands; {@code bandIndex} is the ledger's fast-edge threshold index. */
  LatencyBands bands(int bandIndex) {
    return LatencyBands.of(latencyGood[bandIndex], latencyGood[bandIndex + 1], valid);
  }

  public long excluded() {
    return excluded;
  }

  public long degradedMs() {
    return degradedMs;
  }

  public long upMs() {
    return upMs;
  }

  public long downMs() {
    return downMs;
  }

  public long unknownMs() {
    return unknownMs;
  }

  public long maintenanceMs() {
    return maintenanceMs;
  }

  public long good() {
    return good;
  }

  public long valid() {
    return valid;
  }

  public long latencyGood(int thresholdIndex) {
    return latencyGood[thresholdIndex];
  }
}
