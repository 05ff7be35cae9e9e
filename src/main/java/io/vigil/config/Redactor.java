package io.vigil.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes secrets from text before it is logged, stored or shown: every value that came into the
 * configuration from an environment variable, every {@link Secret}-typed value and every {@link BasicAuth}
 * token (all when at least {@value #MIN_LENGTH} characters long, so that short values do not blank out
 * ordinary text), URL
 * credentials ({@code https://user:pass@host} becomes {@code https://<redacted>@host}), and the values
 * of query parameters whose names end in token, key, secret, password, passwd, auth, signature, sig,
 * apikey, api_key or access_token (case-insensitive). Everything is compiled once; {@link #redact}
 * only runs precompiled patterns.
 */
public final class Redactor {
  public static final String MARK = "<redacted>";
  static final int MIN_LENGTH = 3;

  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#\\s@\"']+@");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)([?&;][a-z0-9_.\\-]*(?:token|key|secret|password|passwd|auth|signature|sig|apikey|api_key|access_token)=)"
          + "[^&#\\s\"'<>]+");

  /** A redactor that knows no configured secrets (URL credentials and secret parameters still go). */
  public static final Redactor NONE = new Redactor(List.of());

  private final Pattern literals;

  /** @param secrets values to hide wherever they occur; shorter ones than {@value #MIN_LENGTH} are ignored */
  public Redactor(Collection<String> secrets) {
    String alternatives = secrets.stream()
        .filter(s -> s != null && s.length() >= MIN_LENGTH)
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote)
        .collect(Collectors.joining("|"));
    this.literals = alternatives.isEmpty() ? null : Pattern.compile(alternatives);
  }

  /** The text with every secret replaced by {@value #MARK}; {@code null} stays {@code null}. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = literals == null ? text : literals.matcher(text).replaceAll(Matcher.quoteReplacement(MARK));
    if (out.contains("://")) {
      out = URL_CREDENTIALS.matcher(out).replaceAll("$1" + MARK + "@");
    }
    if (out.indexOf('=') >= 0) {
      out = SECRET_PARAMETER.matcher(out).replaceAll("$1" + MARK);
    }
    return out;
  }
}
