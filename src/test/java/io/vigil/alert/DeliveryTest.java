package io.vigil.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.vigil.alert.AlertFixtures.AVAILABILITY;
import static io.vigil.alert.AlertFixtures.CALM;
import static io.vigil.alert.AlertFixtures.VECTOR_4;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.boundary.BoundaryTracker;
import io.vigil.boundary.Maintenance;
import io.vigil.config.AlertConfig;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.NotifierConfig;
import io.vigil.config.Redactor;
import io.vigil.config.Secret;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.store.SqliteStore;
import io.vigil.testing.Http;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert notifications through the outbox to receivers on loopback that fail in every way and then recover:
 * each receiver ends up with exactly one firing and one resolved message, in that order; nothing is sent
 * before it is committed; undeliverable messages expire; the metrics count it all.
 */
class DeliveryTest {
  private static final DeliveryTuning FAST = new DeliveryTuning(Duration.ofMillis(50), Duration.ofMillis(400),
      Duration.ofMillis(500), Duration.ofMillis(100), 50);
  private static final String PD_KEY = "pd-routing-key-123";

  @TempDir
  Path dir;

  private final List<WireMockServer> servers = new ArrayList<>();
  private Vertx vertx;
  private SqliteStore store;
  private AlertService alerts;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    store = SqliteStore.open(dir.resolve("vigil.db"), StorageConfig.Retention.DEFAULT, Clock.systemUTC());
    alerts = new AlertService(vertx, Clock.systemUTC(), store, new BoundaryTracker(Clock.systemUTC(), store), FAST,
        Math::random);
  }

  @AfterEach
  void tearDown() throws Exception {
    alerts.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    store.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    servers.forEach(WireMockServer::stop);
  }

  private WireMockServer receiver(int port) {
    WireMockServer server = new WireMockServer((port == 0 ? options().dynamicPort() : options().port(port))
        .bindAddress("127.0.0.1"));
    server.start();
    servers.add(server);
    return server;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static VigilConfig config(Duration expiry, List<NotifierConfig> notifiers) {
    AlertConfig rule = new AlertConfig("burn", AlertConfig.Kind.BURN_RATE, "availability",
        notifiers.stream().map(NotifierConfig::name).toList(), 3, 2, Duration.ZERO, null, true);
    BoundaryConfig b = new BoundaryConfig("shop", "Shop", "", true, DownWhen.ANY, 1, 1, List.of(AVAILABILITY),
        List.of(rule), List.of(), "test:1");
    return new VigilConfig(Path.of("test.yaml"), "127.0.0.1:0", "lab", "", "Status",
        new StorageConfig(null, Secret.EMPTY, StorageConfig.Retention.DEFAULT), List.of(), List.of(), Secret.EMPTY,
        notifiers, expiry, VigilConfig.HistogramsPer.PROBE, false, List.of(b), List.of(),
        new Redactor(List.of(PD_KEY)));
  }

  private static NotifierConfig webhook(String name, String url) {
    return new NotifierConfig(name, NotifierConfig.Type.WEBHOOK, Secret.of(url), Secret.EMPTY, Map.of());
  }

  private static NotifierConfig pagerDuty(String name, String url) {
    return new NotifierConfig(name, NotifierConfig.Type.PAGERDUTY, Secret.of(url), Secret.of(PD_KEY), Map.of());
  }

  private void fireThenResolve(VigilConfig config) {
    alerts.evaluate(AlertFixtures.snapshot(config, VECTOR_4, Instant.now()));
    alerts.evaluate(AlertFixtures.snapshot(config, CALM, Instant.now()));
  }

  /** What a receiver accepted (a 2xx answer), oldest first, as "firing"/"resolved" or PagerDuty's actions. */
  private static List<String> accepted(WireMockServer server) {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    List<String> out = new ArrayList<>();
    for (ServeEvent e : events) {
      if (e.getResponse().getStatus() / 100 == 2) {
        JsonObject body = new JsonObject(e.getRequest().getBodyAsString());
        out.add(body.containsKey("event_action") ? body.getString("event_action") : body.getString("status"));
      }
    }
    return out;
  }

  private static List<String> statuses(WireMockServer server) {
    return server.getAllServeEvents().stream().map(e -> e.getResponse().getStatus() + " at "
        + e.getRequest().getLoggedDate().toInstant()).toList();
  }

  private double metric(String name, String... labels) {
    for (MetricSnapshot s : alerts.metrics().collect()) {
      if (!s.getMetadata().getPrometheusName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot p : s.getDataPoints()) {
        boolean all = true;
        for (int i = 0; i + 1 < labels.length; i += 2) {
          all &= labels[i + 1].equals(p.getLabels().get(labels[i]));
        }
        if (all) {
          return p instanceof CounterDataPointSnapshot c ? c.getValue() : ((GaugeDataPointSnapshot) p).getValue();
        }
      }
    }
    return Double.NaN;
  }

  @Test
  void failingReceiversThatRecoverGetExactlyOneFiringAndOneResolvedInOrder() throws Exception {
    WireMockServer hook = receiver(0);
    hook.stubFor(post(urlPathEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(500).withBody("boom")).willSetStateTo("again"));
    hook.stubFor(post(urlPathEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("again")
        .willReturn(aResponse().withStatus(502)).willSetStateTo("slow"));
    hook.stubFor(post(urlPathEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("slow")
        .willReturn(aResponse().withStatus(503).withFixedDelay(1_500)).willSetStateTo("up"));
    hook.stubFor(post(urlPathEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200)));
    int refusedPort = freePort();
    VigilConfig config = config(Duration.ofHours(24), List.of(webhook("hook", hook.baseUrl() + "/hook"),
        pagerDuty("oncall", "http://127.0.0.1:" + refusedPort + "/v2/enqueue")));
    alerts.configure(config, Maintenance.NONE);
    alerts.start();

    fireThenResolve(config);

    assertThat(Http.eventually(Duration.ofSeconds(10), () -> metric("vigil_notifications", "notifier", "oncall",
        "result", "failed") >= 2)).as("connection refused counts as a failed attempt").isTrue();
    WireMockServer pagerDuty = receiver(refusedPort);
    pagerDuty.stubFor(post(urlPathEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)));
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> accepted(hook).size() == 2
        && accepted(pagerDuty).size() == 2)).isTrue();
    Thread.sleep(1_000); // ten delivery passes: nothing more may arrive

    assertThat(accepted(hook)).containsExactly("firing", "resolved");
    assertThat(accepted(pagerDuty)).containsExactly("trigger", "resolve");
    double hookFailures = metric("vigil_notifications", "notifier", "hook", "result", "failed");
    assertThat(hookFailures).as("500, 502 and 503 after the timeout (more if the loaded machine is slow)")
        .isGreaterThanOrEqualTo(3);
    assertThat(hook.getAllServeEvents()).as("every attempt reached the receiver once: %s", statuses(hook))
        .hasSize((int) hookFailures + 2);
    assertThat(metric("vigil_notifications", "notifier", "hook", "result", "delivered")).isEqualTo(2);
    assertThat(metric("vigil_notifications", "notifier", "oncall", "result", "delivered")).isEqualTo(2);
    assertThat(metric("vigil_notifications", "notifier", "oncall", "result", "expired")).isZero();
    assertThat(Http.eventually(Duration.ofSeconds(5), () -> metric("vigil_notification_queue_depth") == 0))
        .isTrue();
  }

  @Test
  void nothingIsSentBeforeItIsCommitted() throws Exception {
    WireMockServer hook = receiver(0);
    hook.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    VigilConfig config = config(Duration.ofHours(24), List.of(webhook("hook", hook.baseUrl() + "/hook")));
    alerts.configure(config, Maintenance.NONE);
    alerts.start();

    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vigil.db"));
        Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO boundaries(id, name) VALUES(999, 'held')");
      alerts.evaluate(AlertFixtures.snapshot(config, VECTOR_4, Instant.now()));
      assertThat(alerts.firing()).hasSize(1);
      Thread.sleep(1_500);
      assertThat(hook.getAllServeEvents()).as("the outbox entry is not committed yet").isEmpty();
      s.execute("ROLLBACK");
    }

    assertThat(Http.eventually(Duration.ofSeconds(20), () -> accepted(hook).size() == 1)).isTrue();
    Thread.sleep(500);
    assertThat(accepted(hook)).containsExactly("firing");
  }

  @Test
  void aMessageNoReceiverAcceptsExpiresAndTheNextOneStillGoesOut() throws Exception {
    WireMockServer hook = receiver(0);
    hook.stubFor(post(urlPathEqualTo("/hook")).inScenario("down").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(500)));
    VigilConfig config = config(Duration.ofMillis(1_500), List.of(webhook("hook", hook.baseUrl() + "/hook")));
    alerts.configure(config, Maintenance.NONE);
    alerts.start();
    alerts.evaluate(AlertFixtures.snapshot(config, VECTOR_4, Instant.now()));

    assertThat(Http.eventually(Duration.ofSeconds(10), () -> metric("vigil_notifications", "notifier", "hook",
        "result", "expired") == 1)).isTrue();
    hook.stubFor(post(urlPathEqualTo("/hook")).inScenario("down").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(200)));
    alerts.evaluate(AlertFixtures.snapshot(config, CALM, Instant.now()));

    assertThat(Http.eventually(Duration.ofSeconds(10), () -> accepted(hook).size() == 1)).isTrue();
    assertThat(accepted(hook)).containsExactly("resolved");
    assertThat(metric("vigil_notifications", "notifier", "hook", "result", "failed")).isGreaterThanOrEqualTo(2);
    assertThat(Http.eventually(Duration.ofSeconds(5), () -> metric("vigil_notification_queue_depth") == 0))
        .isTrue();
  }

  @Test
  void firingAlertsAreListedAndCountedPerSeverity() {
    VigilConfig config = config(Duration.ofHours(24), List.of());
    alerts.configure(config, Maintenance.NONE);

    alerts.evaluate(AlertFixtures.snapshot(config, VECTOR_4, Instant.now()));

    assertThat(alerts.firing()).singleElement().satisfies(a -> {
      assertThat(a.boundary()).isEqualTo("shop");
      assertThat(a.alert()).isEqualTo("burn");
      assertThat(a.severity()).isEqualTo("page");
      assertThat(a.slo()).isEqualTo("availability");
      assertThat(a.summary()).isEqualTo("Shop: SLO availability is burning its error budget fast");
    });
    assertThat(metric("vigil_alerts_firing", "boundary", "shop", "alert", "burn", "severity", "page"))
        .isEqualTo(1);
    assertThat(metric("vigil_alerts_firing", "boundary", "shop", "alert", "burn", "severity", "ticket"))
        .isEqualTo(0);
  }
}
