package io.vigil.probe.http;

import java.net.URI;
import java.util.Locale;

/**
 * One parsed request target: where to connect and what to put on the request line.
 *
 * @param uri the absolute URL
 * @param https whether the connection speaks TLS
 * @param host host name or IP literal, without IPv6 brackets
 * @param port explicit port, or the scheme's default
 * @param hostHeader the {@code Host} header: the host, with the port when it is not the default
 * @param pathAndQuery the request line's target: raw path ({@code /} when empty) and query
 */
record Target(URI uri, boolean https, String host, int port, String hostHeader, String pathAndQuery) {

  /** @throws IllegalArgumentException when {@code uri} is not an absolute http or https URL with a host */
  static Target of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an http or https URL");
    }
    String raw = uri.getHost();
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("URL has no host");
    }
    boolean https = scheme.equals("https");
    int defaultPort = https ? 443 : 80;
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    String host = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : raw;
    String hostHeader = port == defaultPort ? raw : raw + ":" + port;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Target(uri, https, host, port, hostHeader, pathAndQuery);
  }

  static Target of(String url) {
    try {
      return of(URI.create(url.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid URL: " + e.getMessage(), e);
    }
  }

  /** The target after following {@code location} from here. */
  Target follow(String location) {
    return of(uri.resolve(URI.create(location.trim())));
  }

  /** Same scheme, host and port: credentials may travel there. */
  boolean sameOrigin(Target other) {
    return https == other.https && port == other.port && host.equalsIgnoreCase(other.host);
  }

  /** For messages: scheme, host, port and path, without query or user info (they may hold secrets). */
  String display() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return (https ? "https://" : "http://") + hostHeader + path;
  }
}
