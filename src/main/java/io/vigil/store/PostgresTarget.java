package io.vigil.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL database to connect to, from {@code postgresql://[user[:password]@]host[:port]/db[?params]}
 * (also {@code postgres://} and {@code jdbc:postgresql://}) and an optional separate password. The password
 * leaves this class only as a connection property: {@link #label()} and {@link #toString()} never hold it, and
 * {@link #redact} takes it out of any message. Other URL parameters ({@code sslmode}, {@code sslrootcert} ...)
 * pass through to the driver.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db?params} without user or password
 * @param host host name
 * @param port port
 * @param database database name
 * @param user user, or empty for the driver's default
 */
public record PostgresTarget(String jdbcUrl, String host, int port, String database, String user, String password) {

  /**
   * Parses {@code url}; {@code password}, when not empty, wins over one in the URL.
   *
   * @throws IllegalArgumentException when the URL is not a PostgreSQL URL (the message holds no secret)
   */
  public static PostgresTarget parse(String url, String password) {
    String s = url.trim();
    if (s.startsWith("jdbc:")) {
      s = s.substring(5);
    }
    if (s.startsWith("postgres://")) {
      s = "postgresql://" + s.substring("postgres://".length());
    }
    if (!s.startsWith("postgresql://")) {
      throw new IllegalArgumentException("expected a URL like postgresql://host/db");
    }
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid PostgreSQL URL");
    }
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    String user = "";
    String pw = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      pw = parts.length > 1 ? decode(parts[1]) : "";
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        if (kv.isEmpty()) {
          continue;
        }
        String[] p = kv.split("=", 2);
        params.put(decode(p[0]), p.length > 1 ? decode(p[1]) : "");
      }
    }
    String u = params.remove("user");
    if (u != null && user.isEmpty()) {
      user = u;
    }
    String p = params.remove("password");
    if (p != null && pw.isEmpty()) {
      pw = p;
    }
    if (password != null && !password.isEmpty()) {
      pw = password;
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host.contains(":") ? "[" + host + "]" : host)
        .append(':').append(port).append('/').append(db);
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      jdbc.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = '&';
    }
    return new PostgresTarget(jdbc.toString(), host, port, db, user, pw);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** host:port/database, for logs and messages. */
  public String label() {
    return host + ":" + port + "/" + database;
  }

  /** User and password as driver properties. */
  Properties properties() {
    Properties p = new Properties();
    if (!user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      p.setProperty("password", password);
    }
    return p;
  }

  /** {@code text} with the password taken out. */
  public String redact(String text) {
    if (text == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "<redacted>");
  }

  @Override
  public String toString() {
    return "postgresql://" + (user.isEmpty() ? "" : user + "@") + label();
  }
}
