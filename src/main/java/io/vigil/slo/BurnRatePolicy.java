package io.vigil.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Multiwindow, multi-burn-rate alerting for one SLO (SPEC §1, SLO-MATH §2): a set of
 * {@link BurnWindowPair}s evaluated together. A pair fires when both its windows' error ratios are
 * strictly greater than burn × B; pairs of the same severity are OR-ed; a ticket is suppressed while a
 * page fires for the same SLO.
 *
 * @param budget the SLO's error budget
 * @param pairs the conditions, usually {@link BurnWindowPair#standard}
 */
public record BurnRatePolicy(ErrorBudget budget, List<BurnWindowPair> pairs) {
  public BurnRatePolicy {
    Objects.requireNonNull(budget, "budget");
    pairs = List.copyOf(pairs);
  }

  /** The standard four pairs for period P (see {@link BurnWindowPair#standard}). */
  public static BurnRatePolicy standard(ErrorBudget budget, Duration period) {
    return new BurnRatePolicy(budget, BurnWindowPair.standard(period));
  }

  /** Every window whose error ratio {@link #evaluate} reads, shortest first. */
  public SortedSet<Duration> windows() {
    TreeSet<Duration> windows = new TreeSet<>();
    for (BurnWindowPair p : pairs) {
      windows.add(p.longWindow());
      windows.add(p.shortWindow());
    }
    return windows;
  }

  /**
   * Evaluates every pair against the error ratio of each window. A window without a ratio (no valid
   * events or no measured time in it) cannot fire its pair: no data is not an outage.
   *
   * @param errorRatios error ratio (bad / valid, or down / measured) by window length
   */
  public BurnRateVerdict evaluate(Map<Duration, BigDecimal> errorRatios) {
    List<BurnRateVerdict.PairVerdict> verdicts = new ArrayList<>(pairs.size());
    for (BurnWindowPair p : pairs) {
      BigDecimal longRatio = errorRatios.get(p.longWindow());
      BigDecimal shortRatio = errorRatios.get(p.shortWindow());
      boolean fires = longRatio != null && shortRatio != null && p.fires(budget, longRatio, shortRatio);
      verdicts.add(new BurnRateVerdict.PairVerdict(p, longRatio, shortRatio, fires));
    }
    return new BurnRateVerdict(verdicts);
  }
}
