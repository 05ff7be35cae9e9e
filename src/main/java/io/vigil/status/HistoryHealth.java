package io.vigil.status;

/**
 * Whether history is being written. While it is degraded, probing, live state and metrics carry on, but new
 * results wait in memory (and the oldest are dropped beyond the queue's bound) until the store recovers, so
 * the page should say that recent history may be incomplete.
 *
 * @param degraded whether writes to the history store are failing now
 * @param reason why, for operators (the database file and the error); {@code ""} when not degraded
 */
public record HistoryHealth(boolean degraded, String reason) {
  public static final HistoryHealth OK = new HistoryHealth(false, "");

  public HistoryHealth {
    reason = reason == null ? "" : reason;
  }

  /** From a store's degraded reason, {@code null} meaning healthy. */
  public static HistoryHealth of(String degradedReason) {
    return degradedReason == null ? OK : new HistoryHealth(true, degradedReason);
  }
}
