package io.vigil.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An HTTP probe's request and expectations.
 *
 * @param url absolute http:// or https:// URL without user info: credentials written in it
 *     ({@code http://user:password@host/}) are bound as basic {@code auth} instead (may still carry a secret from
 *     {@code ${ENV}} in its query; never shown whole)
 * @param method request method, upper case
 * @param headers request headers in config order; values are secret-safe (never shown)
 * @param body request body, empty for none
 * @param expect what a good response looks like
 * @param invalidStatus statuses that make the run invalid rather than bad (e.g. 400-499, the GCP reading)
 * @param addresses probe the first resolved address or every one of them
 * @param tls TLS options, used when the URL (or a redirect) is https
 * @param auth basic or bearer credentials, or {@link Auth#NONE}
 * @param followRedirects follow 3xx with a Location header
 * @param maxRedirects redirects followed before the run fails with reason {@code status}
 * @param maxBody largest response body read; a larger one makes the run bad with reason {@code too_large}
 * @param ipProtocol preferred address family
 * @param ipProtocolFallback whether the other family may be used when the preferred one has no address
 */
public record HttpSpec(
    String url,
    String method,
    Map<String, Secret> headers,
    String body,
    HttpExpect expect,
    List<StatusRange> invalidStatus,
    Addresses addresses,
    TlsSpec tls,
    Auth auth,
    boolean followRedirects,
    int maxRedirects,
    long maxBody,
    IpProtocol ipProtocol,
    boolean ipProtocolFallback) {

  public static final long DEFAULT_MAX_BODY = 1L << 20;
  public static final int DEFAULT_MAX_REDIRECTS = 10;

  private static final Pattern SENSITIVE_HEADER = Pattern.compile(
      "(?i).*(authorization|cookie|token|secret|key|auth|session|password|passwd|signature).*");

  /**
   * Whether a header is sensitive (Authorization, Cookie, names with token, key, secret, auth, session,
   * password or signature): its value is redacted from every text even when written in the file itself, and it
   * is only sent to the probe's own origin. Accept and the like are not.
   */
  public static boolean sensitiveHeader(String name) {
    return SENSITIVE_HEADER.matcher(name).matches();
  }

  /** {@code first}: the first address the name resolves to; {@code all}: every one, bad if any is bad. */
  public enum Addresses { FIRST, ALL }

  /**
   * Credentials: either bearer token or basic user/password (never both).
   *
   * @param bearer token for {@code Authorization: Bearer}, empty for none
   * @param user basic-auth user, empty for none
   * @param password basic-auth password
   */
  public record Auth(Secret bearer, String user, Secret password) {
    public static final Auth NONE = new Auth(Secret.EMPTY, "", Secret.EMPTY);

    public boolean isNone() {
      return bearer.isEmpty() && user.isEmpty();
    }
  }

  /**
   * Assertions on the response. Empty lists and maps, and {@code null} durations, assert nothing.
   *
   * @param status good statuses; {@link StatusRange#DEFAULT_GOOD} when not given
   * @param bodyMatches regexes the body must match (each one, found anywhere in the body)
   * @param bodyNotMatches regexes the body must not match
   * @param json JSONPath expression to the exact expected value (compared as text: {@code "UP"}, {@code 42}, {@code true})
   * @param jsonMatches JSONPath expression to a regex its value (as text) must match
   * @param header header name (case-insensitive) to a regex one of its values must match fully
   * @param maxDuration the run is bad (reason {@code duration}) when it takes longer
   * @param certExpiresAfter the earliest certificate expiry must lie at least this far ahead (reason {@code cert})
   */
  public record HttpExpect(
      List<StatusRange> status,
      List<Pattern> bodyMatches,
      List<Pattern> bodyNotMatches,
      Map<JsonQuery, String> json,
      Map<JsonQuery, Pattern> jsonMatches,
      Map<String, Pattern> header,
      Duration maxDuration,
      Duration certExpiresAfter) {
    public static final HttpExpect DEFAULT =
        new HttpExpect(StatusRange.DEFAULT_GOOD, List.of(), List.of(), Map.of(), Map.of(), Map.of(), null, null);
  }
}
