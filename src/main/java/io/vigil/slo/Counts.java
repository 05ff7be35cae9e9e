package io.vigil.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Event counts behind a request-based SLI: {@code valid} runs that measured the service, of which
 * {@code good} met every expectation. Invalid runs are not counted at all.
 *
 * <p>Counts aggregate by addition, so an SLI over several probes, journeys or slices is Σgood / Σvalid,
 * never a mean of their ratios (SPEC §1 "Ratios aggregate as sums").
 *
 * @param good valid runs that were good, {@code 0 ≤ good ≤ valid}
 * @param valid runs that measured the service
 */
public record Counts(long good, long valid) implements Measure {
  /** No events: has no SLI. */
  public static final Counts NONE = new Counts(0, 0);

  public Counts {
    if (good < 0 || valid < good) {
      throw new IllegalArgumentException("counts need 0 <= good <= valid, got " + good + "/" + valid);
    }
  }

  /**
   * The counts of one probe run: nothing when invalid, one valid event otherwise, also good when good.
   *
   * @param valid whether the run measured the service
   * @param good whether every expectation held (ignored for invalid runs)
   */
  public static Counts ofRun(boolean valid, boolean good) {
    return !valid ? NONE : new Counts(good ? 1 : 0, 1);
  }

  /** Sums counts: the aggregate of several probes, journeys or time slices. */
  public static Counts sum(Iterable<Counts> counts) {
    Counts total = NONE;
    for (Counts c : counts) {
      total = total.plus(c);
    }
    return total;
  }

  /** Bad events: {@code valid − good}. */
  public long bad() {
    return valid - good;
  }

  /** Whether there are no valid events, so no SLI can be stated. */
  public boolean isEmpty() {
    return valid == 0;
  }

  /** Both counts added. */
  public Counts plus(Counts other) {
    return new Counts(Math.addExact(good, other.good), Math.addExact(valid, other.valid));
  }

  /**
   * The request-based SLI, good / valid; empty when there are no valid events (neither 0 nor 100%).
   */
  public Optional<BigDecimal> sli() {
    return isEmpty() ? Optional.empty()
        : Optional.of(Decimals.divide(BigDecimal.valueOf(good), BigDecimal.valueOf(valid)));
  }

  /**
   * The valid events a whole period would hold at the pace so far: valid × P / elapsed (day 10 of a
   * 30-day month with 4,000,000 valid projects 12,000,000). Calendar windows with event counts need it
   * to state a budget before the period ends.
   *
   * @param elapsed time since the period started; positive
   * @param period the period's length P
   */
  public BigDecimal projectedValid(Duration elapsed, Duration period) {
    if (elapsed.isNegative() || elapsed.isZero()) {
      throw new IllegalArgumentException("projection needs elapsed time, got " + elapsed);
    }
    return Decimals.divide(BigDecimal.valueOf(valid).multiply(Decimals.nanos(period)), Decimals.nanos(elapsed));
  }

  /** The error ratio, bad / valid = 1 − SLI; empty when there are no valid events. */
  public Optional<BigDecimal> errorRatio() {
    return isEmpty() ? Optional.empty()
        : Optional.of(Decimals.divide(BigDecimal.valueOf(bad()), BigDecimal.valueOf(valid)));
  }
}
