package io.vigil.slo;

import static io.vigil.slo.Exact.dec;
import static io.vigil.slo.Exact.round;
import static io.vigil.slo.Exact.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.SloConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request-based SLIs and budgets: SLO-MATH §7 vectors 2, 7 and 8, and the counts they rest on. */
class RequestBudgetTest {

  @Test
  @DisplayName("TV2 request budget: 2,500,000 valid at 99.99% allows exactly 250 bad (B × valid, exact decimal)")
  void requestBudgetAllowsExactly250() {
    ErrorBudget budget = new ErrorBudget(dec("0.9999"));
    assertThat(budget.ratio()).isEqualByComparingTo("0.0001");
    assertThat(budget.allowedBad(2_500_000)).isEqualByComparingTo("250");
  }

  @Test
  @DisplayName("TV2 request budget: 250 bad of 2.5M at 99.99% meets (SLI >= target, exact decimal), remaining 0")
  void twoHundredFiftyBadMeetsWithNothingLeft() {
    ErrorBudget budget = new ErrorBudget(dec("0.9999"));
    Counts counts = new Counts(2_500_000 - 250, 2_500_000);
    BudgetStatus status = budget.status(counts).orElseThrow();
    assertThat(status.sli()).isEqualByComparingTo("0.9999");
    assertThat(status.met()).isTrue();
    assertThat(status.consumed()).isEqualByComparingTo("1");
    assertThat(status.remaining()).isEqualByComparingTo("0");
    assertThat(value(budget.remaining(counts))).isEqualByComparingTo("0");
  }

  @Test
  @DisplayName("TV2 request budget: 251 bad of 2.5M at 99.99% violates (SLI 0.9998996 < target), remaining -0.004")
  void twoHundredFiftyOneBadViolates() {
    ErrorBudget budget = new ErrorBudget(dec("0.9999"));
    BudgetStatus status = budget.status(new Counts(2_500_000 - 251, 2_500_000)).orElseThrow();
    assertThat(status.sli()).isEqualByComparingTo("0.9998996");
    assertThat(status.met()).isFalse();
    assertThat(status.remaining()).isEqualByComparingTo("-0.004");
  }

  @Test
  @DisplayName("TV2 double trap: floor(2.5e6 × (1 − 0.9999)) is 249 in double, so 250 bad flips to a breach; exact says 250")
  void doubleFloorFlipsTheRequestBudget() {
    double inDouble = 2.5e6 * (1 - 0.9999);
    assertThat(inDouble).isEqualTo(249.99999999997246);
    double allowedInDouble = Math.floor(inDouble);
    assertThat(250 > allowedInDouble).as("double reading: 250 bad exceeds the budget").isTrue();

    ErrorBudget budget = new ErrorBudget(dec("0.9999"));
    BigDecimal allowed = budget.allowedBad(2_500_000);
    assertThat(BigDecimal.valueOf(250).compareTo(allowed)).as("exact reading: 250 bad is the budget").isZero();
    assertThat(budget.status(new Counts(2_500_000 - 250, 2_500_000)).orElseThrow().met()).isTrue();
  }

  @Test
  @DisplayName("TV7 aggregate SLI is Σgood/Σvalid: auth 9,990/10,000 + data 980/1,000 = 10,970/11,000 = 99.72727…%")
  void aggregateIsSumOfCountsNotMeanOfRatios() {
    Counts auth = new Counts(9_990, 10_000);
    Counts data = new Counts(980, 1_000);
    Counts boundary = Counts.sum(List.of(auth, data));
    assertThat(boundary).isEqualTo(new Counts(10_970, 11_000));
    assertThat(round(value(boundary.sli()), 7)).isEqualByComparingTo("0.9972727");

    BigDecimal meanOfRatios = value(auth.sli()).add(value(data.sli())).divide(BigDecimal.valueOf(2));
    assertThat(meanOfRatios).as("the mean of ratios Vigil must not report").isEqualByComparingTo("0.9895");
    assertThat(value(boundary.sli())).isNotEqualByComparingTo(meanOfRatios);
  }

  @Test
  @DisplayName("TV7 aggregate budget at 99.5%: budget 55 bad, 30 bad consumes 54.5454…%")
  void aggregateBudget() {
    ErrorBudget budget = new ErrorBudget(dec("0.995"));
    Counts boundary = new Counts(10_970, 11_000);
    assertThat(budget.allowedBad(boundary.valid())).isEqualByComparingTo("55");
    assertThat(boundary.bad()).isEqualTo(30);
    assertThat(round(value(budget.consumed(boundary)), 6)).isEqualByComparingTo("0.545455");
    assertThat(budget.status(boundary).orElseThrow().met()).isTrue();
  }

  @Test
  @DisplayName("SPEC §1 journeys aggregate as sums: 9994 + 9989 + 9997 + 10000 of 40,000 → browse 33980/40000")
  void specJourneysAggregateAsSums() {
    Counts browse = Counts.sum(List.of(new Counts(9_994, 10_000), new Counts(9_989, 10_000),
        new Counts(9_997, 10_000), new Counts(10_000, 10_000)));
    assertThat(browse).isEqualTo(new Counts(39_980, 40_000));
    assertThat(value(browse.sli())).isEqualByComparingTo("0.9995");
  }

  /** One TV8 response: its status and duration. */
  private record Response(int status, Duration duration) {
    boolean valid() {
      return status < 400 || status > 499; // invalid_status: [400-499]
    }

    boolean good() {
      return status < 500;
    }
  }

  private static List<Response> tv8Responses() {
    List<Response> responses = new ArrayList<>();
    add(responses, 50, 404, Duration.ofMillis(20));
    add(responses, 10, 503, Duration.ofMillis(30));
    add(responses, 947, 200, Duration.ofMillis(99));
    add(responses, 3, 200, Duration.ofMillis(100));
    add(responses, 40, 200, Duration.ofMillis(250));
    return responses;
  }

  private static void add(List<Response> to, int n, int status, Duration d) {
    for (int i = 0; i < n; i++) {
      to.add(new Response(status, d));
    }
  }

  @Test
  @DisplayName("TV8 latency 100 ms: 1,050 responses, 50 4xx invalid → valid 1,000, availability 99.0%")
  void latencyVectorAvailability() {
    Counts availability = Counts.NONE;
    for (Response r : tv8Responses()) {
      availability = availability.plus(Counts.ofRun(r.valid(), r.good()));
    }
    assertThat(availability).isEqualTo(new Counts(990, 1_000));
    assertThat(value(availability.sli())).isEqualByComparingTo("0.99");
  }

  @Test
  @DisplayName("TV8 latency SLI is valid ∧ good ∧ duration ≤ 100 ms: 950/1,000 = 95.0% (strict < would give 94.7%)")
  void latencyVectorCountsTheThresholdAsGood() {
    LatencyThreshold threshold = new LatencyThreshold(Duration.ofMillis(100));
    Counts latency = Counts.NONE;
    Counts strict = Counts.NONE;
    for (Response r : tv8Responses()) {
      latency = latency.plus(threshold.ofRun(r.valid(), r.good(), r.duration()));
      strict = strict.plus(Counts.ofRun(r.valid(),
          r.good() && r.duration().compareTo(threshold.threshold()) < 0));
    }
    assertThat(latency).isEqualTo(new Counts(950, 1_000));
    assertThat(value(latency.sli())).isEqualByComparingTo("0.95");
    assertThat(value(strict.sli())).as("strict '<' is not Vigil's rule").isEqualByComparingTo("0.947");
  }

  @Test
  @DisplayName("TV8 latency budget at 90%: budget 100 bad of 1,000, 50 bad consumes 50%")
  void latencyVectorBudget() {
    ErrorBudget budget = new ErrorBudget(dec("0.90"));
    Counts latency = new Counts(950, 1_000);
    assertThat(budget.allowedBad(latency.valid())).isEqualByComparingTo("100");
    assertThat(value(budget.consumed(latency))).isEqualByComparingTo("0.5");
    assertThat(budget.status(latency).orElseThrow().met()).isTrue();
  }

  @Test
  @DisplayName("Latency rule: bad and invalid runs are never latency-good, however fast")
  void fastFailuresAreNotLatencyGood() {
    LatencyThreshold threshold = new LatencyThreshold(Duration.ofMillis(100));
    assertThat(threshold.ofRun(true, false, Duration.ofMillis(1))).isEqualTo(new Counts(0, 1));
    assertThat(threshold.ofRun(false, true, Duration.ofMillis(1))).isEqualTo(Counts.NONE);
    assertThat(threshold.ofRun(true, true, Duration.ofMillis(100).plusNanos(1))).isEqualTo(new Counts(0, 1));
    assertThat(threshold.ofRun(true, true, Duration.ofMillis(100))).isEqualTo(new Counts(1, 1));
  }

  @Test
  @DisplayName("An empty count has no SLI, error ratio or budget status (neither 0% nor 100%)")
  void emptyCountsHaveNoSli() {
    assertThat(Counts.NONE.sli()).isEmpty();
    assertThat(Counts.NONE.errorRatio()).isEmpty();
    assertThat(new ErrorBudget(dec("0.999")).status(Counts.NONE)).isEmpty();
    assertThat(Counts.ofRun(false, true)).isEqualTo(Counts.NONE);
  }

  @Test
  @DisplayName("Counts: bad = valid − good, plus adds both, and impossible counts are refused")
  void countsArithmetic() {
    Counts c = new Counts(7, 10).plus(new Counts(3, 5));
    assertThat(c).isEqualTo(new Counts(10, 15));
    assertThat(c.bad()).isEqualTo(5);
    assertThat(value(c.errorRatio())).isEqualByComparingTo(BigDecimal.ONE.subtract(value(c.sli())));
    assertThatThrownBy(() -> new Counts(11, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Counts(-1, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "target {0} is refused (a target is a ratio in [0, 1))")
  @ValueSource(strings = {"1", "99.9", "-0.1"})
  void targetsOutsideTheUnitIntervalAreRefused(String target) {
    assertThatThrownBy(() -> new ErrorBudget(dec(target))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("Met is SLI >= target: an SLI exactly at the target meets it")
  void metAtEquality() {
    ErrorBudget budget = new ErrorBudget(dec("0.999"));
    assertThat(budget.isMet(dec("0.999"))).isTrue();
    assertThat(budget.isMet(dec("0.99899999"))).isFalse();
  }

  @Test
  @DisplayName("A target of 0 is allowed (every event may be bad); an SLO's budget is that of its target")
  void targetZeroAndBudgetOfAnSlo() {
    ErrorBudget anything = new ErrorBudget(BigDecimal.ZERO);
    assertThat(anything.ratio()).isEqualByComparingTo("1");
    assertThat(value(anything.remaining(new Counts(0, 10)))).isEqualByComparingTo("0");
    assertThatThrownBy(() -> new ErrorBudget(dec("-0.001"))).isInstanceOf(IllegalArgumentException.class);
    SloConfig slo = new SloConfig("api", SloConfig.Sli.REQUESTS, dec("0.999"),
        SloConfig.SloWindow.rolling(Duration.ofDays(30)), null);
    assertThat(ErrorBudget.of(slo)).isEqualTo(new ErrorBudget(dec("0.999")));
  }
}
