package io.vigil.config;

import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.netty.util.NetUtil;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Conversions from scalar text to typed values. Each one throws {@link IllegalArgumentException} with
 * a message that says what was expected and what was found; the binder adds the key and position.
 */
final class Scalars {
  /** Names appear in URLs and metric labels. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern STATUS = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?");
  private static final Pattern STATUS_CLASS = Pattern.compile("([1-5])xx", Pattern.CASE_INSENSITIVE);
  private static final List<String> RCODES = DnsSpec.RCODES;
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(com.cronutils.model.CronType.UNIX));

  private Scalars() {}

  /** A conversion of one scalar's text. */
  @FunctionalInterface
  interface Conversion<T> {
    T convert(String text);
  }

  static String name(String text) {
    if (!NAME.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a valid name: use letters, digits, '_', '.'"
          + " and '-', starting with a letter or digit");
    }
    return text;
  }

  static Duration duration(String text) {
    try {
      if (!text.isBlank()) {
        return Durations.parse(text);
      }
    } catch (IllegalArgumentException e) {
      // reported below, in the form every key shares
    }
    throw new IllegalArgumentException("expected a duration like 10s, got '" + text + "'");
  }

  static Duration positiveDuration(String text) {
    Duration d = duration(text);
    if (d.isZero()) {
      throw new IllegalArgumentException("must be longer than 0, got '" + text + "'");
    }
    return d;
  }

  static long size(String text) {
    try {
      long n = Sizes.parse(text);
      if (n > 0) {
        return n;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected a size like 1MiB or 512KiB, got '" + text + "'");
  }

  /** An exact ratio strictly between 0 and 1 from {@code 99.95%} or {@code 0.9995}. */
  static BigDecimal target(String text) {
    BigDecimal value = ratio(text, "a target like 99.9% or 0.999");
    if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("a target lies strictly between 0 and 100%, got '" + text + "'");
    }
    return value;
  }

  /** An exact ratio from {@code 10%} or {@code 0.1}, unbounded; {@code example} names the expected form. */
  static BigDecimal ratio(String text, String example) {
    String s = text.trim();
    boolean percent = s.endsWith("%");
    try {
      BigDecimal value = new BigDecimal(percent ? s.substring(0, s.length() - 1).trim() : s);
      return (percent ? value.movePointLeft(2) : value).stripTrailingZeros();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + example + ", got '" + text + "'");
    }
  }

  static boolean bool(String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
    };
  }

  static int integer(String text) {
    if (INTEGER.matcher(text.trim()).matches()) {
      try {
        return Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        // too large: reported below
      }
    }
    throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
  }

  /** A duration of at least {@code min} ({@code must be at least 1m, got '10s'}). */
  static Conversion<Duration> durationAtLeast(Duration min) {
    return text -> {
      Duration d = duration(text);
      if (d.compareTo(min) < 0) {
        throw new IllegalArgumentException("must be at least " + Durations.format(min) + ", got '" + text + "'");
      }
      return d;
    };
  }

  static Conversion<Integer> atLeast(int min) {
    return text -> {
      int n = integer(text);
      if (n < min) {
        throw new IllegalArgumentException("must be at least " + min + ", got " + n);
      }
      return n;
    };
  }

  static int port(String text) {
    try {
      int n = integer(text);
      if (n >= 1 && n <= 65535) {
        return n;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected a port 1-65535, got '" + text + "'");
  }

  static Pattern regex(String text) {
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex '" + text + "': " + e.getDescription()
          + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
    }
  }

  /** Case-insensitive; the error lists the allowed values in lower case, as YAML usually writes them. */
  static <E extends Enum<E>> Conversion<E> choice(Class<E> type) {
    return choice(type, false);
  }

  /** Case-insensitive; with {@code upper} the error lists the values in upper case (DNS record types). */
  static <E extends Enum<E>> Conversion<E> choice(Class<E> type, boolean upper) {
    E[] values = type.getEnumConstants();
    return text -> {
      for (E v : values) {
        if (v.name().equalsIgnoreCase(text.trim())) {
          return v;
        }
      }
      throw new IllegalArgumentException("expected one of " + Arrays.stream(values)
          .map(v -> upper ? v.name() : v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
          + "; got '" + text + "'");
    };
  }

  /** Statuses as written in one list item: {@code 200}, {@code 200-299} or {@code 2xx}. */
  static StatusRange status(String text) {
    String s = text.trim();
    Matcher cls = STATUS_CLASS.matcher(s);
    if (cls.matches()) {
      int hundred = Integer.parseInt(cls.group(1)) * 100;
      return new StatusRange(hundred, hundred + 99);
    }
    Matcher m = STATUS.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a status like 200, 200-299 or 2xx, got '" + text + "'");
    }
    int from = Integer.parseInt(m.group(1));
    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
    if (from < 100 || to > 599 || from > to) {
      throw new IllegalArgumentException("a status range lies within 100-599 and starts at or below its end,"
          + " got '" + text + "'");
    }
    return new StatusRange(from, to);
  }

  static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected an ISO-8601 time with offset like 2026-12-24T22:00:00Z,"
          + " got '" + text + "'");
    }
  }

  static ZoneId zone(String text) {
    try {
      return ZoneId.of(text.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + text + "' (use a region like Europe/Berlin,"
          + " or UTC)");
    }
  }

  /** A five-field UNIX cron expression, validated; returned as written. */
  static String cron(String text) {
    try {
      com.cronutils.model.Cron cron = CRON.parse(text.trim()).validate();
      // within eight years every day-of-month/month/weekday combination that exists comes round (leap days too)
      java.time.ZonedDateTime from = java.time.ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC);
      java.util.Optional<java.time.ZonedDateTime> next =
          com.cronutils.model.time.ExecutionTime.forCron(cron).nextExecution(from);
      if (next.isEmpty() || next.get().isAfter(from.plusYears(8))) {
        throw new IllegalArgumentException("cron expression '" + text.trim() + "' never fires");
      }
      return text.trim();
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().endsWith("never fires")) {
        throw e;
      }
      throw new IllegalArgumentException("invalid cron expression '" + text + "' (five fields: minute hour"
          + " day-of-month month day-of-week): " + e.getMessage());
    }
  }

  static SloConfig.SloWindow window(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("month")) {
      return SloConfig.SloWindow.MONTH;
    }
    if (s.equals("quarter")) {
      return SloConfig.SloWindow.QUARTER;
    }
    try {
      return SloConfig.SloWindow.rolling(positiveDuration(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected a duration like 30d, or month or quarter, got '" + text + "'");
    }
  }

  static DownWhen downWhen(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "any":
        return DownWhen.ANY;
      case "all":
        return new DownWhen(DownWhen.Mode.ALL, 0);
      case "majority":
        return new DownWhen(DownWhen.Mode.MAJORITY, 0);
      default:
        if (INTEGER.matcher(s).matches() && s.length() < 10 && Integer.parseInt(s) >= 1) {
          return new DownWhen(DownWhen.Mode.AT_LEAST, Integer.parseInt(s));
        }
        throw new IllegalArgumentException("expected any, all, majority or a number N >= 1, got '" + text + "'");
    }
  }

  /**
   * {@code host:port}, {@code [v6]:port}, or (when {@code defaultPort > 0}) a host alone, bare IPv6
   * literals included; returned as {@code host:port} with IPv6 hosts in brackets.
   */
  /** An IPv4 or IPv6 address literal (never a host name: nothing is looked up). */
  static InetAddress ipAddress(String text) {
    String s = text.trim();
    InetAddress a = NetUtil.createInetAddressFromIpAddressString(s.startsWith("[") && s.endsWith("]")
        ? s.substring(1, s.length() - 1) : s);
    if (a == null) {
      throw new IllegalArgumentException("expected an IPv4 or IPv6 address like 10.0.0.5 or fd00::5, got '"
          + text + "'");
    }
    return a;
  }

  static String hostPort(String text, int defaultPort) {
    return hostPort(text, defaultPort, false);
  }

  /** A listen address: {@code host:port} where port 0 means "any free port" (tests, side-cars). */
  static String listenAddress(String text) {
    return hostPort(text, 0, true);
  }

  private static String hostPort(String text, int defaultPort, boolean anyPort) {
    String s = text.trim();
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || (close + 1 < s.length() && s.charAt(close + 1) != ':')) {
        throw badHostPort(text, defaultPort);
      }
      host = s.substring(1, close);
      port = close + 1 < s.length() ? s.substring(close + 2) : null;
    } else if (s.indexOf(':') != s.lastIndexOf(':')) {
      host = s;
    } else {
      int colon = s.indexOf(':');
      host = colon < 0 ? s : s.substring(0, colon);
      port = colon < 0 ? null : s.substring(colon + 1);
    }
    if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')
        || (port == null && defaultPort <= 0)) {
      throw badHostPort(text, defaultPort);
    }
    int p;
    try {
      p = port == null ? defaultPort : anyPort && port.equals("0") ? 0 : port(port);
    } catch (IllegalArgumentException e) {
      throw badHostPort(text, defaultPort);
    }
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + p;
  }

  private static IllegalArgumentException badHostPort(String text, int defaultPort) {
    return new IllegalArgumentException(defaultPort > 0
        ? "expected host, host:port or [ipv6]:port (port 1-65535), got '" + text + "'"
        : "expected host:port like 127.0.0.1:8080 or [::1]:8080, got '" + text + "'");
  }

  /** An absolute http:// or https:// URL with a host. */
  static String httpUrl(String text) {
    String s = text.trim();
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("expected an absolute http:// or https:// URL, got '" + text + "' ("
          + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("expected an absolute http:// or https:// URL, got '" + text + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("URL '" + text + "' has no valid host");
    }
    return s;
  }

  /** An HTTP token such as a method or header name (RFC 9110). */
  static String token(String text) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c < 127 && (Character.isLetterOrDigit(c)
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))) {
      throw new IllegalArgumentException("'" + text + "' is not a valid HTTP token");
    }
    return text;
  }

  /** A DNS response code name, upper case. */
  static String rcode(String text) {
    String s = text.trim().toUpperCase(Locale.ROOT);
    if (!RCODES.contains(s)) {
      throw new IllegalArgumentException("expected a response code (" + String.join(", ", RCODES) + "), got '"
          + text + "'");
    }
    return s;
  }

  /** The closest of {@code candidates} to a mistyped key: edit distance at most 2, or a prefix. */
  static String suggestion(String key, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = key.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(lower, c);
      boolean prefix = lower.length() >= 3 && (c.startsWith(lower) || lower.startsWith(c));
      if ((d <= 2 || prefix) && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
