package io.vigil.slo;

import io.vigil.config.SloConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The error budget of an objective with target T: the share B = 1 − T of events (or of measured time)
 * that may be bad. All arithmetic is exact decimal (SPEC §1: doubles flip boundary cases).
 *
 * <p>Budget definitions (SLO-MATH §1): allowed bad events = B × valid; allowed downtime = B × time;
 * consumed = bad / (B × valid), for time down / (B × (up + down)); remaining = 1 − consumed, negative
 * when overspent; the SLO is met when SLI ≥ T.
 *
 * @param target T as a ratio in [0, 1), e.g. 0.999 for 99.9%
 */
public record ErrorBudget(BigDecimal target) {
  public ErrorBudget {
    Objects.requireNonNull(target, "target");
    if (target.signum() < 0 || target.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("an SLO target is a ratio in [0, 1) (99.9% is 0.999), got " + target);
    }
  }

  /** The budget of an SLO's target. */
  public static ErrorBudget of(SloConfig slo) {
    return new ErrorBudget(slo.target());
  }

  /** B = 1 − T. */
  public BigDecimal ratio() {
    return BigDecimal.ONE.subtract(target);
  }

  /** Whether an SLI meets the objective: SLI ≥ T (a value exactly at the target meets it). */
  public boolean isMet(BigDecimal sli) {
    return sli.compareTo(target) >= 0;
  }

  /** Allowed bad events among {@code valid}: B × valid, exact (2,500,000 at 99.99% → 250). */
  public BigDecimal allowedBad(long valid) {
    return ratio().multiply(BigDecimal.valueOf(valid));
  }

  /**
   * Allowed downtime in {@code time}: B × time, to the nanosecond (99.9% of 30 days → 43.2 minutes;
   * 99.99% → 4.32 minutes; 99.999% → 25.92 seconds). Pass the period P for the budget of a whole window,
   * or the measured time (up + down) for the budget of what was observed.
   */
  public Duration allowedDowntime(Duration time) {
    return Decimals.times(time, ratio());
  }

  /** Consumed budget, bad / (B × valid); empty when there are no valid events. */
  public Optional<BigDecimal> consumed(Counts counts) {
    return counts.isEmpty() ? Optional.empty()
        : Optional.of(Decimals.divide(BigDecimal.valueOf(counts.bad()), allowedBad(counts.valid())));
  }

  /**
   * Remaining budget of the events so far (SPEC §1's pinned definition): 1 − bad / (B × valid so far in
   * the window). Negative when overspent; empty when there are no valid events.
   */
  public Optional<BigDecimal> remaining(Counts counts) {
    return consumed(counts).map(BigDecimal.ONE::subtract);
  }

  /** Consumed time budget, down / (B × (up + down)); empty when nothing was measured. */
  public Optional<BigDecimal> consumed(TimeTotals time) {
    if (time.measured().isZero()) {
      return Optional.empty();
    }
    BigDecimal allowed = Decimals.nanos(time.measured()).multiply(ratio());
    return Optional.of(Decimals.divide(Decimals.nanos(time.down()), allowed));
  }

  /**
   * Remaining time budget of the time measured so far (SPEC §1's pinned definition):
   * 1 − down / (B × (up + down)). Negative when overspent; empty when nothing was measured.
   */
  public Optional<BigDecimal> remaining(TimeTotals time) {
    return consumed(time).map(BigDecimal.ONE::subtract);
  }

  /** Downtime still allowed for the time measured so far: B × (up + down) − down; negative when overspent. */
  public Duration remainingDowntime(TimeTotals time) {
    return allowedDowntime(time.measured()).minus(time.down());
  }

  /**
   * Remaining budget of a whole period for time SLOs: 1 − down / (B × P), the share of the period's
   * allowed downtime not yet spent. Unlike {@link #remaining(TimeTotals)} it assumes the rest of the
   * period will be measured, so it suits calendar windows that have only just begun.
   */
  public BigDecimal remainingOfPeriod(TimeTotals time, Duration period) {
    return BigDecimal.ONE.subtract(
        Decimals.divide(Decimals.nanos(time.down()), Decimals.nanos(period).multiply(ratio())));
  }

  /**
   * Remaining budget by the period burn rate, as Sloth's {@code slo:period_error_budget_remaining:ratio}:
   * 1 − (error ratio over the period) / B. Given Σbad / Σvalid it equals {@link #remaining(Counts)}; Sloth
   * itself feeds it a mean of 5-minute ratios.
   */
  public BigDecimal remainingFromPeriodBurn(BigDecimal periodErrorRatio) {
    return BigDecimal.ONE.subtract(burnRate(periodErrorRatio).value());
  }

  /**
   * Remaining budget of the projected total, for calendar windows with event counts: the valid events
   * of the whole period are projected from the pace so far, valid × P / elapsed, and the budget is B of
   * that; remaining = 1 − bad / (B × projected valid). Day 10 of 30 with 4,000,000 valid projects
   * 12,000,000. Empty when nothing has elapsed or nothing is valid.
   *
   * @param soFar counts since the period started
   * @param elapsed time since the period started
   * @param period the period's length P
   */
  public Optional<BigDecimal> remainingOfProjectedBudget(Counts soFar, Duration elapsed, Duration period) {
    if (soFar.isEmpty() || elapsed.isNegative() || elapsed.isZero()) {
      return Optional.empty();
    }
    BigDecimal allowed = ratio().multiply(soFar.projectedValid(elapsed, period));
    return Optional.of(BigDecimal.ONE.subtract(Decimals.divide(BigDecimal.valueOf(soFar.bad()), allowed)));
  }

  /** SLI, consumed and remaining budget (so-far definition) and whether the SLO is met, for event counts. */
  public Optional<BudgetStatus> status(Counts counts) {
    return counts.sli().map(sli -> status(sli, consumed(counts).orElseThrow()));
  }

  /** The same for time: availability, consumed and remaining time budget, met. */
  public Optional<BudgetStatus> status(TimeTotals time) {
    return time.availability().map(a -> status(a, consumed(time).orElseThrow()));
  }

  /** The status for whichever measure an SLI took. */
  public Optional<BudgetStatus> status(Measure m) {
    return m instanceof Counts c ? status(c) : status((TimeTotals) m);
  }

  /** The burn rate of an error ratio: error ratio / B (1 spends the budget exactly over the period). */
  public BurnRate burnRate(BigDecimal errorRatio) {
    return new BurnRate(Decimals.divide(errorRatio, ratio()));
  }

  private BudgetStatus status(BigDecimal sli, BigDecimal consumed) {
    return new BudgetStatus(sli, consumed, BigDecimal.ONE.subtract(consumed), isMet(sli));
  }
}
