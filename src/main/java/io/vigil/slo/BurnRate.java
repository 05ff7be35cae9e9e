package io.vigil.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How fast an SLO spends its budget: burn rate = (error ratio over a window W) / B. A burn rate of 1
 * spends the budget exactly over the SLO period P. Formulas from the SRE Workbook, "Alerting on SLOs"
 * (SLO-MATH §1).
 *
 * @param value the burn rate, a multiple of the budget ratio; not negative
 */
public record BurnRate(BigDecimal value) {
  /** The windows Vigil reports burn rates over ({@code vigil_slo_burn_rate}): 5m 30m 1h 2h 6h 1d 3d. */
  public static final List<Duration> STANDARD_WINDOWS = List.of(
      Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
      Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

  public BurnRate {
    Objects.requireNonNull(value, "value");
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a burn rate is not negative: " + value);
    }
  }

  /**
   * The burn rate that spends the share {@code budgetShare} of the budget of period P within window W:
   * f × P / W (Workbook Table 5-4; 2% of 30 days in 1 hour → 14.4).
   */
  public static BurnRate spending(BigDecimal budgetShare, Duration window, Duration period) {
    return new BurnRate(Decimals.divide(budgetShare.multiply(Decimals.nanos(period)), Decimals.nanos(window)));
  }

  /** Share of the period's budget this burn spends within W: burn × W / P (14.4 over 1h of 30d → 2%). */
  public BigDecimal budgetConsumed(Duration window, Duration period) {
    return Decimals.divide(value.multiply(Decimals.nanos(window)), Decimals.nanos(period));
  }

  /** How long a whole budget lasts at this burn: P / burn; empty when nothing burns. */
  public Optional<Duration> timeToExhaustion(Duration period) {
    return value.signum() == 0 ? Optional.empty()
        : Optional.of(Decimals.duration(Decimals.divide(Decimals.nanos(period), value)));
  }

  /** The error ratio this burn stands for: burn × B, the threshold of an alert on this burn. */
  public BigDecimal errorRatio(ErrorBudget budget) {
    return value.multiply(budget.ratio());
  }

  /**
   * Whether an error ratio exceeds this burn: {@code errorRatio > burn × B}, strictly (SPEC §1: a
   * condition does not fire at equality).
   */
  public boolean isExceededBy(BigDecimal errorRatio, ErrorBudget budget) {
    return errorRatio.compareTo(errorRatio(budget)) > 0;
  }

  /**
   * Detection time of an alert on this burn over window W when errors start arriving at
   * {@code errorRatio} from an error-free past: (B / error ratio) × W × burn (Workbook; 100% errors at
   * 99.9% with 1h × 14.4 → 51.84 s). Empty when that error ratio never exceeds the threshold.
   */
  public Optional<Duration> detectionTime(ErrorBudget budget, BigDecimal errorRatio, Duration window) {
    if (!isExceededBy(errorRatio, budget)) {
      return Optional.empty();
    }
    BigDecimal share = Decimals.divide(budget.ratio().multiply(value), errorRatio);
    return Optional.of(Decimals.duration(Decimals.nanos(window).multiply(share)));
  }

  /**
   * Reset time of the same alert: how long after an outage at {@code errorRatio} ends (once the alert
   * fired) the window's ratio falls back to the threshold, W − detection time (1h at 36 × B after a full
   * outage → 57.84 min). Empty when that error ratio never exceeds the threshold.
   */
  public Optional<Duration> resetTime(ErrorBudget budget, BigDecimal errorRatio, Duration window) {
    return detectionTime(budget, errorRatio, window).map(window::minus);
  }
}
