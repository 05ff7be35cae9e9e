package io.vigil.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.boundary.BoundaryState;
import io.vigil.config.ConfigException;
import io.vigil.store.StoreException;
import io.vigil.testing.Exposition;
import io.vigil.testing.Http;
import io.vigil.testing.Promtool;
import io.vigil.testing.TestTarget;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole service on loopback: probes, state, metrics, health, admin reload. */
class VigilServiceTest {
  private static final String TOKEN = "s3cret-admin-token";
  @TempDir Path dir;
  private TestTarget target;
  private VigilService service;

  @BeforeEach
  void setUp() throws Exception {
    target = new TestTarget();
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        location: test-lab
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        admin_token: ${ADMIN}
        """);
    Files.createDirectories(dir.resolve("probes"));
    writeProbes("");
  }

  private void writeProbes(String extra) throws Exception {
    Files.writeString(dir.resolve("probes/shop.yaml"), """
        boundaries:
          - name: shop
            public: true
            slos:
              - {name: availability, sli: requests, target: 99%%, window: 30d}
              - {name: uptime, sli: time, target: 99%%, window: month}
        probes:
          - name: home
            boundary: shop
            type: http
            interval: 250ms
            timeout: 240ms
            http: {url: "%s"}
        """.formatted(target.url()) + extra);
  }

  private VigilService start() throws Exception {
    return VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of("ADMIN", TOKEN), null,
        Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    target.close();
  }

  private String base() {
    return "http://127.0.0.1:" + service.port();
  }

  @Test
  void probesOnScheduleAndExportsProbeBoundaryAndSloMetrics() throws Exception {
    service = start();
    assertThat(Http.eventually(Duration.ofSeconds(10), () ->
        Http.metrics(service.port()).value("probe_success", "probe", "home") == 1.0)).isTrue();
    assertThat(Http.eventually(Duration.ofSeconds(15), () ->
        Http.metrics(service.port()).value("vigil_boundary_up", "boundary", "shop") == 1.0)).isTrue();
    Exposition e = Http.metrics(service.port());
    assertThat(e.value("vigil_probe_runs_total", "probe", "home", "outcome", "good", "location", "test-lab"))
        .isGreaterThanOrEqualTo(3);
    assertThat(e.value("vigil_slo_target_ratio", "boundary", "shop", "slo", "availability")).isEqualTo(0.99);
    // a cold JVM may time out a first run or two; the ratio is good / valid all the same
    double good = e.value("vigil_slo_events_total", "boundary", "shop", "slo", "availability", "class", "good");
    double valid = e.value("vigil_slo_events_total", "boundary", "shop", "slo", "availability", "class", "valid");
    assertThat(valid).isGreaterThan(0);
    assertThat(e.value("vigil_boundary_availability_ratio", "boundary", "shop", "sli", "requests", "window", "1h"))
        .isCloseTo(good / valid, org.assertj.core.data.Offset.offset(0.2)).isGreaterThan(0.5);
    assertThat(e.has("vigil_scheduler_lag_seconds_bucket")).isTrue();
    assertThat(e.value("vigil_event_loop_delay_seconds_count")).isGreaterThan(0);
    Exposition only = new Exposition(Http.get(base() + "/metrics?name%5B%5D=vigil_probe_runs_total"
        + "&name%5B%5D=vigil_scheduler_lag_seconds_bucket").body());
    assertThat(only.find("vigil_probe_runs_total")).hasSize(3);
    assertThat(only.has("vigil_scheduler_lag_seconds_bucket")).isTrue();
    assertThat(only.has("probe_success")).isFalse();
    assertThat(e.has("vigil_store_results_written_total")).isTrue();

    target.status(503);
    assertThat(Http.eventually(Duration.ofSeconds(5), () ->
        service.tracker().view("shop").state() == BoundaryState.DOWN)).isTrue();
    assertThat(service.tracker().view("shop").openIncident()).isNotNull();
    assertThat(Http.eventually(Duration.ofSeconds(15), () ->
        Http.metrics(service.port()).value("vigil_boundary_up", "boundary", "shop") == 0.0)).isTrue();
    target.status(200);
    assertThat(Http.eventually(Duration.ofSeconds(5), () ->
        service.tracker().view("shop").state() == BoundaryState.UP)).isTrue();
    assertThat(service.tracker().incidents("shop")).first() // newest first
        .satisfies(i -> assertThat(i.open()).isFalse())
        .satisfies(i -> assertThat(i.probes()).containsExactly("home"))
        .satisfies(i -> assertThat(i.firstReason()).isEqualTo("status"));
  }

  @Test
  void promtoolFindsNothingWrongWithTheWholeExposition() throws Exception {
    assumeTrue(Promtool.available(), "promtool is installed by .ci/run");
    service = start();
    assertThat(Http.eventually(Duration.ofSeconds(15), () ->
        Http.metrics(service.port()).has("vigil_slo_burn_rate", "window", "5m"))).isTrue();
    String text = Http.get(base() + "/metrics").body();
    assertThat(Promtool.checkMetrics(text)).isEmpty();
    HttpResponse<String> open = Http.get(base() + "/metrics", "Accept", "application/openmetrics-text");
    assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
        assertThat(t).startsWith("application/openmetrics-text"));
    assertThat(open.body()).endsWith("# EOF\n");
  }

  @Test
  void healthAndReadiness() throws Exception {
    service = start();
    assertThat(Http.get(base() + "/-/healthy").statusCode()).isEqualTo(200);
    assertThat(Http.get(base() + "/-/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void reloadNeedsTheTokenAppliesValidConfigAndRefusesInvalidOne() throws Exception {
    service = start();
    assertThat(Http.post(base() + "/-/reload", "").statusCode()).isEqualTo(401);
    assertThat(Http.post(base() + "/-/reload", "", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);

    writeProbes("""
          - name: api
            boundary: shop
            type: http
            interval: 200ms
            timeout: 150ms
            http: {url: "%sapi"}
        """.formatted(target.url()));
    HttpResponse<String> ok = Http.post(base() + "/-/reload", "", "Authorization", "Bearer " + TOKEN);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Http.eventually(Duration.ofSeconds(10), () ->
        Http.metrics(service.port()).has("probe_success", "probe", "api"))).isTrue();

    Files.writeString(dir.resolve("probes/shop.yaml"), "boundaries:\n  - name: shop\n    colour: red\n");
    HttpResponse<String> refused = Http.post(base() + "/-/reload", "", "Authorization", "Bearer " + TOKEN);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("shop.yaml:3:5: ").contains("colour");
    assertThat(Http.metrics(service.port()).has("probe_success", "probe", "api")).isTrue(); // the running one stays
    int before = target.requests();
    Thread.sleep(600);
    assertThat(target.requests()).isGreaterThan(before);
  }

  @Test
  void adminEndpointsAreDisabledWithoutAToken() throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), Files.readString(dir.resolve("vigil.yaml"))
        .replace("admin_token: ${ADMIN}", "admin_token: \"\""));
    service = start();
    assertThat(Http.post(base() + "/-/reload", "", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void anInvalidConfigurationStartsNothing() throws Exception {
    Files.writeString(dir.resolve("probes/shop.yaml"), "probes:\n  - name: x\n    boundary: nowhere\n");
    try {
      start();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ConfigException.class);
      assertThat(((ConfigException) e.getCause()).errors()).isNotEmpty();
      return;
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(ConfigException.class);
      return;
    }
    throw new AssertionError("an invalid configuration must not start");
  }

  @Test
  void aPortInUseFailsStartWithTheCauseAndReleasesTheHistoryFile() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Files.writeString(dir.resolve("vigil.yaml"), Files.readString(dir.resolve("vigil.yaml"))
          .replace("listen: 127.0.0.1:0", "listen: 127.0.0.1:" + taken.getLocalPort()));
      // a failure after the store opened must reach the caller, not be lost with the closed event loops
      assertThatThrownBy(this::start).isInstanceOf(ExecutionException.class)
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
    service = start(); // the history file was closed: the same port, now free, starts cleanly
    assertThat(Http.get(base() + "/-/healthy").statusCode()).isEqualTo(200);
  }

  @Test
  void aHistoryFileThatIsNotVigilsFailsStartWithTheReason() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/vigil.db"), "not a database, only a line of text long enough for a header");
    assertThatThrownBy(this::start).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(StoreException.class).hasMessageContaining("vigil.db");
  }
}
