package io.vigil.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * A service level objective on a boundary.
 *
 * @param name unique within the boundary
 * @param sli what is measured: request-based availability, time-based availability, or latency under a threshold
 * @param target the objective as an exact ratio ({@code 99.95%} in config becomes 0.9995)
 * @param window rolling duration or calendar period
 * @param timezone zone for calendar windows (UTC unless given)
 * @param minRemaining the error-budget policy ({@code policy: {min_remaining: 10%}}): the share of the budget
 *     that must be left for {@code vigil budget} to pass; 0 unless given
 */
public record SloConfig(String name, Sli sli, BigDecimal target, SloWindow window, ZoneId timezone,
    BigDecimal minRemaining) {

  public SloConfig {
    minRemaining = minRemaining == null ? BigDecimal.ZERO : minRemaining;
  }

  /** An SLO without a budget policy (min_remaining 0). */
  public SloConfig(String name, Sli sli, BigDecimal target, SloWindow window, ZoneId timezone) {
    this(name, sli, target, window, timezone, BigDecimal.ZERO);
  }

  /**
   * What an SLO measures. Each kind names itself, writes its part of the objective's text, and picks its
   * measure from whatever holds all three ({@link Measures}), so no caller switches on the kind.
   */
  public sealed interface Sli {
    /** Request-based availability: good runs over valid runs. */
    Sli REQUESTS = new Requests();
    /** Time-based availability: up time over measured time. */
    Sli TIME = new Time();

    /** The name in configuration, JSON and CSV: {@code requests}, {@code time} or {@code latency}. */
    String key();

    /** The SLI in a report's SLO table: {@code requests}, {@code time}, {@code latency ≤ 250ms}. */
    default String label() {
      return key();
    }

    /**
     * What the status page says must reach the target: {@code good requests}, {@code uptime},
     * {@code runs within 250ms}.
     */
    String measured();

    /** What an alert writes after the target percentage: nothing, {@code  uptime}, {@code  within 250ms}. */
    String afterTarget();

    /** This SLI's measure among the three {@code m} holds. */
    <R> R of(Measures<R> m);

    /** The latency threshold; {@code null} unless this is a latency SLI. */
    default Duration threshold() {
      return null;
    }

    /** Parses the configured name, case-insensitively; the latency threshold is given apart. */
    static Sli parse(String text, Duration threshold) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "requests" -> REQUESTS;
        case "time" -> TIME;
        case "latency" -> new Latency(threshold);
        default -> throw new IllegalArgumentException("expected one of requests, time, latency; got '" + text + "'");
      };
    }

    /** Measures of one window from which an SLI takes its own: live sums, report rollups. */
    interface Measures<R> {
      R requests();

      R time();

      /** Counts of valid runs, good when good and at most {@code threshold} long. */
      R latency(Duration threshold);
    }

    record Requests() implements Sli {
      public String key() {
        return "requests";
      }

      public String measured() {
        return "good requests";
      }

      public String afterTarget() {
        return "";
      }

      public <R> R of(Measures<R> m) {
        return m.requests();
      }
    }

    record Time() implements Sli {
      public String key() {
        return "time";
      }

      public String measured() {
        return "uptime";
      }

      public String afterTarget() {
        return " uptime";
      }

      public <R> R of(Measures<R> m) {
        return m.time();
      }
    }

    /** Latency: a valid run is good when it is good and its duration is at most {@code threshold}. */
    record Latency(Duration threshold) implements Sli {
      public String key() {
        return "latency";
      }

      public String label() {
        return "latency ≤ " + Durations.format(threshold);
      }

      public String measured() {
        return "runs within " + Durations.format(threshold);
      }

      public String afterTarget() {
        return " within " + Durations.format(threshold);
      }

      public <R> R of(Measures<R> m) {
        return m.latency(threshold);
      }
    }
  }

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
