package io.vigil.boundary;

import io.vigil.config.ProbeConfig;
import io.vigil.probe.ProbeResult;
import java.util.List;

/**
 * One probe's thresholded state as the boundary state sees it: it turns failing after
 * {@code failures_before_down} consecutive bad runs and passing again after {@code successes_before_up}
 * good ones; with no valid result for two intervals it is unknown. Raw results (which feed the SLIs) are
 * not affected by these thresholds. Guarded by its boundary's lock.
 */
final class ProbeHealth {
  enum Status { PASSING, FAILING, UNKNOWN }

  final ProbeConfig config;
  /** This health alone, for the common case of a probe seen from one location (saves a list per result). */
  final List<ProbeHealth> alone = List.of(this);
  private final int failuresBeforeDown;
  private final int successesBeforeUp;
  private Status status = Status.UNKNOWN;
  private int failures;
  private int successes;
  private long lastValidStartMillis = Long.MIN_VALUE;
  private long streakStartMillis; // start of the first bad run of the current failing (or failing-to-be) streak
  private ProbeResult last;
  private ProbeResult lastFailure; // the latest bad run: its reason is why the probe fails

  ProbeHealth(ProbeConfig config, int failuresBeforeDown, int successesBeforeUp) {
    this.config = config;
    this.failuresBeforeDown = Math.max(1, failuresBeforeDown);
    this.successesBeforeUp = Math.max(1, successesBeforeUp);
  }

  void record(ProbeResult r) {
    last = r;
    if (!r.valid()) {
      return; // an invalid run says nothing about the service: streaks and freshness stay as they were
    }
    lastValidStartMillis = Math.max(lastValidStartMillis, r.startedAtMillis());
    if (r.good()) {
      successes++;
      failures = 0;
      if (status == Status.UNKNOWN || successes >= successesBeforeUp) {
        status = Status.PASSING;
      }
    } else {
      // good runs short of successes_before_up do not end a failing streak, so they do not restart it either
      if (failures == 0 && status != Status.FAILING) {
        streakStartMillis = r.startedAtMillis();
      }
      lastFailure = r;
      failures++;
      successes = 0;
      if (failures >= failuresBeforeDown) {
        status = Status.FAILING;
      }
    }
  }

  /** Turns unknown when no valid run started within two intervals (plus a second of slack) before now. */
  boolean expire(long nowMillis) {
    long horizon = 2 * config.interval().toMillis() + 1_000;
    if (status != Status.UNKNOWN && nowMillis - lastValidStartMillis > horizon) {
      status = Status.UNKNOWN;
      failures = 0;
      successes = 0;
      return true;
    }
    return false;
  }

  Status status() {
    return status;
  }

  /** Start of the first bad run of the current streak (while failing: since it has been failing). */
  long streakStartMillis() {
    return streakStartMillis;
  }

  /** The latest bad run (while failing, the last run may be a good one short of recovery, or invalid). */
  ProbeResult lastFailure() {
    return lastFailure;
  }

  ProbeResult last() {
    return last;
  }
}
