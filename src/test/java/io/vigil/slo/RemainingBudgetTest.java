package io.vigil.slo;

import static io.vigil.slo.Exact.dec;
import static io.vigil.slo.Exact.round;
import static io.vigil.slo.Exact.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The remaining-budget definitions of SLO-MATH §7 vector 12: a calendar month of 30 days (April 2026),
 * now at the end of day 10, with 4,000,000 valid and 2,000 bad at 99.9%.
 */
class RemainingBudgetTest {
  private static final Clock DAY_10 = Clock.fixed(Instant.parse("2026-04-11T00:00:00Z"), ZoneOffset.UTC);
  private static final CalendarWindow MONTH = CalendarWindow.month();
  private static final ErrorBudget BUDGET = new ErrorBudget(dec("0.999"));
  private static final Counts SO_FAR = new Counts(4_000_000 - 2_000, 4_000_000);

  @Test
  @DisplayName("TV12 setting: April is a 30-day calendar month and 10 days of it have elapsed")
  void calendarSetting() {
    Instant now = DAY_10.instant();
    assertThat(MONTH.length(now)).isEqualTo(Duration.ofDays(30));
    assertThat(MONTH.elapsed(now).length()).isEqualTo(Duration.ofDays(10));
  }

  @Test
  @DisplayName("TV12 remaining, so far (SPEC §1 pinned): 1 − 2,000 / (B × 4,000,000) = 50%")
  void remainingSoFar() {
    assertThat(value(SO_FAR.errorRatio())).isEqualByComparingTo("0.0005");
    assertThat(value(BUDGET.remaining(SO_FAR))).isEqualByComparingTo("0.5");
  }

  @Test
  @DisplayName("TV12 remaining, Sloth-style 1 − period burn: ratio .0005, burn 0.5 → 50%")
  void remainingFromPeriodBurn() {
    BigDecimal ratio = value(SO_FAR.errorRatio());
    assertThat(BUDGET.burnRate(ratio).value()).isEqualByComparingTo("0.5");
    assertThat(BUDGET.remainingFromPeriodBurn(ratio)).isEqualByComparingTo("0.5");
  }

  @Test
  @DisplayName("TV12 remaining of the projected total: 12,000,000 projected → budget 12,000, 16.667% consumed, 83.333% left")
  void remainingOfProjectedBudget() {
    Instant now = DAY_10.instant();
    Duration elapsed = MONTH.elapsed(now).length();
    Duration period = MONTH.length(now);
    BigDecimal projected = SO_FAR.projectedValid(elapsed, period);
    assertThat(projected).isEqualByComparingTo("12000000");
    assertThat(BUDGET.ratio().multiply(projected)).isEqualByComparingTo("12000");
    BigDecimal remaining = value(BUDGET.remainingOfProjectedBudget(SO_FAR, elapsed, period));
    assertThat(round(remaining, 5)).isEqualByComparingTo("0.83333");
    assertThat(round(BigDecimal.ONE.subtract(remaining), 5)).isEqualByComparingTo("0.16667");
  }

  @Test
  @DisplayName("Projected budget has no value before any time elapsed or any event arrived")
  void projectedNeedsData() {
    assertThat(BUDGET.remainingOfProjectedBudget(SO_FAR, Duration.ZERO, Duration.ofDays(30))).isEmpty();
    assertThat(BUDGET.remainingOfProjectedBudget(Counts.NONE, Duration.ofDays(1), Duration.ofDays(30))).isEmpty();
  }
}
