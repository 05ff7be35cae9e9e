package io.vigil.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * How the report writes numbers. Percentages carry five decimals and are rounded so they never flatter:
 * SLIs, availability, coverage and remaining budget round down, spent budget rounds up (so a displayed
 * 99.95000% is at least 99.95%, and spent plus remaining still make 100). Targets and budgets are exact.
 */
final class Figures {
  static final int PERCENT_DECIMALS = 5;
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);

  private Figures() {}

  /** {@code ratio} as a percentage with five decimals, rounded down: 0.9995230 → 99.95230. */
  static String percentDown(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(PERCENT_DECIMALS, RoundingMode.FLOOR).toPlainString();
  }

  /** {@code ratio} as a percentage with five decimals, rounded up. */
  static String percentUp(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(PERCENT_DECIMALS, RoundingMode.CEILING).toPlainString();
  }

  /** An exact percentage without trailing zeros: 0.9995 → 99.95, 0.99 → 99. */
  static String exactPercent(BigDecimal ratio) {
    return plain(ratio.movePointRight(2));
  }

  /** A decimal in plain notation without trailing zeros. */
  static String plain(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
  }

  /** A duration in milliseconds, exact (fractions of a millisecond kept): 44m38.4s → 2678400. */
  static BigDecimal millis(Duration d) {
    BigDecimal nanos = BigDecimal.valueOf(d.getSeconds()).multiply(BigDecimal.valueOf(1_000_000_000L))
        .add(BigDecimal.valueOf(d.getNano()));
    BigDecimal ms = nanos.divide(NANOS_PER_MILLI).stripTrailingZeros();
    return ms.scale() < 0 ? ms.setScale(0) : ms;
  }

  /** A duration for people: {@code 2d 3h 4m 5.25s}, {@code 44m 38.4s}, {@code 0s}; negative with a minus. */
  static String human(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    Duration a = d.abs();
    long days = a.toDays();
    int hours = a.toHoursPart();
    int minutes = a.toMinutesPart();
    BigDecimal seconds = BigDecimal.valueOf(a.toSecondsPart()).add(BigDecimal.valueOf(a.toNanosPart(), 9));
    StringBuilder s = new StringBuilder(d.isNegative() ? "-" : "");
    if (days > 0) {
      s.append(days).append("d ");
    }
    if (hours > 0) {
      s.append(hours).append("h ");
    }
    if (minutes > 0) {
      s.append(minutes).append("m ");
    }
    if (seconds.signum() > 0) {
      s.append(plain(seconds)).append("s ");
    }
    return s.toString().trim();
  }

  /** An instant in ISO-8601 UTC: {@code 2026-10-01T00:00:00Z}. */
  static String instant(Instant t) {
    return t.toString();
  }
}
