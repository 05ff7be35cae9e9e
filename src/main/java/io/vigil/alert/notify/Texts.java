package io.vigil.alert.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Small text helpers the notifiers share: limits, human durations and times, stable keys. */
final class Texts {
  private static final DateTimeFormatter UTC_MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Texts() {}

  /** At most {@code max} characters, an ellipsis marking a cut. */
  static String limit(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  /** {@code 2026-01-01 00:00 UTC}. */
  static String time(Instant at) {
    return UTC_MINUTE.format(at);
  }

  /** The two largest units: {@code 2d 3h}, {@code 1h 12m}, {@code 12m 30s}, {@code 45s}. */
  static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    StringBuilder out = new StringBuilder();
    int parts = 0;
    for (int i = 0; i < sizes.length && parts < 2; i++) {
      long n = s / sizes[i];
      if (n > 0 || (i == sizes.length - 1 && out.length() == 0)) {
        out.append(out.length() == 0 ? "" : " ").append(n).append(units[i]);
        s -= n * sizes[i];
        parts++;
      } else if (parts > 0) {
        break;
      }
    }
    return out.toString();
  }

  /**
   * The incident id as a receiver's deduplication key of at most {@code max} characters: itself when it fits,
   * else a hash of it (stable all the same).
   */
  static String key(String incident, int max) {
    if (incident.length() <= max) {
      return incident;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(incident.getBytes(StandardCharsets.UTF_8));
      return "vigil-" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The state in words: {@code Firing}, {@code Still firing (reminder n)} or {@code Resolved}. */
  static String state(Notice n) {
    if (!n.firing()) {
      return "Resolved";
    }
    return n.reminder() == 0 ? "Firing" : "Still firing (reminder " + n.reminder() + ")";
  }

  /** How long the incident lasted, once resolved; empty while firing. */
  static String lasted(Notice n) {
    return n.endsAt() == null ? "" : duration(Duration.between(n.startsAt(), n.endsAt()));
  }
}
