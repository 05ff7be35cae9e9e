package io.vigil.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A service level objective on a boundary.
 *
 * @param name unique within the boundary
 * @param sli what is measured: request-based availability, time-based availability, or latency
 * @param target the objective as an exact ratio ({@code 99.95%} in config becomes 0.9995)
 * @param window rolling duration or calendar period
 * @param threshold latency SLIs: a run is good when its duration is at most this; {@code null} otherwise
 * @param timezone zone for calendar windows (UTC unless given)
 * @param minRemaining the error-budget policy ({@code policy: {min_remaining: 10%}}): the share of the budget
 *     that must be left for {@code vigil budget} to pass; 0 unless given
 */
public record SloConfig(String name, Sli sli, BigDecimal target, SloWindow window, Duration threshold,
    ZoneId timezone, BigDecimal minRemaining) {

  public SloConfig {
    minRemaining = minRemaining == null ? BigDecimal.ZERO : minRemaining;
  }

  /** An SLO without a budget policy (min_remaining 0). */
  public SloConfig(String name, Sli sli, BigDecimal target, SloWindow window, Duration threshold, ZoneId timezone) {
    this(name, sli, target, window, threshold, timezone, BigDecimal.ZERO);
  }

  public enum Sli { REQUESTS, TIME, LATENCY }

  /**
   * Whether a remaining budget keeps this SLO's policy: remaining ≥ {@code min_remaining}, exactly; an empty one
   * (nothing measured in the window) has spent nothing and keeps it.
   */
  public boolean keepsPolicy(Optional<BigDecimal> remaining) {
    return remaining.map(r -> r.compareTo(minRemaining) >= 0).orElse(true);
  }

  /** The error budget as a ratio: 1 − target. */
  public BigDecimal budgetRatio() {
    return BigDecimal.ONE.subtract(target);
  }

  /**
   * An SLO window: rolling over a fixed duration ({@code 30d}), or a calendar {@code month} or
   * {@code quarter} that resets at its start.
   *
   * @param kind rolling or calendar
   * @param rolling the duration for rolling windows, {@code null} for calendar ones
   */
  public record SloWindow(Kind kind, Duration rolling) {
    public enum Kind { ROLLING, MONTH, QUARTER }

    public static SloWindow rolling(Duration d) {
      return new SloWindow(Kind.ROLLING, d);
    }

    public static final SloWindow MONTH = new SloWindow(Kind.MONTH, null);
    public static final SloWindow QUARTER = new SloWindow(Kind.QUARTER, null);

    @Override
    public String toString() {
      return switch (kind) {
        case ROLLING -> Durations.format(rolling);
        case MONTH -> "month";
        case QUARTER -> "quarter";
      };
    }
  }
}
