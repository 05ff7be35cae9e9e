package io.vigil.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One condition of multiwindow, multi-burn-rate alerting (SRE Workbook iteration 6, SLO-MATH §2): it
 * fires when the error ratio over BOTH the long and the short window is strictly greater than
 * burn × B. The long window makes it significant, the short one makes it reset soon after recovery.
 *
 * @param severity page or ticket
 * @param longWindow e.g. 1h
 * @param shortWindow e.g. 5m (one twelfth of the long window in the standard set)
 * @param burn the burn-rate threshold
 */
public record BurnWindowPair(Severity severity, Duration longWindow, Duration shortWindow, BurnRate burn) {
  private static final BigDecimal TWO_PERCENT = new BigDecimal("0.02");
  private static final BigDecimal FIVE_PERCENT = new BigDecimal("0.05");
  private static final BigDecimal TEN_PERCENT = new BigDecimal("0.10");

  public BurnWindowPair {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(longWindow, "longWindow");
    Objects.requireNonNull(shortWindow, "shortWindow");
    Objects.requireNonNull(burn, "burn");
  }

  /**
   * The standard pairs for SLO period P, each burn = f × P / W for the share f of the budget spent in
   * the long window: page 1h & 5m (2%), page 6h & 30m (5%), ticket 1d & 2h (10%), ticket 3d & 6h (10%).
   * A 30-day period gives 14.4, 6, 3, 1; a 28-day period 13.44, 5.6, 2.8, 0.9333….
   */
  public static List<BurnWindowPair> standard(Duration period) {
    return List.of(
        scaled(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), TWO_PERCENT, period),
        scaled(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), FIVE_PERCENT, period),
        scaled(Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2), TEN_PERCENT, period),
        scaled(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), TEN_PERCENT, period));
  }

  /** Whether the pair fires: long ratio > burn × B AND short ratio > burn × B. */
  public boolean fires(ErrorBudget budget, BigDecimal longRatio, BigDecimal shortRatio) {
    return burn.isExceededBy(longRatio, budget) && burn.isExceededBy(shortRatio, budget);
  }

  private static BurnWindowPair scaled(Severity severity, Duration longWindow, Duration shortWindow,
      BigDecimal budgetShare, Duration period) {
    return new BurnWindowPair(severity, longWindow, shortWindow,
        BurnRate.spending(budgetShare, longWindow, period));
  }
}
