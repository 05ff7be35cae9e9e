package io.vigil.slo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Small helpers for exact-decimal assertions. */
final class Exact {
  private Exact() {}

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  /** The value rounded half-up to {@code scale} decimal places, for comparing with a hand-checked figure. */
  static BigDecimal round(BigDecimal v, int scale) {
    return v.setScale(scale, RoundingMode.HALF_UP);
  }

  /** The value of an optional result that must be present. */
  static BigDecimal value(Optional<BigDecimal> v) {
    return v.orElseThrow(() -> new AssertionError("expected a value, got none"));
  }
}
