package io.vigil.web.page;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How numbers, durations and times read on the page and in badges. Ratios are never rounded up to 100%. */
final class Formats {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Formats() {}

  /** {@code 99.95%}: two decimals, truncated, so that 99.999% never reads as 100%; {@code 100%} only when exact. */
  static String percent(BigDecimal ratio) {
    if (ratio.compareTo(BigDecimal.ONE) >= 0) {
      return "100%";
    }
    return ratio.multiply(HUNDRED).setScale(2, RoundingMode.DOWN).toPlainString() + "%";
  }

  static String percent(Optional<BigDecimal> ratio) {
    return ratio.map(Formats::percent).orElse("no data");
  }

  /** A target as configured: {@code 99.95%}, {@code 90%}. */
  static String target(BigDecimal ratio) {
    return ratio.multiply(HUNDRED).stripTrailingZeros().toPlainString() + "%";
  }

  /** A share of budget in whole percent, truncated toward zero: {@code 62%}, {@code -35%}. */
  static String wholePercent(BigDecimal ratio) {
    return ratio.multiply(HUNDRED).setScale(0, RoundingMode.DOWN).toPlainString() + "%";
  }

  /** {@code 45 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}; negative durations get a minus sign. */
  static String duration(Duration d) {
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + " min";
    }
    long h = m / 60;
    if (h < 24) {
      return m % 60 == 0 ? h + " h" : h + " h " + m % 60 + " min";
    }
    return h % 24 == 0 ? h / 24 + " d" : h / 24 + " d " + h % 24 + " h";
  }

  static String minute(Instant t) {
    return MINUTE.format(t);
  }

  static String minute(long epochMillis) {
    return minute(Instant.ofEpochMilli(epochMillis));
  }

  static String seconds(Instant t) {
    return SECONDS.format(t);
  }

  static String clock(long epochMillis) {
    return CLOCK.format(Instant.ofEpochMilli(epochMillis));
  }

  static String day(LocalDate d) {
    return d.toString();
  }

  /** A latency: {@code 0.8 ms}, {@code 120 ms}, {@code 1.5 s}; infinite (above every bucket) reads as such. */
  static String millis(double ms) {
    if (Double.isInfinite(ms)) {
      return "over the largest bucket";
    }
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    if (ms < 1000) {
      return Math.round(ms) + " ms";
    }
    return String.format(Locale.ROOT, "%.1f s", ms / 1000);
  }
}
