package io.vigil.store;

import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;

/**
 * A raw result as kept in history: compact, without phases or messages (the live view keeps those).
 *
 * @param probeId the probe's history id ({@link HistoryStore#probeId})
 * @param startMillis wall-clock start of the run, epoch milliseconds
 * @param durationMicros run duration in microseconds (history keeps it in 10 µs steps, rounded up)
 * @param outcome good, bad or invalid
 * @param reason reason of a bad or invalid run; {@code null} when good
 * @param httpStatus last HTTP status of a bad or invalid run, 0 when none (good runs do not keep it)
 * @param location where the run happened; {@code null} for this node's own location (a single process keeps
 *     none: all its runs are its own)
 * @param stalled the prober stalled while the run was measured: its duration may include the prober's pause
 */
public record StoredResult(int probeId, long startMillis, int durationMicros, Outcome outcome, Reason reason,
    int httpStatus, String location, boolean stalled) {
  /** A run measured without a stall. */
  public StoredResult(int probeId, long startMillis, int durationMicros, Outcome outcome, Reason reason,
      int httpStatus, String location) {
    this(probeId, startMillis, durationMicros, outcome, reason, httpStatus, location, false);
  }

  /** A run of this node's own location. */
  public StoredResult(int probeId, long startMillis, int durationMicros, Outcome outcome, Reason reason,
      int httpStatus) {
    this(probeId, startMillis, durationMicros, outcome, reason, httpStatus, null);
  }
}
