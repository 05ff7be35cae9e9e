package io.vigil.slo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Exact arithmetic shared by the SLO types. Every division uses {@link MathContext#DECIMAL128} (34
 * significant digits); durations convert through exact nanosecond counts, never through {@code double}.
 */
final class Decimals {
  static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Decimals() {}

  /** {@code a / b} to 34 significant digits; {@code b} must not be zero. */
  static BigDecimal divide(BigDecimal a, BigDecimal b) {
    return a.divide(b, MC);
  }

  /** The duration as an exact number of nanoseconds (no overflow for any {@link Duration}). */
  static BigDecimal nanos(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).multiply(NANOS_PER_SECOND).add(BigDecimal.valueOf(d.getNano()));
  }

  /** {@code a / b} for durations; {@code b} must not be zero. */
  static BigDecimal ratio(Duration a, Duration b) {
    return divide(nanos(a), nanos(b));
  }

  /** A duration of {@code nanos} nanoseconds, rounded half-up to a whole nanosecond. */
  static Duration duration(BigDecimal nanos) {
    BigInteger[] parts = nanos.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact()
        .divideAndRemainder(NANOS_PER_SECOND.toBigIntegerExact());
    return Duration.ofSeconds(parts[0].longValueExact(), parts[1].longValueExact());
  }

  /** {@code d × factor}, rounded half-up to a whole nanosecond. */
  static Duration times(Duration d, BigDecimal factor) {
    return duration(nanos(d).multiply(factor));
  }
}
