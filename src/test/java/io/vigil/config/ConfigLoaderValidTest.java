package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigLoaderValidTest {
  static final Path VALID = Path.of("src/test/resources/config/valid");

  static final Map<String, String> SPEC_ENV = Map.of(
      "PD_ROUTING_KEY", "pd-routing-key-1",
      "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/secretpart",
      "OPSGENIE_KEY", "opsgenie-key-1",
      "API_TOKEN", "api-token-1");

  static final Map<String, String> EVERY_KEY_ENV = Map.of(
      "ADMIN_TOKEN", "admin-secret-1",
      "HOOK_TOKEN", "hook-token-1",
      "SLACK_URL", "https://hooks.slack.com/services/T1/B1/other",
      "PD_KEY", "pd-key-1",
      "OG_KEY", "og-key-1",
      "API_KEY", "api-key-1",
      "API_PASSWORD", "api-password-1",
      "API_TOKEN", "api-token-2",
      "REDIS_PORT", "6380",
      "SMTP_PASSWORD", "smtp-pw-1");

  static VigilConfig load(String serviceFile, Map<String, String> env) throws ConfigException {
    return ConfigLoader.load(VALID.resolve(serviceFile), env);
  }

  @Test
  void specExampleLoadsAsWritten() throws ConfigException {
    VigilConfig c = load("full/config/vigil.yaml", SPEC_ENV);

    assertThat(c.listen()).isEqualTo("127.0.0.1:8080");
    assertThat(c.location()).isEqualTo("eu-west-1");
    assertThat(c.storage().sqlite()).isEqualTo(VALID.resolve("full/config/data/vigil.db").toAbsolutePath());
    assertThat(c.probeFiles()).containsExactly("../probes/*.yaml");
    assertThat(c.loadedFiles()).containsExactly(VALID.resolve("full/probes/shop.yaml"));
    assertThat(c.adminToken().isEmpty()).isTrue();
    assertThat(c.notifiers()).extracting(NotifierConfig::name).containsExactly("oncall", "slack", "opsgenie", "hook");
    assertThat(c.notifiers()).extracting(NotifierConfig::type).containsExactly(NotifierConfig.Type.PAGERDUTY,
        NotifierConfig.Type.SLACK, NotifierConfig.Type.OPSGENIE, NotifierConfig.Type.WEBHOOK);
    assertThat(c.notifiers().get(0).key().reveal()).isEqualTo("pd-routing-key-1");
    assertThat(c.notifiers().get(1).url().reveal()).isEqualTo("https://hooks.slack.com/services/T0/B0/secretpart");
    assertThat(c.notifiers().get(2).key().reveal()).isEqualTo("opsgenie-key-1");
    assertThat(c.notifiers().get(3).url().reveal()).isEqualTo("http://127.0.0.1:9000/alerts");

    BoundaryConfig shop = c.boundary("shop-api");
    assertThat(shop.title()).isEqualTo("Shop API");
    assertThat(shop.isPublic()).isTrue();
    assertThat(shop.downWhen()).isEqualTo(DownWhen.ANY);
    assertThat(shop.slos()).containsExactly(
        new SloConfig("availability", SloConfig.Sli.REQUESTS, new BigDecimal("0.9995"),
            SloConfig.SloWindow.rolling(Duration.ofDays(30)), ZoneOffset.UTC),
        new SloConfig("uptime", SloConfig.Sli.TIME, new BigDecimal("0.999"), SloConfig.SloWindow.MONTH,
            ZoneOffset.UTC),
        new SloConfig("latency", new SloConfig.Sli.Latency(Duration.ofMillis(100)), new BigDecimal("0.9"),
            SloConfig.SloWindow.rolling(Duration.ofDays(30)), ZoneOffset.UTC));
    assertThat(shop.alerts()).containsExactly(
        new AlertConfig("burn_rate-availability", AlertConfig.Kind.BURN_RATE, "availability", List.of("oncall"), 3,
            2, Duration.ZERO, null, true),
        new AlertConfig("down", AlertConfig.Kind.DOWN, null, List.of("slack"), 3, 2, Duration.ZERO, null, true));
    assertThat(shop.maintenance()).containsExactly(new MaintenanceConfig("Planned maintenance",
        Instant.parse("2026-12-24T22:00:00Z"), null, ZoneOffset.UTC, Duration.ofHours(2), false));
    assertThat(shop.source()).isEqualTo(VALID.resolve("full/probes/shop.yaml") + ":2");

    ProbeConfig users = c.probe("users");
    assertThat(users.type()).isEqualTo(ProbeType.HTTP);
    assertThat(users.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(users.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(users.source()).isEqualTo(VALID.resolve("full/probes/shop.yaml") + ":17");
    HttpSpec http = users.http();
    assertThat(http.url()).isEqualTo("https://shop.example.com/users/42");
    assertThat(http.method()).isEqualTo("GET");
    assertThat(http.headers()).containsExactly(Map.entry("Accept", Secret.of("application/json")));
    assertThat(http.expect().status()).containsExactly(new StatusRange(200, 299));
    assertThat(patterns(http.expect().bodyMatches())).containsExactly("\"id\":\\s*42");
    assertThat(http.expect().json()).containsExactly(Map.entry(JsonQuery.compile("$.status"), "UP"));
    assertThat(http.expect().header().get("Content-Type").pattern()).isEqualTo("application/json.*");
    assertThat(http.expect().maxDuration()).isEqualTo(Duration.ofMillis(800));
    assertThat(http.expect().certExpiresAfter()).isEqualTo(Duration.ofDays(14));
    assertThat(http.addresses()).isEqualTo(HttpSpec.Addresses.FIRST);
    assertThat(http.tls()).isEqualTo(TlsSpec.DEFAULT_ON);
    assertThat(http.auth().bearer().reveal()).isEqualTo("api-token-1");
    assertThat(http.followRedirects()).isTrue();
    assertThat(http.maxBody()).isEqualTo(1_048_576L);

    ProbeConfig db = c.probe("db-port");
    assertThat(db.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(db.tcp()).isEqualTo(new TcpSpec("db.example.com", 5432, TlsSpec.OFF, List.of(), null, IpProtocol.IP4,
        true));

    DnsSpec dns = c.probe("resolve").dns();
    assertThat(dns.server()).isEqualTo("1.1.1.1:53");
    assertThat(dns.name()).isEqualTo("shop.example.com");
    assertThat(dns.type()).isEqualTo(DnsSpec.RecordType.A);
    assertThat(dns.transport()).isEqualTo(DnsSpec.Transport.UDP);
    assertThat(dns.expect().rcode()).isEqualTo("NOERROR");
    assertThat(dns.expect().answersMatch().pattern()).isEqualTo("^1\\.2\\.3\\.");
    assertThat(dns.expect().minAnswers()).isEqualTo(1);
  }

  @Test
  void secretsOfTheSpecExampleAreRedacted() throws ConfigException {
    Redactor r = load("full/config/vigil.yaml", SPEC_ENV).redactor();

    assertThat(r.redact("key pd-routing-key-1, token api-token-1, hook https://hooks.slack.com/services/T0/B0/secretpart"))
        .isEqualTo("key <redacted>, token <redacted>, hook <redacted>");
    assertThat(r.redact("sent to http://127.0.0.1:9000/alerts")).isEqualTo("sent to <redacted>");
  }

  @Test
  void everyServiceKeyIsBound() throws ConfigException {
    VigilConfig c = load("every-key/config/vigil.yaml", EVERY_KEY_ENV);

    assertThat(c.listen()).isEqualTo("[::1]:9090");
    assertThat(c.location()).isEqualTo("lab-1");
    assertThat(c.publicUrl()).isEqualTo("https://status.example.com");
    assertThat(c.statusPageTitle()).isEqualTo("Example Status");
    assertThat(c.storage().sqlite()).isEqualTo(VALID.resolve("every-key/var/vigil.db").toAbsolutePath());
    assertThat(c.storage().postgres()).isEqualTo(Secret.EMPTY);
    assertThat(c.storage().retention()).isEqualTo(new StorageConfig.Retention(Duration.ofDays(3),
        Duration.ofDays(14), Duration.ofDays(180), Duration.ofDays(730)));
    assertThat(c.probeFiles()).containsExactly("../probes/*.yaml", "../extra/single.yaml");
    assertThat(c.loadedFiles()).containsExactly(VALID.resolve("every-key/probes/a-boundaries.yaml"),
        VALID.resolve("every-key/probes/b-probes.yaml"), VALID.resolve("every-key/extra/single.yaml"));
    assertThat(c.adminToken().reveal()).isEqualTo("admin-secret-1");
    assertThat(c.histogramsPer()).isEqualTo(VigilConfig.HistogramsPer.BOUNDARY);
    assertThat(c.maxConnectionsPerClient()).isEqualTo(16);
    assertThat(c.cluster()).isEqualTo(new ClusterConfig("lab", "127.0.0.1:5801",
        List.of("127.0.0.1:5801", "127.0.0.1:5701"), Duration.ofSeconds(4)));
    assertThat(c.demo()).isTrue();
    assertThat(c.notificationExpiry()).isEqualTo(Duration.ofHours(6));
    assertThat(c.notifiers()).containsExactly(
        new NotifierConfig("hook", NotifierConfig.Type.WEBHOOK,
            Secret.of("http://127.0.0.1:9000/alerts?token=hook-token-1"), Secret.EMPTY, Map.of()),
        new NotifierConfig("chat", NotifierConfig.Type.SLACK,
            Secret.of("https://hooks.slack.com/services/T1/B1/other"), Secret.EMPTY, Map.of("channel", "#ops")),
        new NotifierConfig("pager", NotifierConfig.Type.PAGERDUTY, Secret.of("http://127.0.0.1:9001/v2/enqueue"),
            Secret.of("pd-key-1"), Map.of("severity", "warning")),
        new NotifierConfig("genie", NotifierConfig.Type.OPSGENIE, Secret.of("https://api.eu.opsgenie.com"),
            Secret.of("og-key-1"), Map.of("priority", "P2")),
        new NotifierConfig("mail", NotifierConfig.Type.EMAIL, Secret.EMPTY, Secret.of("smtp-pw-1"),
            Map.of("host", "smtp.example.com", "port", "2525", "from", "Vigil <vigil@example.com>", "to",
                "oncall@example.com, payments@example.com", "username", "vigil", "starttls", "optional", "tls",
                "false", "ca_file", VALID.resolve("every-key/probes/certs/ca.pem").toAbsolutePath().toString())));
    assertThat(c.redactor().redact("login vigil/smtp-pw-1")).isEqualTo("login vigil/<redacted>");
  }

  @Test
  void everyBoundaryKeyIsBound() throws ConfigException {
    VigilConfig c = load("every-key/config/vigil.yaml", EVERY_KEY_ENV);

    BoundaryConfig b = c.boundary("checkout");
    assertThat(b.title()).isEqualTo("Checkout");
    assertThat(b.description()).isEqualTo("Payment and order placement.");
    assertThat(b.isPublic()).isTrue();
    assertThat(b.downWhen()).isEqualTo(new DownWhen(DownWhen.Mode.MAJORITY, 0));
    assertThat(b.failuresBeforeDown()).isEqualTo(2);
    assertThat(b.successesBeforeUp()).isEqualTo(3);
    assertThat(b.slos()).containsExactly(
        new SloConfig("availability", SloConfig.Sli.REQUESTS, new BigDecimal("0.999"),
            SloConfig.SloWindow.rolling(Duration.ofDays(7)), ZoneOffset.UTC, new BigDecimal("0.1")),
        new SloConfig("uptime", SloConfig.Sli.TIME, new BigDecimal("0.995"), SloConfig.SloWindow.QUARTER,
            ZoneId.of("Europe/Berlin")),
        new SloConfig("fast", new SloConfig.Sli.Latency(Duration.ofMillis(250)), new BigDecimal("0.95"),
            SloConfig.SloWindow.rolling(Duration.ofDays(1)), ZoneOffset.UTC));
    assertThat(b.alerts()).containsExactly(
        new AlertConfig("budget-burn", AlertConfig.Kind.BURN_RATE, "availability", List.of("pager", "chat"), 3, 2,
            Duration.ofMinutes(2), Duration.ofHours(1), false),
        new AlertConfig("down", AlertConfig.Kind.DOWN, null, List.of("hook"), 5, 4, Duration.ZERO, null, true),
        new AlertConfig("uptime-routed", AlertConfig.Kind.BURN_RATE, "uptime", List.of("pager", "chat"), 3, 2,
            Duration.ZERO, null, true, Map.of("page", List.of("pager", "chat"), "ticket", List.of("chat"))));
    assertThat(b.maintenance()).containsExactly(
        new MaintenanceConfig("Weekly patching", null, "0 3 * * SUN", ZoneId.of("Europe/Berlin"),
            Duration.ofMinutes(30), true),
        new MaintenanceConfig("Planned maintenance", Instant.parse("2026-12-24T22:00:00Z"), null, ZoneOffset.UTC,
            Duration.ofHours(2), false));
    assertThat(c.boundary("internal").downWhen()).isEqualTo(new DownWhen(DownWhen.Mode.AT_LEAST, 2));
  }

  @Test
  void everyHttpKeyIsBound() throws ConfigException {
    VigilConfig c = load("every-key/config/vigil.yaml", EVERY_KEY_ENV);

    ProbeConfig p = c.probe("api-health");
    assertThat(p.title()).isEqualTo("API health");
    assertThat(p.boundary()).isEqualTo("checkout");
    assertThat(p.interval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.labels()).containsExactly(Map.entry("team", "payments"), Map.entry("tier", "1"));
    HttpSpec h = p.http();
    assertThat(h.url()).isEqualTo("https://api.example.com/health?api_key=api-key-1");
    assertThat(h.method()).isEqualTo("POST");
    assertThat(h.headers()).containsExactly(Map.entry("Content-Type", Secret.of("application/json")),
        Map.entry("X-Trace", Secret.of("on")));
    assertThat(h.body()).isEqualTo("{\"ping\": true}");
    assertThat(h.expect().status()).containsExactly(new StatusRange(200, 200), new StatusRange(201, 204),
        new StatusRange(300, 399));
    assertThat(patterns(h.expect().bodyMatches())).containsExactly("\"ok\":\\s*true", "healthy");
    assertThat(patterns(h.expect().bodyNotMatches())).containsExactly("error");
    assertThat(h.expect().json()).containsExactly(Map.entry(JsonQuery.compile("$.status"), "UP"),
        Map.entry(JsonQuery.compile("$.count"), "3"), Map.entry(JsonQuery.compile("$.ready"), "true"),
        Map.entry(JsonQuery.compile("$.gone"), "null"));
    assertThat(h.expect().jsonMatches().get(JsonQuery.compile("$.version")).pattern()).isEqualTo("^2\\.");
    assertThat(h.expect().header().get("Content-Type").pattern()).isEqualTo("application/json.*");
    assertThat(h.expect().maxDuration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(h.expect().certExpiresAfter()).isEqualTo(Duration.ofDays(21));
    assertThat(h.invalidStatus()).containsExactly(new StatusRange(429, 429), new StatusRange(503, 503));
    assertThat(h.addresses()).isEqualTo(HttpSpec.Addresses.ALL);
    Path certs = VALID.resolve("every-key/probes/certs").toAbsolutePath();
    assertThat(h.tls()).isEqualTo(new TlsSpec(true, true, certs.resolve("ca.pem"), "api.internal",
        certs.resolve("client.pem"), certs.resolve("client.key")));
    assertThat(h.auth()).isEqualTo(new HttpSpec.Auth(Secret.EMPTY, "prober", Secret.of("api-password-1")));
    assertThat(h.followRedirects()).isFalse();
    assertThat(h.maxRedirects()).isEqualTo(3);
    assertThat(h.maxBody()).isEqualTo(65_536L);
    assertThat(h.ipProtocol()).isEqualTo(IpProtocol.IP6);
    assertThat(h.ipProtocolFallback()).isFalse();

    HttpSpec plain = c.probe("plain-http").http();
    assertThat(plain.url()).isEqualTo("http://127.0.0.1:8081/ok");
    assertThat(plain.tls().enabled()).isFalse();
    assertThat(plain.auth()).isEqualTo(new HttpSpec.Auth(Secret.of("api-token-2"), "", Secret.EMPTY));
    assertThat(c.probe("plain-http").timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void everyTcpAndDnsKeyIsBound() throws ConfigException {
    VigilConfig c = load("every-key/config/vigil.yaml", EVERY_KEY_ENV);

    TcpSpec smtp = c.probe("smtp").tcp();
    assertThat(smtp.host()).isEqualTo("mail.example.com");
    assertThat(smtp.port()).isEqualTo(465);
    assertThat(smtp.tls()).isEqualTo(new TlsSpec(true, false,
        VALID.resolve("every-key/probes/certs/ca.pem").toAbsolutePath(), "mail.example.com", null, null));
    assertThat(smtp.steps()).extracting(s -> s.isSend() ? "send " + s.send() : "expect " + s.expect().pattern())
        .containsExactly("expect ^220 ", "send EHLO vigil\r\n", "expect ^250");
    assertThat(smtp.certExpiresAfter()).isEqualTo(Duration.ofDays(7));
    assertThat(smtp.ipProtocol()).isEqualTo(IpProtocol.IP6);
    assertThat(smtp.ipProtocolFallback()).isFalse();

    TcpSpec redis = c.probe("redis").tcp();
    assertThat(redis.host()).isEqualTo("::1");
    assertThat(redis.port()).isEqualTo(6380);
    assertThat(redis.tls()).isEqualTo(TlsSpec.DEFAULT_ON);
    assertThat(redis.steps()).extracting(s -> s.isSend() ? "send " + s.send() : "expect " + s.expect().pattern())
        .containsExactly("send PING\r\n", "expect \\+PONG");

    DnsSpec mx = c.probe("mx").dns();
    assertThat(mx.server()).isEqualTo("[2606:4700:4700::1111]:5353");
    assertThat(mx.name()).isEqualTo("example.com");
    assertThat(mx.type()).isEqualTo(DnsSpec.RecordType.MX);
    assertThat(mx.transport()).isEqualTo(DnsSpec.Transport.TCP);
    assertThat(mx.recursionDesired()).isFalse();
    assertThat(mx.expect().rcode()).isEqualTo("NOERROR");
    assertThat(mx.expect().answersMatch().pattern()).isEqualTo("mail");
    assertThat(mx.expect().answersMatchAll().pattern()).isEqualTo("\\.example\\.com\\.$");
    assertThat(mx.expect().answersNotMatch().pattern()).isEqualTo("spam");
    assertThat(mx.expect().minAnswers()).isEqualTo(2);
    assertThat(mx.expect().maxAnswers()).isEqualTo(5);

    DnsSpec nx = c.probe("nx").dns();
    assertThat(nx.server()).isEqualTo("[::1]:53");
    assertThat(nx.expect()).isEqualTo(new DnsSpec.DnsExpect("NXDOMAIN", null, null, null, 0, -1));

    assertThat(c.probe("resolver").dns().server()).isEqualTo("127.0.0.1:53");
    assertThat(c.probe("resolver").dns().type()).isEqualTo(DnsSpec.RecordType.AAAA);
    assertThat(c.probe("resolver").source()).isEqualTo(VALID.resolve("every-key/extra/single.yaml") + ":3");
  }

  @Test
  void emptyServiceFileTakesEveryDefault() throws ConfigException {
    VigilConfig c = load("minimal/config/vigil.yaml", Map.of());

    assertThat(c.listen()).isEqualTo("127.0.0.1:8080");
    assertThat(c.location()).isEqualTo("local");
    assertThat(c.publicUrl()).isEmpty();
    assertThat(c.statusPageTitle()).isEqualTo("Status");
    assertThat(c.storage()).isEqualTo(new StorageConfig(
        VALID.resolve("minimal/config/data/vigil.db").toAbsolutePath(), Secret.EMPTY,
        StorageConfig.Retention.DEFAULT));
    assertThat(c.probeFiles()).containsExactly("../probes/*.yaml");
    assertThat(c.loadedFiles()).containsExactly(VALID.resolve("minimal/probes/one.yaml"));
    assertThat(c.adminToken()).isEqualTo(Secret.EMPTY);
    assertThat(c.notifiers()).isEmpty();
    assertThat(c.notificationExpiry()).isEqualTo(Duration.ofHours(24));
    assertThat(c.histogramsPer()).isEqualTo(VigilConfig.HistogramsPer.PROBE);
    assertThat(c.maxConnectionsPerClient()).isEqualTo(64);
    assertThat(c.demo()).isFalse();
  }

  @Test
  void boundariesAndProbesTakeTheirDefaults() throws ConfigException {
    VigilConfig c = load("minimal/config/vigil.yaml", Map.of());

    Path file = VALID.resolve("minimal/probes/one.yaml");
    assertThat(c.boundary("web")).isEqualTo(new BoundaryConfig("web", "web", "", false, DownWhen.ANY, 1, 1,
        List.of(), List.of(), List.of(), file + ":2"));
    BoundaryConfig team = c.boundary("sre.team_1");
    assertThat(team.alerts()).containsExactly(
        new AlertConfig("down", AlertConfig.Kind.DOWN, null, List.of(), 3, 2, Duration.ZERO, null, true));
    assertThat(team.maintenance()).containsExactly(new MaintenanceConfig("Planned maintenance", null,
        "30 2 * * 1-5", ZoneOffset.UTC, Duration.ofMinutes(15), false));

    ProbeConfig home = c.probe("home");
    assertThat(home.title()).isEqualTo("home");
    assertThat(home.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(home.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(home.labels()).isEmpty();
    assertThat(home.http()).isEqualTo(new HttpSpec("http://localhost/", "GET", Map.of(), "",
        home.http().expect(), List.of(), HttpSpec.Addresses.FIRST, TlsSpec.OFF, HttpSpec.Auth.NONE, true, 10,
        1L << 20, IpProtocol.IP4, true));
    HttpSpec.HttpExpect expect = home.http().expect();
    assertThat(expect.status()).isEqualTo(StatusRange.DEFAULT_GOOD);
    assertThat(expect.bodyMatches()).isEmpty();
    assertThat(expect.bodyNotMatches()).isEmpty();
    assertThat(expect.json()).isEmpty();
    assertThat(expect.jsonMatches()).isEmpty();
    assertThat(expect.header()).isEmpty();
    assertThat(expect.maxDuration()).isNull();
    assertThat(expect.certExpiresAfter()).isNull();
    assertThat(home.http().auth().isNone()).isTrue();

    ProbeConfig fast = c.probe("fast");
    assertThat(fast.timeout()).as("timeout defaults to the interval when that is below 10s")
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(fast.tcp()).isEqualTo(new TcpSpec("127.0.0.1", 22, TlsSpec.OFF, List.of(), null, IpProtocol.IP4,
        true));

    ProbeConfig lookup = c.probe("lookup");
    assertThat(lookup.interval()).isEqualTo(Duration.ofMillis(100));
    assertThat(lookup.dns()).isEqualTo(new DnsSpec("10.0.0.1:53", "example.org", DnsSpec.RecordType.A,
        DnsSpec.Transport.UDP, true, DnsSpec.DnsExpect.DEFAULT));
  }

  @Test
  void postgresStorageIsASecretAndLeavesNoSqlitePath() throws ConfigException {
    VigilConfig c = load("postgres/vigil.yaml", Map.of("PG_URL", "postgresql://vigil:pw@db.internal/vigil"));

    assertThat(c.storage().sqlite()).isNull();
    assertThat(c.storage().postgres().reveal()).isEqualTo("postgresql://vigil:pw@db.internal/vigil");
    assertThat(c.storage().postgres().toString()).isEqualTo("<redacted>");
    assertThat(c.redactor().redact("connecting to postgresql://vigil:pw@db.internal/vigil"))
        .isEqualTo("connecting to <redacted>");
    assertThat(c.probes()).isEmpty();
  }

  private static List<String> patterns(List<Pattern> list) {
    return list.stream().map(Pattern::pattern).toList();
  }
}
