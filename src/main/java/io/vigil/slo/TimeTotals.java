package io.vigil.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a boundary or probe spent in each kind of state within some span: the input of time-based
 * availability.
 *
 * @param up uptime, including degraded time
 * @param down downtime
 * @param unknown time nothing was known about
 * @param maintenance time excused by planned maintenance
 */
public record TimeTotals(Duration up, Duration down, Duration unknown, Duration maintenance) implements Measure {
  /** No time at all. */
  public static final TimeTotals NONE = new TimeTotals(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public TimeTotals {
    for (Duration d : new Duration[] {up, down, unknown, maintenance}) {
      Objects.requireNonNull(d, "time totals need every duration");
      if (d.isNegative()) {
        throw new IllegalArgumentException("time totals must not be negative: " + d);
      }
    }
  }

  /** Adds {@code length} of time in {@code state}. */
  public TimeTotals plus(State state, Duration length) {
    return switch (state) {
      case UP, DEGRADED -> new TimeTotals(up.plus(length), down, unknown, maintenance);
      case DOWN -> new TimeTotals(up, down.plus(length), unknown, maintenance);
      case UNKNOWN -> new TimeTotals(up, down, unknown.plus(length), maintenance);
      case MAINTENANCE -> new TimeTotals(up, down, unknown, maintenance.plus(length));
    };
  }

  /** Both totals added. */
  public TimeTotals plus(TimeTotals o) {
    return new TimeTotals(up.plus(o.up), down.plus(o.down), unknown.plus(o.unknown),
        maintenance.plus(o.maintenance));
  }

  /** Measured time, up + down: the denominator of availability and of a time budget. */
  public Duration measured() {
    return up.plus(down);
  }

  /** All time, up + down + unknown + maintenance. */
  public Duration total() {
    return measured().plus(unknown).plus(maintenance);
  }

  /**
   * Time-based availability, up / (up + down). Unknown and maintenance time are in neither part (SPEC §1);
   * empty when nothing was measured.
   */
  public Optional<BigDecimal> availability() {
    return measured().isZero() ? Optional.empty() : Optional.of(Decimals.ratio(up, measured()));
  }

  /** The time error ratio, down / (up + down) = 1 − availability; empty when nothing was measured. */
  public Optional<BigDecimal> errorRatio() {
    return measured().isZero() ? Optional.empty() : Optional.of(Decimals.ratio(down, measured()));
  }

  /**
   * Coverage, (up + down) / (up + down + unknown + maintenance): the share of the span that availability
   * speaks for. Empty for a span of no time.
   */
  public Optional<BigDecimal> coverage() {
    return total().isZero() ? Optional.empty() : Optional.of(Decimals.ratio(measured(), total()));
  }
}
