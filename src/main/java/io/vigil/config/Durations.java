package io.vigil.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats durations as written in config: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h30m}, {@code 30d}, {@code 2w}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|s|m|h|d|w)");

  private Durations() {}

  /**
   * Parses a duration. A bare {@code 0} is zero.
   *
   * @throws IllegalArgumentException with a message fit for users when the text is not a duration
   */
  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    long nanos = 0;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration (use a number with a unit: 500ms, 10s, 5m, 1h, 30d)");
      }
      double n = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        case "d" -> 86_400_000_000_000L;
        default -> 7 * 86_400_000_000_000L;
      };
      double part = n * unit;
      if (part >= Long.MAX_VALUE || Long.MAX_VALUE - nanos < Math.round(part)) {
        throw new TooLong("'" + text + "' is too long a duration (at most about 292 years)");
      }
      nanos += Math.round(part);
      pos = m.end();
    }
    return Duration.ofNanos(nanos);
  }

  /** Formats in the largest exact unit: {@code 30d}, {@code 90m}, {@code 1500ms}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    long[] units = {7 * 86_400_000_000_000L, 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
        1_000_000_000L, 1_000_000L, 1_000L, 1L};
    String[] names = {"w", "d", "h", "m", "s", "ms", "us", "ns"};
    for (int i = 1; i < units.length; i++) { // weeks are never chosen: 14d reads better than 2w
      if (nanos % units[i] == 0) {
        return nanos / units[i] + names[i];
      }
    }
    return nanos + "ns";
  }

  /** A well-formed duration past the longest one there is (about 292 years of nanoseconds). */
  public static final class TooLong extends IllegalArgumentException {
    TooLong(String message) {
      super(message);
    }
  }
}
