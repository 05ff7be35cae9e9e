package io.vigil.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP basic credentials: the base64 of {@code user:password} (UTF-8) sent after {@code Basic }, whether they
 * come from {@code auth: {basic: ...}} or from a URL's user info ({@code http://user:password@host/}). The
 * binder hands every such token to the {@link Redactor}, so a target echoing it back cannot get it shown.
 */
public final class BasicAuth {
  private BasicAuth() {}

  /** The token for {@code user:password}. */
  public static String token(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The token for a URL's user info, percent-decoded, or {@code null} when the URL has none.
   *
   * @throws IllegalArgumentException when {@code url} is not a URI
   */
  public static String fromUrl(String url) {
    Map.Entry<String, String> c = userInfo(url);
    return c == null ? null : token(c.getKey(), c.getValue());
  }

  /**
   * A URL's user info, percent-decoded, as user and password ({@code user} alone means an empty password), or
   * {@code null} when the URL has none.
   *
   * @throws IllegalArgumentException when {@code url} is not a URI
   */
  public static Map.Entry<String, String> userInfo(String url) {
    String info = uri(url).getRawUserInfo();
    if (info == null) {
      return null;
    }
    int colon = info.indexOf(':');
    return Map.entry(decode(colon < 0 ? info : info.substring(0, colon)),
        decode(colon < 0 ? "" : info.substring(colon + 1)));
  }

  /** The URL without its user info (unchanged when it has none). */
  public static String withoutUserInfo(String url) {
    URI u = uri(url);
    if (u.getRawUserInfo() == null) {
      return url;
    }
    String rest = u.getRawAuthority().substring(u.getRawUserInfo().length() + 1);
    return u.getScheme() + "://" + rest + (u.getRawPath() == null ? "" : u.getRawPath())
        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
        + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment());
  }

  private static URI uri(String url) {
    try {
      return new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid URL (" + e.getReason() + ")", e);
    }
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
