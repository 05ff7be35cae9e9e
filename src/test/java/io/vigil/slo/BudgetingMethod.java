package io.vigil.slo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * OpenSLO v1 budgeting methods (SLO-MATH §3): three ways to turn per-slice event counts into one SLI.
 * Slices without valid events carry no information and are left out of every method.
 */
public enum BudgetingMethod {
  /** Occurrences: Σgood / Σvalid over all slices, the same as one big slice. */
  OCCURRENCES,
  /**
   * Timeslices: good slices / slices with events, where a slice is bad only when its ratio is below
   * {@code timeSliceTarget} (a slice exactly at the target is good).
   */
  TIMESLICES,
  /** RatioTimeslices: the mean of the per-slice ratios good / valid (every slice weighs the same). */
  RATIO_TIMESLICES;

  /**
   * The SLI of the slices by this method; empty when no slice has valid events.
   *
   * @param slices event counts per time slice (e.g. per minute)
   * @param timeSliceTarget the good-slice threshold in (0, 1]; used by {@link #TIMESLICES} only
   */
  public Optional<BigDecimal> sli(List<Counts> slices, BigDecimal timeSliceTarget) {
    List<Counts> withEvents = slices.stream().filter(c -> !c.isEmpty()).toList();
    if (withEvents.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal n = BigDecimal.valueOf(withEvents.size());
    return switch (this) {
      case OCCURRENCES -> Counts.sum(withEvents).sli();
      case TIMESLICES -> {
        long good = withEvents.stream().filter(c -> isGoodSlice(c, timeSliceTarget)).count();
        yield Optional.of(Decimals.divide(BigDecimal.valueOf(good), n));
      }
      case RATIO_TIMESLICES -> Optional.of(Decimals.divide(
          withEvents.stream().map(c -> c.sli().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add), n));
    };
  }

  /** Whether a slice is good under Timeslices: good / valid ≥ target, compared exactly as good ≥ target × valid. */
  public static boolean isGoodSlice(Counts slice, BigDecimal timeSliceTarget) {
    if (timeSliceTarget == null) {
      throw new IllegalArgumentException("Timeslices needs a timeSliceTarget");
    }
    BigDecimal needed = timeSliceTarget.multiply(BigDecimal.valueOf(slice.valid()));
    return BigDecimal.valueOf(slice.good()).compareTo(needed) >= 0;
  }
}
