package io.vigil.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds one probe of a probe file with its HTTP, TCP or DNS section. Regexes and JSONPath expressions
 * are compiled here, once, and runs use the compiled forms, so a probe never meets an invalid one at run time; TLS files are resolved against
 * the probe file's directory and must exist.
 */
final class ProbeBinder {
  static final String[] KEYS = {"name", "boundary", "title", "type", "interval", "timeout", "labels", "http",
      "tcp", "dns", "role", "locations", "source_ip"};
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  private static final String[] HTTP_KEYS = {"url", "method", "headers", "body", "expect", "invalid_status",
      "addresses", "tls", "auth", "follow_redirects", "max_redirects", "max_body", "ip_protocol",
      "ip_protocol_fallback"};
  private static final String[] HTTP_EXPECT_KEYS = {"status", "body_matches", "body_not_matches", "json",
      "json_matches", "header", "max_duration", "cert_expires_after"};
  private static final String[] TLS_KEYS = {"insecure", "ca_file", "server_name", "client_cert", "client_key"};
  private static final String[] TCP_KEYS = {"host", "port", "tls", "send", "expect", "steps", "cert_expires_after",
      "ip_protocol", "ip_protocol_fallback"};
  private static final String[] DNS_KEYS = {"server", "name", "type", "transport", "recursion_desired", "expect"};
  private static final String[] DNS_EXPECT_KEYS = {"rcode", "answers_match", "answers_match_all",
      "answers_not_match", "min_answers", "max_answers"};

  private ProbeBinder() {}

  /** @param dir the probe file's directory, against which TLS file paths are resolved */
  static ProbeConfig bind(MapReader r, Path dir) {
    String name = r.required("name", Scalars::name);
    ProbeType type = r.required("type", Scalars.choice(ProbeType.class));
    Duration interval = r.get("interval", ProbeConfig.DEFAULT_INTERVAL, ProbeBinder::interval);
    Duration timeout = r.get("timeout", null, Scalars::positiveDuration);
    if (!r.has("timeout") && interval != null) {
      timeout = interval.compareTo(ProbeConfig.DEFAULT_TIMEOUT) < 0 ? interval : ProbeConfig.DEFAULT_TIMEOUT;
    } else if (timeout != null && interval != null && timeout.compareTo(interval) > 0) {
      r.error("timeout", "must not exceed the interval (" + Durations.format(interval) + "), got '"
          + Durations.format(timeout) + "'");
    }
    HttpSpec http = null;
    TcpSpec tcp = null;
    DnsSpec dns = null;
    if (type != null) {
      for (ProbeType other : ProbeType.values()) {
        if (other != type) {
          r.forbid(other.label(), "this probe has type " + type.label() + "; give only its " + type.label()
              + " section");
        }
      }
      if (!r.has(type.label())) {
        r.missing(type.label());
      } else {
        switch (type) {
          case HTTP -> http = http(r.child("http", "http", HTTP_KEYS), dir);
          case TCP -> tcp = tcp(r.child("tcp", "tcp", TCP_KEYS), dir);
          case DNS -> dns = dns(r.child("dns", "dns", DNS_KEYS));
        }
      }
    }
    return new ProbeConfig(
        name,
        r.required("boundary", Scalars::name),
        r.text("title", name),
        type,
        interval,
        timeout,
        r.map("labels", t -> t),
        http,
        tcp,
        dns,
        r.pos().source(),
        r.get("role", ProbeConfig.Role.MEMBER, Scalars.choice(ProbeConfig.Role.class)),
        r.list("locations", true, Scalars::name),
        r.get("source_ip", null, Scalars::ipAddress));
  }

  private static Duration interval(String text) {
    Duration d = Scalars.positiveDuration(text);
    if (d.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("must be at least 100ms, got '" + text + "'");
    }
    return d;
  }

  private static HttpSpec http(MapReader h, Path dir) {
    String url = h.required("url", Scalars::httpUrl);
    HttpSpec.Auth auth = auth(h);
    Map.Entry<String, String> userInfo = url == null ? null : BasicAuth.userInfo(url);
    if (userInfo != null) {
      if (h.has("auth")) {
        h.error("auth", "the URL carries credentials (user:password@) already; give them in one place");
      }
      h.context().secret(userInfo.getValue());
      h.context().secret(BasicAuth.token(userInfo.getKey(), userInfo.getValue()));
      auth = new HttpSpec.Auth(Secret.EMPTY, userInfo.getKey(), Secret.of(userInfo.getValue()));
      url = BasicAuth.withoutUserInfo(url);
    }
    boolean https = url != null && url.regionMatches(true, 0, "https:", 0, 6);
    Map<String, Secret> headers = new LinkedHashMap<>();
    for (Node.Entry e : h.entries("headers")) {
      String value = h.convert(e.value(), "headers." + e.key(), ProbeBinder::headerValue);
      if (headerName(h, e, "headers") && value != null) {
        if (HttpSpec.sensitiveHeader(e.key())) {
          h.context().secret(value); // values from ${ENV} are secrets already
        }
        headers.put(e.key(), Secret.of(value));
      }
    }
    Long maxBody = h.get("max_body", HttpSpec.DEFAULT_MAX_BODY, Scalars::size);
    return new HttpSpec(
        url,
        h.get("method", "GET", t -> Scalars.token(t.trim()).toUpperCase(Locale.ROOT)),
        Collections.unmodifiableMap(headers),
        h.text("body", ""),
        httpExpect(h.child("expect", "expect", HTTP_EXPECT_KEYS)),
        statuses(h, "invalid_status", List.of()),
        h.get("addresses", HttpSpec.Addresses.FIRST, Scalars.choice(HttpSpec.Addresses.class)),
        tls(h.child("tls", "tls", TLS_KEYS), dir, https),
        auth,
        h.flag("follow_redirects", true),
        h.number("max_redirects", HttpSpec.DEFAULT_MAX_REDIRECTS, Scalars.atLeast(0)),
        maxBody == null ? HttpSpec.DEFAULT_MAX_BODY : maxBody,
        h.get("ip_protocol", IpProtocol.IP4, Scalars.choice(IpProtocol.class)),
        h.flag("ip_protocol_fallback", true));
  }

  private static HttpSpec.HttpExpect httpExpect(MapReader e) {
    Map<JsonQuery, String> json = new LinkedHashMap<>();
    for (Node.Entry x : e.entries("json")) {
      String value = x.value() instanceof Node.Scalar s && s.isNull() ? "null"
          : e.convert(x.value(), "json." + x.key(), t -> t);
      JsonQuery query = jsonQuery(e, x, "json");
      if (query != null && value != null) {
        json.put(query, value);
      }
    }
    Map<JsonQuery, Pattern> jsonMatches = new LinkedHashMap<>();
    for (Node.Entry x : e.entries("json_matches")) {
      Pattern regex = e.convert(x.value(), "json_matches." + x.key(), Scalars::regex);
      JsonQuery query = jsonQuery(e, x, "json_matches");
      if (query != null && regex != null) {
        jsonMatches.put(query, regex);
      }
    }
    Map<String, Pattern> header = new LinkedHashMap<>();
    for (Node.Entry x : e.entries("header")) {
      Pattern regex = e.convert(x.value(), "header." + x.key(), Scalars::regex);
      if (headerName(e, x, "header") && regex != null) {
        header.put(x.key(), regex);
      }
    }
    return new HttpSpec.HttpExpect(
        statuses(e, "status", StatusRange.DEFAULT_GOOD),
        e.list("body_matches", true, Scalars::regex),
        e.list("body_not_matches", true, Scalars::regex),
        Collections.unmodifiableMap(json),
        Collections.unmodifiableMap(jsonMatches),
        Collections.unmodifiableMap(header),
        e.get("max_duration", null, Scalars::positiveDuration),
        e.get("cert_expires_after", null, Scalars::positiveDuration));
  }

  private static boolean headerName(MapReader r, Node.Entry e, String key) {
    try {
      Scalars.token(e.key());
      return true;
    } catch (IllegalArgumentException ex) {
      r.context().error(e.keyPos(), key + ": " + ex.getMessage() + " (a header name)");
      return false;
    }
  }

  /** The key's JSONPath, compiled; {@code null} after reporting it at the key when it does not compile. */
  private static JsonQuery jsonQuery(MapReader r, Node.Entry e, String key) {
    try {
      return JsonQuery.compile(e.key());
    } catch (IllegalArgumentException ex) {
      r.context().error(e.keyPos(), key + ": " + ex.getMessage());
      return null;
    }
  }

  /** A status list: one status or range, or a non-empty list of them. */
  private static List<StatusRange> statuses(MapReader r, String key, List<StatusRange> dflt) {
    if (!r.has(key)) {
      return dflt;
    }
    if (r.node(key) instanceof Node.ListNode l && l.items().isEmpty()) {
      r.error(key, "list at least one status");
    }
    return r.list(key, true, Scalars::status);
  }

  private static TlsSpec tls(MapReader t, Path dir, boolean enabled) {
    if (given(t, "client_cert") != given(t, "client_key")) {
      t.context().error(t.pos(given(t, "client_cert") ? "client_cert" : "client_key"),
          "client_cert and client_key go together: give both or neither");
    }
    return new TlsSpec(
        enabled,
        t.flag("insecure", false),
        certificateFile(t, "ca_file", dir),
        t.get("server_name", "", String::trim),
        file(t, "client_cert", dir),
        file(t, "client_key", dir));
  }

  private static boolean given(MapReader r, String key) {
    String text = r.text(key, "");
    return text != null && !text.isBlank();
  }

  private static Path file(MapReader t, String key, Path dir) {
    return t.get(key, null, text -> {
      if (text.isBlank()) {
        return null;
      }
      Path p = dir.resolve(text.trim()).toAbsolutePath().normalize();
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("no such file '" + text + "' (relative paths start at the probe file)");
      }
      return p;
    });
  }

  /** A header value as HTTP can carry it: one line, no NUL. */
  private static String headerValue(String text) {
    if (text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
      throw new IllegalArgumentException("a header value cannot hold CR, LF or NUL (one line per header)");
    }
    return text;
  }

  /** A file of PEM certificates, read as runs will read it. */
  private static Path certificateFile(MapReader t, String key, Path dir) {
    Path p = file(t, key, dir);
    if (p != null) {
      t.get(key, null, text -> TlsSpec.certificates(p));
    }
    return p;
  }

  private static HttpSpec.Auth auth(MapReader h) {
    if (!h.has("auth")) {
      return HttpSpec.Auth.NONE;
    }
    MapReader a = h.child("auth", "auth", "bearer", "basic");
    if (a.has("bearer") && a.has("basic")) {
      a.error("basic", "give either bearer or basic, not both");
    } else if (a.has("bearer")) {
      return new HttpSpec.Auth(a.secret("bearer"), "", Secret.EMPTY);
    } else if (a.has("basic")) {
      MapReader b = a.child("basic", "basic auth", "user", "password");
      String user = b.required("user", t -> t);
      Secret password = b.secret("password");
      h.context().secret(BasicAuth.token(user == null ? "" : user, password.reveal()));
      return new HttpSpec.Auth(Secret.EMPTY, user == null ? "" : user, password);
    } else {
      h.error("auth", "give bearer: TOKEN or basic: {user, password}");
    }
    return HttpSpec.Auth.NONE;
  }

  private static TcpSpec tcp(MapReader t, Path dir) {
    String host = t.required("host", ProbeBinder::host);
    Integer port = t.required("port", Scalars::port);
    TlsSpec tls = TlsSpec.OFF;
    if (t.node("tls") instanceof Node.MapNode) {
      tls = tls(t.child("tls", "tls", TLS_KEYS), dir, true);
    } else if (Boolean.TRUE.equals(t.get("tls", false, ProbeBinder::tlsSwitch))) {
      tls = TlsSpec.DEFAULT_ON;
    }
    List<TcpSpec.Step> steps = new ArrayList<>();
    String send = t.text("send", "");
    Pattern expect = t.get("expect", null, text -> text.isEmpty() ? null : Scalars.regex(text));
    if (send != null && !send.isEmpty()) {
      steps.add(TcpSpec.Step.send(send));
    }
    if (expect != null) {
      steps.add(TcpSpec.Step.expect(expect));
    }
    if (t.has("steps")) {
      if (!steps.isEmpty()) {
        t.error("steps", "give either send/expect or steps, not both");
      }
      for (Node item : t.items("steps", false)) {
        TcpSpec.Step step = step(MapReader.of(item, "step", t.context(), "send", "expect"));
        if (step != null) {
          steps.add(step);
        }
      }
    }
    Duration certExpiresAfter = t.get("cert_expires_after", null, Scalars::positiveDuration);
    if (certExpiresAfter != null && !tls.enabled()) {
      t.error("cert_expires_after", "checks the certificate, so it needs tls");
    }
    return new TcpSpec(
        host,
        port == null ? 0 : port,
        tls,
        List.copyOf(steps),
        certExpiresAfter,
        t.get("ip_protocol", IpProtocol.IP4, Scalars.choice(IpProtocol.class)),
        t.flag("ip_protocol_fallback", true));
  }

  private static Boolean tlsSwitch(String text) {
    try {
      return Scalars.bool(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected true, false or a map of TLS options, got '" + text + "'");
    }
  }

  private static TcpSpec.Step step(MapReader s) {
    if (s.has("send") == s.has("expect")) {
      s.context().error(s.pos(), "a step is either send: TEXT or expect: REGEX");
      return null;
    }
    if (s.has("send")) {
      String send = s.text("send", "");
      return send == null ? null : TcpSpec.Step.send(send);
    }
    Pattern expect = s.get("expect", null, Scalars::regex);
    return expect == null ? null : TcpSpec.Step.expect(expect);
  }

  /** A host name or IP literal; an IPv6 literal may be written in brackets. */
  private static String host(String text) {
    String s = text.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty() || s.chars().anyMatch(c -> Character.isWhitespace(c) || "/@[]".indexOf(c) >= 0)) {
      throw new IllegalArgumentException("expected a host name or IP address, got '" + text + "'");
    }
    return s;
  }

  private static DnsSpec dns(MapReader d) {
    return new DnsSpec(
        d.required("server", t -> Scalars.hostPort(t, 53)),
        d.required("name", ProbeBinder::host),
        d.get("type", DnsSpec.RecordType.A, Scalars.choice(DnsSpec.RecordType.class, true)),
        d.get("transport", DnsSpec.Transport.UDP, Scalars.choice(DnsSpec.Transport.class)),
        d.flag("recursion_desired", true),
        d.has("expect") ? dnsExpect(d.child("expect", "expect", DNS_EXPECT_KEYS)) : DnsSpec.DnsExpect.DEFAULT);
  }

  private static DnsSpec.DnsExpect dnsExpect(MapReader e) {
    String rcode = e.get("rcode", "NOERROR", Scalars::rcode);
    int min = e.number("min_answers", "NOERROR".equals(rcode) ? 1 : 0, Scalars.atLeast(0));
    int max = e.number("max_answers", -1, Scalars.atLeast(0));
    if (max >= 0 && min > max) {
      e.error("max_answers", "must be at least min_answers (" + min + "), got " + max);
    }
    return new DnsSpec.DnsExpect(
        rcode == null ? "NOERROR" : rcode,
        e.get("answers_match", null, Scalars::regex),
        e.get("answers_match_all", null, Scalars::regex),
        e.get("answers_not_match", null, Scalars::regex),
        min,
        max);
  }
}
