package io.vigil.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.report.MonthReport;
import io.vigil.report.ReportBuilder;
import io.vigil.report.ReportFormat;
import io.vigil.slo.LatencyBands;
import io.vigil.store.SqliteHistoryReader;
import io.vigil.testing.Http;
import io.vigil.testing.ShiftedClock;
import io.vigil.testing.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SRE practices through the running service: a service file and probe files on disk, probes on loopback
 * targets, and what users read back (API, pages, notifications).
 */
class SrePracticesTest {
  static final String ADMIN = "sre-admin-token-0123456789";
  @TempDir Path dir;
  private TestTarget target;
  private VigilService service;

  @BeforeEach
  void setUp() throws Exception {
    target = new TestTarget();
    Files.createDirectories(dir.resolve("probes"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    target.close();
  }

  private void start(String serviceExtra, String probes) throws Exception {
    start(serviceExtra, probes, Clock.systemUTC());
  }

  private void start(String serviceExtra, String probes, Clock clock) throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        location: lab
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        """ + serviceExtra);
    Files.writeString(dir.resolve("probes/shop.yaml"), probes);
    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of("ADMIN", ADMIN), null,
        clock)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String base() {
    return "http://127.0.0.1:" + service.port();
  }

  private JsonObject boundary(String name) throws Exception {
    JsonObject status = new JsonObject(Http.get(base() + "/api/v1/status").body());
    return status.getJsonArray("boundaries").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("name").equals(name)).findFirst().orElseThrow();
  }

  /** The JSON body of the first request the receiver got on {@code path}. */
  private static JsonObject received(WireMockServer receiver, String path) {
    return receiver.getAllServeEvents().stream().map(ServeEvent::getRequest)
        .filter(r -> r.getUrl().startsWith(path)).findFirst()
        .map(r -> new JsonObject(r.getBodyAsString())).orElse(null);
  }

  @Test
  void ownerTravelsWithEveryNotificationAndShowsInTheApiAndOnTheDetailPage() throws Exception {
    WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    receiver.start();
    try {
      receiver.stubFor(post(urlPathMatching(".*")).willReturn(aResponse().withStatus(202).withBody("{}")));
      String r = receiver.baseUrl();
      target.status(503);
      start("""
          public_url: https://status.example.com
          admin_token: ${ADMIN}
          notifiers:
            - {name: hook, type: webhook, url: "%1$s/hook"}
            - {name: chat, type: slack, webhook_url: "%1$s/slack"}
            - {name: pager, type: pagerduty, routing_key: k1, url: "%1$s/pd"}
            - {name: genie, type: opsgenie, api_key: k2, url: "%1$s/og"}
          """.formatted(r), """
          boundaries:
            - name: checkout
              public: true
              owner: {team: payments, primary: "@kim", secondary: "@lee", escalation: payments-oncall,
                      runbook: "https://wiki.example.com/runbooks/checkout", chat: "#payments"}
              alerts:
                - {kind: down, after_failures: 2, notify: [hook, chat, pager, genie]}
          probes:
            - {name: pay, boundary: checkout, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
          """.formatted(target.url()));
      assertThat(Http.eventually(Duration.ofSeconds(20), () -> receiver.getAllServeEvents().size() >= 4)).isTrue();

      JsonObject hook = received(receiver, "/hook");
      assertThat(hook.getJsonObject("commonLabels").getString("team")).isEqualTo("payments");
      JsonObject annotations = hook.getJsonArray("alerts").getJsonObject(0).getJsonObject("annotations");
      assertThat(annotations.getString("runbook_url")).isEqualTo("https://wiki.example.com/runbooks/checkout");
      assertThat(annotations.getString("primary")).isEqualTo("@kim");
      assertThat(annotations.getString("secondary")).isEqualTo("@lee");
      assertThat(annotations.getString("escalation")).isEqualTo("payments-oncall");
      assertThat(annotations.getString("chat")).isEqualTo("#payments");
      assertThat(annotations.fieldNames()).as("no change was recorded").doesNotContain("suspected_change");

      JsonObject pd = received(receiver, "/pd");
      JsonObject details = pd.getJsonObject("payload").getJsonObject("custom_details");
      assertThat(details.getString("team")).isEqualTo("payments");
      assertThat(details.getString("primary")).isEqualTo("@kim");
      assertThat(details.getString("escalation")).isEqualTo("payments-oncall");
      assertThat(details.getString("runbook")).isEqualTo("https://wiki.example.com/runbooks/checkout");
      assertThat(pd.getJsonArray("links").stream().map(JsonObject.class::cast).map(l -> l.getString("text") + " "
          + l.getString("href"))).contains("Runbook https://wiki.example.com/runbooks/checkout");

      JsonObject og = received(receiver, "/og");
      assertThat(og.getJsonArray("responders")).isEqualTo(new JsonArray()
          .add(new JsonObject().put("type", "team").put("name", "payments"))
          .add(new JsonObject().put("type", "escalation").put("name", "payments-oncall")));
      assertThat(og.getJsonObject("details").getString("secondary")).isEqualTo("@lee");
      assertThat(og.getJsonObject("details").getString("chat")).isEqualTo("#payments");

      String slack = received(receiver, "/slack").encode();
      assertThat(slack).contains("team payments · primary @kim · secondary @lee · escalation payments-oncall"
          + " · chat #payments").contains("<https://wiki.example.com/runbooks/checkout|");

      // admins (the admin token) see the whole owner in the API and on the detail page, never cached
      String bearer = "Bearer " + ADMIN;
      var full = Http.get(base() + "/api/v1/status", "Authorization", bearer);
      assertThat(full.headers().firstValue("Cache-Control")).contains("private, no-store");
      JsonObject owner = new JsonObject(full.body()).getJsonArray("boundaries").getJsonObject(0)
          .getJsonObject("owner");
      assertThat(owner).isEqualTo(new JsonObject().put("team", "payments").put("primary", "@kim")
          .put("secondary", "@lee").put("escalation", "payments-oncall")
          .put("runbook", "https://wiki.example.com/runbooks/checkout").put("chat", "#payments"));
      var adminPage = Http.get(base() + "/boundaries/checkout", "Authorization", bearer);
      assertThat(adminPage.headers().firstValue("Cache-Control")).contains("private, no-store");
      assertThat(adminPage.body()).contains("payments").contains("@kim").contains("@lee").contains("payments-oncall")
          .contains("#payments").contains("href=\"https://wiki.example.com/runbooks/checkout\"");

      // public views (no token, or a wrong one) show the team only
      for (String[] headers : new String[][] {{}, {"Authorization", "Bearer not-the-token"}}) {
        assertThat(new JsonObject(Http.get(base() + "/api/v1/status", headers).body()).getJsonArray("boundaries")
            .getJsonObject(0).getJsonObject("owner")).isEqualTo(new JsonObject().put("team", "payments"));
        for (String path : new String[] {"/", "/boundaries/checkout"}) {
          assertThat(Http.get(base() + path, headers).body()).as(path).contains("payments")
              .doesNotContain("@kim").doesNotContain("@lee").doesNotContain("payments-oncall")
              .doesNotContain("#payments").doesNotContain("runbooks/checkout");
        }
      }
    } finally {
      receiver.stop();
    }
  }

  @Test
  void anIncidentThatFollowsAChangeNamesItInEveryNotification() throws Exception {
    WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    receiver.start();
    try {
      receiver.stubFor(post(urlPathMatching(".*")).willReturn(aResponse().withStatus(202).withBody("{}")));
      String r = receiver.baseUrl();
      start("""
          admin_token: ${ADMIN}
          notifiers:
            - {name: hook, type: webhook, url: "%1$s/hook"}
            - {name: chat, type: slack, webhook_url: "%1$s/slack"}
            - {name: pager, type: pagerduty, routing_key: k1, url: "%1$s/pd"}
            - {name: genie, type: opsgenie, api_key: k2, url: "%1$s/og"}
          """.formatted(r), """
          boundaries:
            - name: checkout
              alerts:
                - {kind: down, after_failures: 2, notify: [hook, chat, pager, genie]}
          probes:
            - {name: pay, boundary: checkout, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
          """.formatted(target.url()));
      var recorded = Http.post(base() + "/api/v1/events", """
          {"boundary": "checkout", "kind": "deploy", "version": "1.4.2", "link": "https://ci.example.com/runs/7"}""",
          "Authorization", "Bearer " + ADMIN, "Content-Type", "application/json");
      assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
      String at = new JsonObject(recorded.body()).getString("at");
      String when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
          .withZone(ZoneOffset.UTC).format(Instant.parse(at));
      String text = "deploy 1.4.2 at " + when;
      target.status(503);
      assertThat(Http.eventually(Duration.ofSeconds(20), () -> receiver.getAllServeEvents().size() >= 4)).isTrue();

      JsonObject annotations = received(receiver, "/hook").getJsonArray("alerts").getJsonObject(0)
          .getJsonObject("annotations");
      assertThat(annotations.getString("suspected_change")).isEqualTo(text);
      assertThat(annotations.getString("suspected_change_url")).isEqualTo("https://ci.example.com/runs/7");
      assertThat(received(receiver, "/slack").encode())
          .contains("*Suspected change*\\n<https://ci.example.com/runs/7|" + text + ">");
      JsonObject pd = received(receiver, "/pd");
      assertThat(pd.getJsonObject("payload").getJsonObject("custom_details").getString("suspected_change"))
          .isEqualTo(text);
      assertThat(pd.getJsonArray("links").stream().map(JsonObject.class::cast).map(l -> l.getString("text") + " "
          + l.getString("href"))).contains("Suspected change https://ci.example.com/runs/7");
      JsonObject og = received(receiver, "/og");
      assertThat(og.getJsonObject("details").getString("suspected_change")).isEqualTo(text);
      assertThat(og.getString("description")).contains("Suspected change: " + text + " (https://ci.example.com/runs/7)");
    } finally {
      receiver.stop();
    }
  }

  /**
   * The boundary's first incident (with the boundary's {@code postmortems_due} as {@code boundary_due}) as
   * {@code /api/v1/status} gives it from a snapshot made at or after {@code at}.
   */
  private JsonObject incidentAsOf(String name, Instant at) throws Exception {
    service.status().refresh(); // a snapshot now rather than at the service's next 5-second pass
    JsonObject[] seen = new JsonObject[1];
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> {
      try {
        JsonObject status = new JsonObject(Http.get(base() + "/api/v1/status").body());
        if (Instant.parse(status.getString("generated_at")).isBefore(at)) {
          return false;
        }
        JsonObject b = status.getJsonArray("boundaries").stream().map(JsonObject.class::cast)
            .filter(x -> x.getString("name").equals(name)).findFirst().orElseThrow();
        seen[0] = b.getJsonArray("incidents").isEmpty() ? null : b.getJsonArray("incidents").getJsonObject(0)
            .put("boundary_due", b.getJsonArray("postmortems_due"));
        return seen[0] != null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    })).as("a snapshot of %s with an incident, made at or after %s", name, at).isTrue();
    return seen[0];
  }

  @Test
  void aLongIncidentWithoutAPostmortemIsDueFortyEightHoursAfterItEndsUntilOneIsLinked() throws Exception {
    ShiftedClock clock = new ShiftedClock();
    target.status(503);
    start("admin_token: ${ADMIN}\n", """
        boundaries:
          - {name: checkout, public: true, postmortem_after: 10m}
        probes:
          - {name: pay, boundary: checkout, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
        """.formatted(target.url()), clock);
    JsonObject open = incidentAsOf("checkout", clock.instant());
    assertThat(open.getBoolean("open")).isTrue();
    clock.shift(Duration.ofMinutes(11)); // down for 11 minutes: longer than postmortem_after
    target.status(200);
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> {
      try {
        return !incidentAsOf("checkout", clock.instant()).getBoolean("open");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    })).isTrue();
    JsonObject ended = incidentAsOf("checkout", clock.instant());
    Instant end = Instant.parse(ended.getString("end"));
    assertThat(ended.getDouble("duration_seconds")).isGreaterThan(600);
    assertThat(ended.getBoolean("postmortem_due")).isFalse();

    // a minute short of 48 hours after the end: not due yet
    clock.shift(Duration.between(clock.instant(), end.plus(Duration.ofHours(48)).minusSeconds(60)));
    JsonObject early = incidentAsOf("checkout", clock.instant());
    assertThat(early.getBoolean("postmortem_due")).isFalse();
    assertThat(Http.get(base() + "/boundaries/checkout").body()).doesNotContain("postmortem due");

    clock.shift(Duration.ofMinutes(2));
    JsonObject due = incidentAsOf("checkout", clock.instant());
    assertThat(due.getBoolean("postmortem_due")).isTrue();
    assertThat(due.getJsonArray("boundary_due")).containsExactly(due.getString("id"));
    assertThat(Http.get(base() + "/boundaries/checkout").body()).contains("postmortem due");

    var linked = Http.post(base() + "/api/v1/incidents/" + due.getString("id") + "/postmortem",
        "{\"url\": \"https://wiki.example.com/pm/checkout\"}", "Authorization", "Bearer " + ADMIN,
        "Content-Type", "application/json");
    assertThat(linked.statusCode()).as(linked.body()).isBetween(200, 201);
    JsonObject done = incidentAsOf("checkout", clock.instant().plusMillis(1));
    assertThat(done.getBoolean("postmortem_due")).isFalse();
    assertThat(done.getString("postmortem")).isEqualTo("https://wiki.example.com/pm/checkout");
    assertThat(done.getJsonArray("boundary_due")).isEmpty();
  }

  /**
   * Persists rollups and re-reads stored history now instead of at the service's next minute (the test finishes
   * well before the service's own first history pass at 60 s, so the two never run at once).
   */
  private void rollupsNow() {
    service.accountant().persist();
    service.store().flush();
    service.status().refreshHistory();
  }

  @Test
  void aFailingCanaryIsShownBesideTheRestButNeverCountsForTheBoundary() throws Exception {
    WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    receiver.start();
    try (TestTarget canaryTarget = new TestTarget()) {
      receiver.stubFor(post(urlPathMatching(".*")).willReturn(aResponse().withStatus(202).withBody("{}")));
      canaryTarget.status(503);
      start("""
          notifiers:
            - {name: hook, type: webhook, url: "%s/hook"}
          """.formatted(receiver.baseUrl()), """
          boundaries:
            - name: checkout
              public: true
              slos:
                - {name: availability, sli: requests, target: 99%%, window: 30d}
                - {name: uptime, sli: time, target: 99%%, window: 30d}
                - {name: latency, sli: latency, threshold: 2s, target: 90%%, window: 30d}
              alerts:
                - {kind: down, after_failures: 1, notify: [hook]}
                - {kind: burn_rate, slo: availability, notify: [hook]}
          probes:
            - {name: pay, boundary: checkout, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
            - {name: pay-canary, boundary: checkout, role: canary, type: http, interval: 200ms, timeout: 190ms,
               http: {url: "%s"}}
          """.formatted(target.url(), canaryTarget.url()));
      assertThat(Http.eventually(Duration.ofSeconds(10),
          () -> canaryTarget.requests() >= 15 && target.requests() >= 15)).isTrue();
      assertThat(Http.eventually(Duration.ofSeconds(20), () -> {
        try {
          rollupsNow();
          service.status().refresh();
          JsonObject canary = boundary("checkout").getJsonArray("probes").getJsonObject(1);
          return canary.getJsonObject("availability").getJsonObject("1d").getLong("valid") > 0;
        } catch (Exception e) {
          return false;
        }
      })).as(() -> "accounted until %d, now %d; runs %d and %d%nworkers:%s".formatted(
          service.accountant().accountedUntil("checkout"), System.currentTimeMillis(), target.requests(),
          canaryTarget.requests(), Http.workerThreads())).isTrue();

      JsonObject b = boundary("checkout");
      assertThat(b.getString("state")).isEqualTo("up");
      assertThat(b.getJsonArray("incidents")).isEmpty();
      assertThat(b.getJsonArray("alerts")).isEmpty();
      JsonObject member = b.getJsonArray("probes").getJsonObject(0);
      JsonObject canary = b.getJsonArray("probes").getJsonObject(1);
      assertThat(member.getString("role")).isEqualTo("member");
      assertThat(member.containsKey("rest_availability")).isFalse();
      assertThat(canary.getString("name")).isEqualTo("pay-canary");
      assertThat(canary.getString("role")).isEqualTo("canary");
      assertThat(canary.getString("status")).isEqualTo("failing");
      assertThat(canary.getJsonObject("availability").getJsonObject("1d").getLong("good")).isZero();
      assertThat(canary.getJsonObject("rest_availability").getJsonObject("1d").getLong("valid")).isPositive();
      for (Object o : b.getJsonArray("slos")) {
        JsonObject slo = (JsonObject) o;
        assertThat(slo.getDouble("ratio")).as(slo.getString("name")).isEqualTo(1.0);
      }
      JsonObject requests30d = b.getJsonObject("availability").getJsonObject("30d").getJsonObject("requests");
      assertThat(requests30d.getLong("good")).isEqualTo(requests30d.getLong("valid"));
      assertThat(Http.metrics(service.port()).value("vigil_boundary_up", "boundary", "checkout")).isEqualTo(1.0);
      assertThat(Http.metrics(service.port()).value("probe_success", "probe", "pay-canary")).isZero();
      String page = Http.get(base() + "/boundaries/checkout").body();
      assertThat(page).contains("tag role\">canary").contains("rest 100%");
      assertThat(receiver.getAllServeEvents()).as("nothing paged for the canary").isEmpty();
    } finally {
      receiver.stop();
    }
  }

  @Test
  void latencyBandsShowAsMetricInTheApiOnThePageAndInTheReport() throws Exception {
    // a loopback target answers in well under 1 s: every good run is fast; the failing probe's runs are slow
    try (TestTarget failing = new TestTarget()) {
      failing.status(500);
      start("", """
          boundaries:
            - {name: shop, public: true, down_when: all, latency_bands: {fast: 1s, slow: 2s}}
          probes:
            - {name: home, boundary: shop, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
            - {name: broken, boundary: shop, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
          """.formatted(target.url(), failing.url()));
      assertThat(Http.eventually(Duration.ofSeconds(20), () -> Http.metrics(service.port())
          .has("vigil_boundary_latency_band_ratio", "band", "fast", "window", "1h"))).isTrue();
      var e = Http.metrics(service.port());
      double fast = e.value("vigil_boundary_latency_band_ratio", "boundary", "shop", "band", "fast", "window", "1h");
      double acceptable = e.value("vigil_boundary_latency_band_ratio", "boundary", "shop", "band", "acceptable",
          "window", "1h");
      double slow = e.value("vigil_boundary_latency_band_ratio", "boundary", "shop", "band", "slow", "window", "1h");
      assertThat(acceptable).isZero();
      assertThat(fast).isBetween(0.3, 0.7); // one probe's runs fast, the other's failed
      assertThat(fast + slow).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));

      JsonObject b = boundary("shop");
      assertThat(b.getJsonObject("latency_bands")).isEqualTo(new JsonObject().put("fast_ms", 1000.0)
          .put("slow_ms", 2000.0));
      JsonObject hour = b.getJsonObject("availability").getJsonObject("1h");
      JsonObject bands = hour.getJsonObject("latency_bands");
      long valid = hour.getJsonObject("requests").getLong("valid");
      assertThat(bands.getJsonObject("fast").getLong("runs") + bands.getJsonObject("acceptable").getLong("runs")
          + bands.getJsonObject("slow").getLong("runs")).isEqualTo(valid);
      assertThat(bands.getJsonObject("fast").getLong("runs")).isEqualTo(hour.getJsonObject("requests").getLong("good"));
      assertThat(Http.get(base() + "/boundaries/shop").body()).contains("Fast / acceptable / slow")
          .contains("&lt; 1s · 1s–2s · &gt; 2s or failed");
    }
    service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    VigilConfig config = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of("ADMIN", ADMIN));
    service = null;
    try (SqliteHistoryReader history = SqliteHistoryReader.open(dir.resolve("data/vigil.db"))) {
      // a report reads whole hours only: made as if an hour later, it includes the hour these runs are in
      Instant now = Instant.now();
      MonthReport report = new ReportBuilder(history).build(config, YearMonth.from(now.atZone(ZoneOffset.UTC)),
          now.plus(Duration.ofHours(1)));
      LatencyBands bands = report.boundaries().get(0).bands();
      assertThat(bands.valid()).isPositive();
      assertThat(bands.acceptable()).isZero();
      assertThat(bands.fast()).isEqualTo(report.boundaries().get(0).requests().good());
      assertThat(ReportFormat.CSV.render(report).lines().findFirst().orElseThrow())
          .contains(",band_fast_percent,band_acceptable_percent,band_slow_percent,");
      assertThat(ReportFormat.MARKDOWN.render(report))
          .contains("Latency bands (fast < 1s ≤ acceptable ≤ 2s < slow or failed)");
    }
  }

  @Test
  void probeLabelsShowInTheApiAndOnTheDetailPage() throws Exception {
    start("", """
        boundaries:
          - {name: shop, public: true}
        probes:
          - name: home
            boundary: shop
            type: http
            interval: 250ms
            timeout: 240ms
            labels: {tier: gold, region: "eu <west>"}
            http: {url: "%s"}
        """.formatted(target.url()));
    // labels are configuration: the first snapshot, made at start, already carries them
    JsonObject probe = boundary("shop").getJsonArray("probes").getJsonObject(0);
    assertThat(probe.getJsonObject("labels").getMap()).containsExactly(Map.entry("tier", "gold"),
        Map.entry("region", "eu <west>"));
    String page = Http.get(base() + "/boundaries/shop").body();
    assertThat(page).contains("tier=gold").contains("region=eu &lt;west&gt;");
  }
}
