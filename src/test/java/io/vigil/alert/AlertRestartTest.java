package io.vigil.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.json.JsonObject;
import io.vigil.service.ServiceParts;
import io.vigil.service.VigilService;
import io.vigil.testing.ChildJvm;
import io.vigil.testing.Exposition;
import io.vigil.testing.Http;
import io.vigil.testing.Promtool;
import io.vigil.testing.TestTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
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
 * The whole service with a down alert on a failing target, killed with SIGKILL while its firing notification
 * is still undelivered (the receiver answers 500): after a restart the notification is delivered exactly once,
 * the incident is not announced again, and recovery sends exactly one resolved message.
 */
class AlertRestartTest {
  @TempDir
  Path dir;

  private TestTarget target;
  private WireMockServer hook;
  private VigilService service;

  @BeforeEach
  void setUp() throws Exception {
    target = new TestTarget();
    target.status(503);
    hook = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    hook.start();
    hook.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        location: lab
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        notifiers:
          - {name: hook, type: webhook, url: "%s/hook"}
        """.formatted(hook.baseUrl()));
    Files.createDirectories(dir.resolve("probes"));
    Files.writeString(dir.resolve("probes/shop.yaml"), """
        boundaries:
          - name: shop
            public: true
            alerts:
              - {kind: down, after_failures: 2, after_successes: 2, notify: [hook]}
        probes:
          - name: home
            boundary: shop
            type: http
            interval: 200ms
            timeout: 190ms
            http: {url: "%s"}
        """.formatted(target.url()));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    hook.stop();
    target.close();
  }

  /** What the receiver accepted (2xx), oldest first, as "status incident". */
  private List<String> accepted() {
    List<ServeEvent> events = new ArrayList<>(hook.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    List<String> out = new ArrayList<>();
    for (ServeEvent e : events) {
      if (e.getResponse().getStatus() / 100 == 2) {
        JsonObject body = new JsonObject(e.getRequest().getBodyAsString());
        out.add(body.getString("status") + " " + body.getJsonObject("commonAnnotations").getString("incident"));
      }
    }
    return out;
  }

  private List<String> outbox() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/vigil.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, state FROM outbox ORDER BY seq")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " state=" + rs.getInt(2));
      }
    }
    return rows;
  }

  @Test
  void notificationPendingAtAKillIsDeliveredOnceAfterRestartAndRecoveryResolvesOnce() throws Exception {
    killWhileTheFiringMessageIsPending();
    List<String> pending = outbox();
    assertThat(pending).as("one firing message, stored and not delivered").singleElement()
        .satisfies(row -> assertThat(row).matches("shop:down:page:\\d+/firing/hook state=0"));
    String incident = pending.get(0).substring(0, pending.get(0).indexOf('/'));
    hook.resetAll();
    hook.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));

    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of(), null,
        Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(Http.eventually(Duration.ofSeconds(20), () -> !accepted().isEmpty())).isTrue();
    Thread.sleep(6_000); // more than one status refresh and many probe runs while still down
    assertThat(accepted()).containsExactly("firing " + incident);
    assertThat(ServiceParts.alerts(service).firing()).extracting(FiringAlert::incident).containsExactly(incident);
    Exposition firing = Http.metrics(service.port());
    assertThat(firing.value("vigil_alerts_firing", "boundary", "shop", "alert", "down", "severity", "page"))
        .isEqualTo(1);

    target.status(200);

    assertThat(Http.eventually(Duration.ofSeconds(20), () -> accepted().size() == 2)).isTrue();
    Thread.sleep(1_500);
    assertThat(accepted()).containsExactly("firing " + incident, "resolved " + incident);
    assertThat(ServiceParts.alerts(service).firing()).isEmpty();
    assertThat(outbox()).containsExactly(incident + "/firing/hook state=1", incident + "/resolved/hook state=1");
    Exposition after = Http.metrics(service.port());
    assertThat(after.value("vigil_alerts_firing", "boundary", "shop", "alert", "down", "severity", "page"))
        .isZero();
    assertThat(after.value("vigil_notifications_total", "notifier", "hook", "result", "delivered")).isEqualTo(2);
    assertThat(after.value("vigil_notification_queue_depth")).isZero();
    if (Promtool.available()) {
      assertThat(Promtool.checkMetrics(Http.get("http://127.0.0.1:" + service.port() + "/metrics").body()))
          .isEmpty();
    }
  }

  private void killWhileTheFiringMessageIsPending() throws Exception {
    Path err = dir.resolve("child.err");
    Process child = ChildJvm.of("256m", AlertCrashChild.class.getName(), dir.resolve("vigil.yaml").toString())
        .redirectError(err.toFile())
        .start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as("the child's stderr: %s", Files.readString(err)).isEqualTo("started");
      assertThat(Http.eventually(Duration.ofSeconds(30), () -> hook.getAllServeEvents().size() >= 2))
          .as("attempts reach the failing receiver; the child's stderr: %s", Files.readString(err)).isTrue();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
  }
}
