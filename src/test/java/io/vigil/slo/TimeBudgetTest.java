package io.vigil.slo;

import static io.vigil.slo.Exact.dec;
import static io.vigil.slo.Exact.round;
import static io.vigil.slo.Exact.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Time-based availability and time budgets: SLO-MATH §7 vectors 1 and 9. */
class TimeBudgetTest {
  private static final Duration DAYS_30 = Duration.ofDays(30);

  private static Duration minutes(String m) {
    return Decimals.duration(dec(m).multiply(dec("60000000000")));
  }

  @ParameterizedTest(name = "SPEC §1 time budget: {0} over 30d allows {1} of downtime (B × P)")
  @CsvSource({"0.999, PT43M12S", "0.9999, PT4M19.2S", "0.99999, PT25.92S", "0.9995, PT21M36S"})
  void allowedDowntimeOverThirtyDays(String target, String allowed) {
    assertThat(new ErrorBudget(dec(target)).allowedDowntime(DAYS_30)).isEqualTo(Duration.parse(allowed));
  }

  @Test
  @DisplayName("TV1 time budget: 99.95% over 30d = 21.6 min; 10.8 min down → A 99.975%, 50% consumed, 10.8 min left, burn 0.5")
  void timeBudgetVector() {
    ErrorBudget budget = new ErrorBudget(dec("0.9995"));
    assertThat(budget.allowedDowntime(DAYS_30)).isEqualTo(minutes("21.6"));

    Duration down = minutes("10.8");
    TimeTotals month = new TimeTotals(DAYS_30.minus(down), down, Duration.ZERO, Duration.ZERO);
    assertThat(value(month.availability())).isEqualByComparingTo("0.99975");
    assertThat(value(budget.consumed(month))).isEqualByComparingTo("0.5");
    assertThat(value(budget.remaining(month))).isEqualByComparingTo("0.5");
    assertThat(budget.remainingOfPeriod(month, DAYS_30)).isEqualByComparingTo("0.5");
    assertThat(budget.remainingDowntime(month)).isEqualTo(minutes("10.8"));
    assertThat(budget.burnRate(value(month.errorRatio())).value()).as("mean burn over the period")
        .isEqualByComparingTo("0.5");
    assertThat(budget.status(month).orElseThrow().met()).isTrue();
  }

  private static final TimeTotals TV9 = new TimeTotals(minutes("1380"), minutes("30"), minutes("10"), minutes("20"));

  @Test
  @DisplayName("TV9 time availability = up/(up+down) = 1380/1410 = 97.87234%, unknown and maintenance in neither part")
  void unknownAndMaintenanceAreOutOfBothParts() {
    assertThat(TV9.measured()).isEqualTo(minutes("1410"));
    assertThat(round(value(TV9.availability()), 7)).isEqualByComparingTo("0.9787234");
    assertThat(round(value(TV9.coverage()), 6)).as("coverage 1410/1440").isEqualByComparingTo("0.979167");
  }

  @Test
  @DisplayName("TV9 other readings Vigil does not use: unknown as down 97.18310%, maintenance as up 97.90210%")
  void otherReadingsOfTheSameDay() {
    TimeTotals unknownAsDown = new TimeTotals(TV9.up(), TV9.down().plus(TV9.unknown()), Duration.ZERO,
        TV9.maintenance());
    TimeTotals maintenanceAsUp = new TimeTotals(TV9.up().plus(TV9.maintenance()), TV9.down(), TV9.unknown(),
        Duration.ZERO);
    assertThat(round(value(unknownAsDown.availability()), 7)).isEqualByComparingTo("0.9718310");
    assertThat(round(value(maintenanceAsUp.availability()), 7)).isEqualByComparingTo("0.9790210");
  }

  @Test
  @DisplayName("TV9 time budget at 99%: 14.1 min of 1410 measured, 30 min down → 212.766% consumed, remaining -112.766%")
  void overspentTimeBudgetGoesNegative() {
    ErrorBudget budget = new ErrorBudget(dec("0.99"));
    assertThat(budget.allowedDowntime(TV9.measured())).isEqualTo(minutes("14.1"));
    BudgetStatus status = budget.status(TV9).orElseThrow();
    assertThat(round(status.consumed(), 5)).isEqualByComparingTo("2.12766");
    assertThat(round(status.remaining(), 5)).isEqualByComparingTo("-1.12766");
    assertThat(status.met()).isFalse();
    assertThat(budget.remainingDowntime(TV9)).isEqualTo(minutes("-15.9"));
  }

  /** Uptime Kuma's reading: up / (up + down) of beats, PENDING counted as DOWN, MAINTENANCE left out. */
  private static BigDecimal kumaUptime(long up, long down, long pending) {
    return value(new Counts(up, up + down + pending).sli());
  }

  /** Statuspage's reading: major outage minutes weigh 100%, partial outage minutes 30%, of all minutes. */
  private static BigDecimal statuspageUptime(long days, long majorMinutes, long partialMinutes) {
    BigDecimal down = BigDecimal.valueOf(majorMinutes).add(dec("0.3").multiply(BigDecimal.valueOf(partialMinutes)));
    BigDecimal all = BigDecimal.valueOf(days * 24 * 60);
    return BigDecimal.ONE.subtract(Decimals.divide(down, all));
  }

  @Test
  @DisplayName("TV9 Kuma reading: 1,400 UP, 20 MAINT, 15 DOWN, 5 PENDING (as down) → 98.59155%")
  void kumaReading() {
    assertThat(round(kumaUptime(1_400, 15, 5), 7)).isEqualByComparingTo("0.9859155");
  }

  @Test
  @DisplayName("TV9 Gatus reading: Σsuccessful/Σexecutions 1,430/1,440 → 99.30556%")
  void gatusReading() {
    assertThat(round(value(new Counts(1_430, 1_440).sli()), 7)).isEqualByComparingTo("0.9930556");
  }

  @Test
  @DisplayName("TV9 Statuspage reading: 90d, 60 min major + 120 min partial (30%) → 96/129,600 down → 99.92593%")
  void statuspageReading() {
    assertThat(round(statuspageUptime(90, 60, 120), 7)).isEqualByComparingTo("0.9992593");
  }

  @Test
  @DisplayName("TV9 through the timeline: 1,400 min up (20 under excused maintenance), 30 down, 10 unknown → 97.87234%")
  void tv9ThroughTheTimeline() {
    Instant t0 = Instant.parse("2026-05-04T00:00:00Z");
    Span day = Span.of(t0, Duration.ofDays(1));
    Timeline probe = Timeline.of(day, List.of(
        new Timeline.Segment(t0, at(t0, 600), State.UP),
        new Timeline.Segment(at(t0, 600), at(t0, 630), State.DOWN),
        new Timeline.Segment(at(t0, 630), at(t0, 1410), State.UP),
        new Timeline.Segment(at(t0, 1420), at(t0, 1440), State.UP)));
    Timeline withMaintenance = probe.withMaintenance(
        List.of(new MaintenanceWindow(new Span(at(t0, 1420), at(t0, 1440)), false)));
    assertThat(withMaintenance.totals()).isEqualTo(TV9);
    assertThat(round(value(withMaintenance.totals().availability()), 7)).isEqualByComparingTo("0.9787234");
  }

  private static Instant at(Instant t0, long minute) {
    return t0.plus(Duration.ofMinutes(minute));
  }

  @Test
  @DisplayName("Nothing measured → no availability, no time budget status")
  void nothingMeasuredHasNoAvailability() {
    TimeTotals unknownOnly = TimeTotals.NONE.plus(State.UNKNOWN, Duration.ofHours(1));
    assertThat(unknownOnly.availability()).isEmpty();
    assertThat(value(unknownOnly.coverage())).isEqualByComparingTo("0");
    assertThat(new ErrorBudget(dec("0.999")).status(unknownOnly)).isEmpty();
    assertThat(TimeTotals.NONE.coverage()).isEmpty();
  }

  @Test
  @DisplayName("Degraded time counts as uptime")
  void degradedCountsAsUp() {
    TimeTotals t = TimeTotals.NONE.plus(State.DEGRADED, Duration.ofMinutes(9)).plus(State.DOWN, Duration.ofMinutes(1));
    assertThat(value(t.availability())).isEqualByComparingTo("0.9");
  }
}
