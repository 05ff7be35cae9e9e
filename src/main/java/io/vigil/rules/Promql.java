package io.vigil.rules;

import io.vigil.config.Durations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** Literals as PromQL reads them: quoted label values, range durations and decimal numbers. */
final class Promql {
  /** Digits kept for numbers that do not terminate: more than a float64 holds, so nothing is lost. */
  private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);
  private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

  private Promql() {}

  /** A double-quoted PromQL string: backslash, quote and control characters escaped as Go reads them. */
  static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * A range duration in the largest exact unit PromQL knows ({@code 30d}, {@code 90m}, {@code 1500ms});
   * anything finer than a millisecond is rounded up to one, as PromQL ranges go no finer.
   */
  static String duration(Duration d) {
    Duration ms = d.toNanos() % 1_000_000 == 0 ? d : Duration.ofMillis(d.toMillis() + 1);
    return Durations.format(ms);
  }

  /**
   * A number as a plain decimal: exact when it terminates within 17 significant digits ({@code 0.0144},
   * never {@code 0.014400000000000001}), otherwise rounded half-even to 17 digits, which is finer than a
   * float64 can tell apart.
   */
  static String decimal(BigDecimal value) {
    BigDecimal v = value.precision() > 17 ? value.round(SEVENTEEN_DIGITS) : value;
    return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
  }

  /** A number for people: at most four significant digits ({@code 14.4}, {@code 0.9333}). */
  static String readable(BigDecimal value) {
    return decimal(value.round(FOUR_DIGITS));
  }

  /** A ratio as an exact percentage ({@code 99.95%}, {@code 99.999%}), for targets. */
  static String percent(BigDecimal ratio) {
    return decimal(ratio.movePointRight(2)) + "%";
  }

  /** A ratio as a percentage with at most four significant digits ({@code 1.44%}), for derived thresholds. */
  static String readablePercent(BigDecimal ratio) {
    return readable(ratio.movePointRight(2)) + "%";
  }
}
