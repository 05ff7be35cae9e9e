package io.vigil.slo;

import static io.vigil.slo.Exact.dec;
import static io.vigil.slo.Exact.round;
import static io.vigil.slo.Exact.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OpenSLO budgeting methods: SLO-MATH §7 vector 11. */
class BudgetingMethodTest {
  private static final List<Counts> SLICES =
      List.of(new Counts(100, 100), new Counts(100, 100), new Counts(5, 10), new Counts(100, 100));
  private static final BigDecimal SLICE_TARGET = dec("0.95");

  @Test
  @DisplayName("TV11 OpenSLO Occurrences: Σgood/Σtotal over the slices = 305/310 = 98.3871%")
  void occurrences() {
    assertThat(round(value(BudgetingMethod.OCCURRENCES.sli(SLICES, null)), 6)).isEqualByComparingTo("0.983871");
  }

  @Test
  @DisplayName("TV11 OpenSLO RatioTimeslices: mean of per-slice ratios (1, 1, 0.5, 1) = 87.5%")
  void ratioTimeslices() {
    assertThat(value(BudgetingMethod.RATIO_TIMESLICES.sli(SLICES, null))).isEqualByComparingTo("0.875");
  }

  @Test
  @DisplayName("TV11 OpenSLO Timeslices with timeSliceTarget 0.95: 3 good slices of 4 = 75%")
  void timeslices() {
    assertThat(value(BudgetingMethod.TIMESLICES.sli(SLICES, SLICE_TARGET))).isEqualByComparingTo("0.75");
  }

  @Test
  @DisplayName("TV11 OpenSLO Timeslices: a 95/100 slice at target 0.95 is good (bad only when below), 94/100 is bad")
  void sliceAtTheTargetIsGood() {
    assertThat(BudgetingMethod.isGoodSlice(new Counts(95, 100), SLICE_TARGET)).isTrue();
    assertThat(BudgetingMethod.isGoodSlice(new Counts(94, 100), SLICE_TARGET)).isFalse();
    assertThat(value(BudgetingMethod.TIMESLICES.sli(List.of(new Counts(95, 100)), SLICE_TARGET)))
        .isEqualByComparingTo("1");
  }

  @Test
  @DisplayName("TV11 time budget: 1 week at 99.95% allows 5.04 min (5m2.4s)")
  void oneWeekBudget() {
    assertThat(new ErrorBudget(dec("0.9995")).allowedDowntime(Duration.ofDays(7)))
        .isEqualTo(Duration.ofSeconds(302, 400_000_000));
  }

  @Test
  @DisplayName("Slices without events are left out of every method; none with events → no SLI")
  void emptySlicesCarryNoInformation() {
    List<Counts> withGap = List.of(new Counts(5, 10), Counts.NONE);
    assertThat(value(BudgetingMethod.RATIO_TIMESLICES.sli(withGap, null))).isEqualByComparingTo("0.5");
    assertThat(value(BudgetingMethod.TIMESLICES.sli(withGap, SLICE_TARGET))).isEqualByComparingTo("0");
    assertThat(BudgetingMethod.OCCURRENCES.sli(List.of(Counts.NONE), null)).isEmpty();
    assertThatThrownBy(() -> BudgetingMethod.TIMESLICES.sli(SLICES, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
