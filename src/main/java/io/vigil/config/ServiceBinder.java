package io.vigil.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Binds the service file's keys other than the probe files: listen, storage, notifiers and the like. */
final class ServiceBinder {
  static final String[] KEYS = {"listen", "location", "node", "public_url", "status_page", "storage", "retention",
      "probe_files", "admin_token", "notifiers", "alerting", "metrics", "server", "demo", "cluster"};
  static final String DEFAULT_LOCATION = "local";
  static final String DEFAULT_TITLE = "Status";
  static final String DEFAULT_SQLITE = "data/vigil.db";

  /** Keys each notifier type takes besides name and type; the first one is required. */
  private static final Map<NotifierConfig.Type, List<String>> NOTIFIER_KEYS = Map.of(
      NotifierConfig.Type.WEBHOOK, List.of("url"),
      NotifierConfig.Type.SLACK, List.of("webhook_url", "channel"),
      NotifierConfig.Type.PAGERDUTY, List.of("routing_key", "url", "severity"),
      NotifierConfig.Type.OPSGENIE, List.of("api_key", "url", "priority"),
      NotifierConfig.Type.EMAIL, List.of("host", "port", "from", "to", "username", "password", "starttls", "tls",
          "ca_file"));
  /** Every key some notifier type takes. */
  private static final List<String> OPTIONAL_KEYS = List.of("url", "webhook_url", "routing_key", "api_key",
      "channel", "severity", "priority", "host", "port", "from", "to", "username", "password", "starttls", "tls",
      "ca_file");

  private ServiceBinder() {}

  static String listen(MapReader r) {
    return r.get("listen", VigilConfig.DEFAULT_LISTEN, Scalars::listenAddress);
  }

  static String location(MapReader r) {
    return r.get("location", DEFAULT_LOCATION, t -> {
      if (t.isBlank()) {
        throw new IllegalArgumentException("must not be empty");
      }
      return t;
    });
  }

  /** {@code cluster: {name, listen, members, failure_detection}}; null when the section is absent. */
  static ClusterConfig cluster(MapReader r) {
    if (!r.has("cluster")) {
      return null;
    }
    MapReader c = r.child("cluster", "cluster", "name", "listen", "members", "failure_detection");
    String name = c.required("name", Scalars::name);
    String listen = c.get("listen", "127.0.0.1:" + ClusterConfig.DEFAULT_PORT,
        t -> Scalars.hostPort(t, ClusterConfig.DEFAULT_PORT));
    if (!c.has("members")) {
      c.missing("members");
    }
    List<String> members = c.list("members", false, t -> Scalars.hostPort(t, ClusterConfig.DEFAULT_PORT));
    Duration failure = c.get("failure_detection", ClusterConfig.DEFAULT_FAILURE_DETECTION,
        Scalars.durationAtLeast(ClusterConfig.MIN_FAILURE_DETECTION));
    return new ClusterConfig(name, listen, members, failure);
  }

  static String publicUrl(MapReader r) {
    return r.get("public_url", "", Scalars::httpUrl);
  }

  static String statusPageTitle(MapReader r) {
    return r.child("status_page", "status_page", "title").text("title", DEFAULT_TITLE);
  }

  /** How long an undelivered notification is retried ({@code alerting: {expire_after}}). */
  static Duration notificationExpiry(MapReader r) {
    return r.child("alerting", "alerting", "expire_after")
        .get("expire_after", VigilConfig.DEFAULT_NOTIFICATION_EXPIRY, Scalars::positiveDuration);
  }

  static VigilConfig.HistogramsPer histograms(MapReader r) {
    return r.child("metrics", "metrics", "histograms")
        .get("histograms", VigilConfig.HistogramsPer.PROBE, Scalars.choice(VigilConfig.HistogramsPer.class));
  }

  /** {@code server: {max_connections_per_client}}: connections one remote address may hold on the HTTP port. */
  static int maxConnectionsPerClient(MapReader r) {
    return r.child("server", "server", "max_connections_per_client")
        .number("max_connections_per_client", VigilConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT, Scalars.atLeast(1));
  }

  /** Storage and retention; a relative SQLite path is resolved against {@code dir} and made absolute. */
  static StorageConfig storage(MapReader r, Path dir) {
    MapReader s = r.child("storage", "storage", "sqlite", "postgres", "password", "connect_retry");
    Path sqlite = null;
    Secret postgres = Secret.EMPTY;
    Secret password = Secret.EMPTY;
    if (s.has("sqlite") && s.has("postgres")) {
      s.error("postgres", "give either sqlite or postgres, not both");
    } else if (s.has("postgres")) {
      postgres = Secret.of(s.get("postgres", "", ServiceBinder::postgresUrl));
      s.context().secret(postgres.reveal());
      password = Secret.of(s.get("password", "", t -> t));
      s.context().secret(password.reveal());
    } else {
      String file = s.get("sqlite", DEFAULT_SQLITE, t -> {
        if (t.isBlank()) {
          throw new IllegalArgumentException("expected a file path, got ''");
        }
        return t.trim();
      });
      sqlite = file == null ? null : dir.resolve(file).toAbsolutePath().normalize();
    }
    MapReader t = r.child("retention", "retention", "raw", "minute", "hour", "day");
    StorageConfig.Retention d = StorageConfig.Retention.DEFAULT;
    StorageConfig.Retention retention = new StorageConfig.Retention(
        t.get("raw", d.raw(), Scalars::positiveDuration),
        t.get("minute", d.minute(), Scalars::positiveDuration),
        t.get("hour", d.hour(), Scalars::positiveDuration),
        t.get("day", d.day(), Scalars::positiveDuration));
    Duration connectRetry = s.get("connect_retry", StorageConfig.DEFAULT_CONNECT_RETRY, Scalars::positiveDuration);
    String node = r.get("node", null, v -> {
      if (v.isBlank()) {
        throw new IllegalArgumentException("must not be empty");
      }
      return v.trim();
    });
    return new StorageConfig(sqlite, postgres, password, connectRetry,
        node == null ? StorageConfig.defaultNode() : node, retention);
  }

  private static String postgresUrl(String text) {
    String s = text.trim();
    if (!s.startsWith("postgresql://") && !s.startsWith("postgres://") && !s.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("expected a URL like postgresql://host/db");
    }
    return s;
  }

  /**
   * The notifiers from the items of {@code notifiers:}, their names unique; one whose name is missing
   * or invalid is reported and left out.
   */
  static List<NotifierConfig> notifiers(List<Node> items, BindContext ctx, Path dir) {
    Map<String, Node.Pos> seen = new HashMap<>();
    List<NotifierConfig> out = new ArrayList<>();
    for (Node item : items) {
      List<String> keys = new ArrayList<>(List.of("name", "type"));
      keys.addAll(OPTIONAL_KEYS);
      NotifierConfig n = notifier(MapReader.of(item, "notifier", ctx, keys.toArray(String[]::new)), seen, dir);
      if (n != null) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  private static NotifierConfig notifier(MapReader n, Map<String, Node.Pos> seen, Path dir) {
    String name = n.required("name", Scalars::name);
    NotifierConfig.Type type = n.required("type", Scalars.choice(NotifierConfig.Type.class));
    if (name != null) {
      Node.Pos first = seen.putIfAbsent(name, n.pos("name"));
      if (first != null) {
        n.error("name", "duplicate notifier name '" + name + "' (first at line " + first.line() + ")");
      }
    }
    if (type == null) {
      return name == null ? null : new NotifierConfig(name, null, Secret.EMPTY, Secret.EMPTY, Map.of());
    }
    List<String> allowed = NOTIFIER_KEYS.get(type);
    for (String key : OPTIONAL_KEYS) {
      if (!allowed.contains(key)) {
        n.forbid(key, "not a key of " + label(type) + " notifiers (they take " + String.join(", ", allowed) + ")");
      }
    }
    String required = allowed.get(0);
    if (!n.has(required)) {
      n.missing(required);
    }
    Secret url = Secret.EMPTY;
    Secret key = Secret.EMPTY;
    Map<String, String> options = new LinkedHashMap<>();
    switch (type) {
      case WEBHOOK -> url = urlSecret(n, "url");
      case SLACK -> {
        url = urlSecret(n, "webhook_url");
        putOption(options, "channel", n.text("channel", null));
      }
      case PAGERDUTY -> {
        key = n.secret("routing_key");
        url = urlSecret(n, "url");
        putOption(options, "severity", n.get("severity", null, ServiceBinder::severity));
      }
      case OPSGENIE -> {
        key = n.secret("api_key");
        url = urlSecret(n, "url");
        putOption(options, "priority", n.get("priority", null, ServiceBinder::priority));
      }
      case EMAIL -> {
        key = n.secret("password");
        email(n, options, dir);
      }
    }
    return name == null ? null : new NotifierConfig(name, type, url, key, Map.copyOf(options));
  }

  /** A notifier URL: a secret, and so are the basic credentials its user info is sent as. */
  private static Secret urlSecret(MapReader n, String key) {
    String url = n.get(key, "", Scalars::httpUrl);
    n.context().secret(url);
    String credentials = url == null || url.isEmpty() ? null : BasicAuth.fromUrl(url);
    if (credentials != null) {
      n.context().secret(credentials);
    }
    return Secret.of(url);
  }

  /**
   * An email notifier's settings: {@code host}, {@code from} and {@code to} are required; {@code starttls}
   * defaults to required (the password is never sent in clear unless it is off), {@code tls: true} is SMTPS
   * instead, and {@code port} defaults to 465 with it, else 587.
   */
  private static void email(MapReader n, Map<String, String> options, Path dir) {
    putOption(options, "host", n.get("host", null, ServiceBinder::mailHost));
    boolean tls = n.flag("tls", false);
    String starttls = n.get("starttls", tls ? "off" : "required", ServiceBinder::starttls);
    if (tls && n.has("starttls") && !"off".equals(starttls)) {
      n.error("starttls", "tls: true connects with TLS from the start (SMTPS); STARTTLS does not apply");
    }
    options.put("tls", String.valueOf(tls));
    options.put("starttls", starttls == null ? "required" : starttls);
    options.put("port", String.valueOf(n.number("port", tls ? 465 : 587, ServiceBinder::port)));
    if (!n.has("from")) {
      n.missing("from");
    }
    putOption(options, "from", n.get("from", null, ServiceBinder::address));
    if (!n.has("to")) {
      n.missing("to");
    }
    List<String> to = n.list("to", true, ServiceBinder::address);
    if (!to.isEmpty()) {
      options.put("to", String.join(", ", to));
    }
    putOption(options, "username", n.text("username", null));
    putOption(options, "ca_file", n.get("ca_file", null, text -> {
      Path file = dir.resolve(text.trim()).toAbsolutePath().normalize();
      if (!java.nio.file.Files.isRegularFile(file)) {
        throw new IllegalArgumentException("no such file '" + text + "' (relative paths are relative to this file)");
      }
      TlsSpec.certificates(file);
      return file.toString();
    }));
    if (n.has("password") && !n.has("username")) {
      n.error("password", "a password needs a username to log in with");
    }
  }

  private static String mailHost(String text) {
    String host = text.trim();
    if (host.isEmpty() || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
      throw new IllegalArgumentException("expected a host name or address like smtp.example.com, got '" + text + "'");
    }
    return host;
  }

  private static int port(String text) {
    int port = Scalars.atLeast(1).convert(text);
    if (port > 65_535) {
      throw new IllegalArgumentException("expected a port 1-65535, got '" + text + "'");
    }
    return port;
  }

  private static String starttls(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (!List.of("required", "optional", "off").contains(s)) {
      throw new IllegalArgumentException("expected one of required, optional, off; got '" + text + "'");
    }
    return s;
  }

  /** One address, {@code ops@example.com} or {@code Vigil <vigil@example.com>}, checked as RFC 822 by Jakarta Mail. */
  private static String address(String text) {
    try {
      jakarta.mail.internet.InternetAddress a = new jakarta.mail.internet.InternetAddress(text.trim(), true);
      a.validate();
      return a.toString();
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalArgumentException("expected an email address like ops@example.com, got '" + text + "'");
    }
  }

  private static void putOption(Map<String, String> options, String key, String value) {
    if (value != null) {
      options.put(key, value);
    }
  }

  private static String severity(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (!List.of("critical", "error", "warning", "info").contains(s)) {
      throw new IllegalArgumentException("expected one of critical, error, warning, info; got '" + text + "'");
    }
    return s;
  }

  private static String priority(String text) {
    String s = text.trim().toUpperCase(Locale.ROOT);
    if (!s.matches("P[1-5]")) {
      throw new IllegalArgumentException("expected one of P1, P2, P3, P4, P5; got '" + text + "'");
    }
    return s;
  }

  private static String label(NotifierConfig.Type type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
