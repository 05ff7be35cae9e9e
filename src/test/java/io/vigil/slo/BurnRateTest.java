package io.vigil.slo;

import static io.vigil.slo.Exact.dec;
import static io.vigil.slo.Exact.round;
import static io.vigil.slo.Exact.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Burn rates and the Workbook's derived figures: SLO-MATH §7 vectors 3, 5 and 6. */
class BurnRateTest {
  private static final Duration DAYS_30 = Duration.ofDays(30);
  private static final Duration DAYS_28 = Duration.ofDays(28);
  private static final ErrorBudget THREE_NINES = new ErrorBudget(dec("0.999"));

  @Test
  @DisplayName("TV3 boundary: 144 bad of 10,000 over 1h at 99.9% → ratio 0.0144, burn 14.4, 2.0% of the 30d budget")
  void burnOfTheBoundaryCase() {
    BigDecimal ratio = value(new Counts(10_000 - 144, 10_000).errorRatio());
    assertThat(ratio).isEqualByComparingTo("0.0144");
    BurnRate burn = THREE_NINES.burnRate(ratio);
    assertThat(burn.value()).isEqualByComparingTo("14.4");
    assertThat(burn.budgetConsumed(Duration.ofHours(1), DAYS_30)).isEqualByComparingTo("0.02");
  }

  @Test
  @DisplayName("TV3 boundary: error ratio > 14.4 × B is strict — 144/10,000 does not fire, 145/10,000 fires")
  void thresholdIsStrict() {
    BurnRate threshold = new BurnRate(dec("14.4"));
    assertThat(threshold.errorRatio(THREE_NINES)).isEqualByComparingTo("0.0144");
    assertThat(threshold.isExceededBy(value(new Counts(10_000 - 144, 10_000).errorRatio()), THREE_NINES)).isFalse();
    assertThat(threshold.isExceededBy(value(new Counts(10_000 - 145, 10_000).errorRatio()), THREE_NINES)).isTrue();
  }

  @Test
  @DisplayName("TV3 double trap: 14.4*(1-0.999) does not fire but 14.4*((100-99.9)/100) fires on 0.0144; exact B gives one answer")
  void doubleThresholdFlipsWithHowTheTargetIsWritten() {
    double ratio = 144 / 10_000.0;
    double fromRatioTarget = 14.4 * (1 - 0.999);
    double fromPercentTarget = 14.4 * ((100 - 99.9) / 100);
    assertThat(fromRatioTarget).isEqualTo(0.014400000000000013);
    assertThat(fromPercentTarget).as("0.01439999…").isLessThan(0.0144).isGreaterThan(0.014399);
    assertThat(ratio > fromRatioTarget).isFalse();
    assertThat(ratio > fromPercentTarget).as("the same rule in double flips to firing").isTrue();

    ErrorBudget fromRatio = new ErrorBudget(dec("0.999"));
    ErrorBudget fromPercent = new ErrorBudget(dec("99.9").divide(dec("100")));
    BurnRate burn = new BurnRate(dec("14.4"));
    BigDecimal exactRatio = value(new Counts(10_000 - 144, 10_000).errorRatio());
    assertThat(burn.isExceededBy(exactRatio, fromRatio)).isFalse();
    assertThat(burn.isExceededBy(exactRatio, fromPercent)).isFalse();
  }

  @ParameterizedTest(name = "TV5 thresholds f × P / W: {0}% of a {1}-day budget in {2} → burn {3}")
  @CsvSource({
      "2,  30, PT1H,  14.4",
      "5,  30, PT6H,  6",
      "10, 30, PT24H, 3",
      "10, 30, PT72H, 1",
      "2,  28, PT1H,  13.44",
      "5,  28, PT6H,  5.6",
      "10, 28, PT24H, 2.8",
      "10, 28, PT72H, 0.9333333333333333333333333333333333"})
  void thresholdForBudgetShare(String percent, long days, String window, String burn) {
    BigDecimal share = dec(percent).movePointLeft(2);
    BurnRate rate = BurnRate.spending(share, Duration.parse(window), Duration.ofDays(days));
    assertThat(rate.value()).isEqualByComparingTo(burn);
  }

  @ParameterizedTest(name = "TV5 Pyrra 28d factor {0} over {1} consumes {2} of the budget (burn × W / P)")
  @CsvSource({
      "14, PT1H,  0.020833",
      "7,  PT6H,  0.062500",
      "2,  PT24H, 0.071429",
      "1,  PT96H, 0.142857"})
  void pyrraFactorsConsume(String factor, String window, String consumed) {
    BigDecimal share = new BurnRate(dec(factor)).budgetConsumed(Duration.parse(window), DAYS_28);
    assertThat(round(share, 6)).isEqualByComparingTo(consumed);
  }

  @Test
  @DisplayName("TV6 Workbook: P/14.4 = 50h; 100% errors at 99.9% is burn 1000 → P/1000 = 43.2 min; burn 35 → 20.57h")
  void timeToExhaustion() {
    assertThat(new BurnRate(dec("14.4")).timeToExhaustion(DAYS_30)).hasValue(Duration.ofHours(50));
    BurnRate fullOutage = THREE_NINES.burnRate(BigDecimal.ONE);
    assertThat(fullOutage.value()).isEqualByComparingTo("1000");
    assertThat(fullOutage.timeToExhaustion(DAYS_30)).hasValue(Duration.ofSeconds(2592));
    Duration at35 = new BurnRate(dec("35")).timeToExhaustion(DAYS_30).orElseThrow();
    assertThat(round(Decimals.ratio(at35, Duration.ofHours(1)), 2)).isEqualByComparingTo("20.57");
    assertThat(new BurnRate(BigDecimal.ZERO).timeToExhaustion(DAYS_30)).isEmpty();
  }

  @Test
  @DisplayName("TV6 Workbook: a 1h full outage at 99.9% spends 138.9% of the 30d budget (\"140%\")")
  void oneHourFullOutage() {
    BigDecimal spent = THREE_NINES.burnRate(BigDecimal.ONE).budgetConsumed(Duration.ofHours(1), DAYS_30);
    assertThat(round(spent, 3)).isEqualByComparingTo("1.389");
  }

  @ParameterizedTest(name = "TV6 detection time at 100% errors, 99.9%: {0} × burn {1} → {2} ((B / ratio) × W × burn)")
  @CsvSource({
      "PT10M, 1,    PT0.6S",
      "PT36H, 1,    PT2M9.6S",
      "PT1H,  14.4, PT51.84S"})
  void detectionTime(String window, String burn, String detection) {
    assertThat(new BurnRate(dec(burn)).detectionTime(THREE_NINES, BigDecimal.ONE, Duration.parse(window)))
        .hasValue(Duration.parse(detection));
  }

  @Test
  @DisplayName("TV6 Workbook: an alert on 1h at 36 × B resets 57.84 min after a full outage ends (W − detection)")
  void resetTime() {
    assertThat(new BurnRate(dec("36")).resetTime(THREE_NINES, BigDecimal.ONE, Duration.ofHours(1)))
        .hasValue(Duration.ofSeconds(3470, 400_000_000));
  }

  @Test
  @DisplayName("Detection and reset need an error ratio strictly above the threshold, otherwise the alert never fires")
  void noDetectionAtOrBelowTheThreshold() {
    BurnRate burn = new BurnRate(dec("14.4"));
    assertThat(burn.detectionTime(THREE_NINES, dec("0.0144"), Duration.ofHours(1))).isEmpty();
    assertThat(burn.resetTime(THREE_NINES, dec("0.01"), Duration.ofHours(1))).isEmpty();
  }

  @Test
  @DisplayName("TV6 Workbook: at 99.999% a full outage exhausts the 30d budget in 25.92 s")
  void fiveNinesExhaustion() {
    ErrorBudget fiveNines = new ErrorBudget(dec("0.99999"));
    assertThat(fiveNines.burnRate(BigDecimal.ONE).timeToExhaustion(DAYS_30)).hasValue(Duration.ofMillis(25_920));
    assertThat(fiveNines.allowedDowntime(DAYS_30)).isEqualTo(Duration.ofMillis(25_920));
  }

  @Test
  @DisplayName("TV6 low traffic: 10 req/h → 7.2 bad allowed per 30d; one failure in 1h is ratio 0.1, burn 100, 13.89%")
  void lowTraffic() {
    assertThat(THREE_NINES.allowedBad(10L * 24 * 30)).isEqualByComparingTo("7.2");
    BigDecimal ratio = value(new Counts(9, 10).errorRatio());
    assertThat(ratio).isEqualByComparingTo("0.1");
    BurnRate burn = THREE_NINES.burnRate(ratio);
    assertThat(burn.value()).isEqualByComparingTo("100");
    assertThat(round(burn.budgetConsumed(Duration.ofHours(1), DAYS_30), 4)).isEqualByComparingTo("0.1389");
  }

  @Test
  @DisplayName("Burn-rate windows are 5m 30m 1h 2h 6h 1d 3d")
  void standardWindows() {
    assertThat(BurnRate.STANDARD_WINDOWS).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));
  }
}
