package io.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.PhaseTimings;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.probe.TlsFacts;
import io.vigil.testing.Exposition;
import io.vigil.testing.Promtool;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeMetricsTest {
  private static final ProbeConfig WEB = TestConfigs.http("web", "shop", "https://shop.test/", Duration.ofSeconds(10),
      Duration.ofSeconds(5));
  private static final ProbeConfig API = TestConfigs.http("api", "shop", "http://shop.test/api", Duration.ofSeconds(10),
      Duration.ofSeconds(5));
  private static final BoundaryConfig SHOP = TestConfigs.boundary("shop", List.of(new SloConfig("fast",
      new SloConfig.Sli.Latency(Duration.ofMillis(800)), new BigDecimal("0.9"),
      SloConfig.SloWindow.rolling(Duration.ofDays(30)), ZoneOffset.UTC)));

  private PrometheusMeterRegistry registry;
  private ProbeMetrics metrics;

  @BeforeEach
  void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics = new ProbeMetrics("eu-west-1");
    registry.getPrometheusRegistry().register(metrics);
  }

  private static ProbeResult result(String probe, Outcome outcome, Reason reason, long millis, int status,
      TlsFacts tls) {
    PhaseTimings phases = PhaseTimings.NONE.with(Phase.RESOLVE, 1_000_000).with(Phase.CONNECT, 2_000_000)
        .with(Phase.PROCESSING, (millis - 3) * 1_000_000);
    return new ProbeResult(probe, 0, millis * 1_000_000, outcome, reason, reason == null ? "" : "x", phases,
        List.of(), status, 0, "127.0.0.1:443", tls, null);
  }

  private String scrape() {
    return registry.scrape();
  }

  @Test
  void exposesLastRunGaugesCountersAndHistogramsPerProbe() throws Exception {
    metrics.configure(TestConfigs.config(List.of(SHOP), List.of(WEB, API), VigilConfig.HistogramsPer.PROBE));
    TlsFacts tls = new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", Instant.ofEpochSecond(1_900_000_000L),
        "CN=shop.test", "CN=ca", true, "", List.of("shop.test"));
    metrics.accept(WEB, result("web", Outcome.GOOD, null, 120, 200, tls));
    metrics.accept(WEB, result("web", Outcome.BAD, Reason.STATUS, 800, 503, tls));
    metrics.accept(API, result("api", Outcome.INVALID, Reason.PROBER_NETWORK, 5, 0, null));
    metrics.skipped(API, 2);

    Exposition e = new Exposition(scrape());
    String[] web = {"probe", "web", "boundary", "shop", "type", "http", "location", "eu-west-1"};
    assertThat(e.value("probe_success", web)).isEqualTo(0.0);
    assertThat(e.value("probe_duration_seconds", web)).isEqualTo(0.8);
    assertThat(e.value("probe_http_status_code", web)).isEqualTo(503.0);
    assertThat(e.value("probe_http_duration_seconds", with(web, "phase", "processing"))).isEqualTo(0.797);
    assertThat(e.value("probe_http_duration_seconds", with(web, "phase", "tls"))).isEqualTo(0.0);
    assertThat(e.value("probe_ssl_earliest_cert_expiry", web)).isEqualTo(1.9e9);
    assertThat(e.value("probe_dns_lookup_time_seconds", web)).isEqualTo(0.001);
    assertThat(e.value("vigil_probe_runs_total", with(web, "outcome", "good"))).isEqualTo(1.0);
    assertThat(e.value("vigil_probe_runs_total", with(web, "outcome", "bad"))).isEqualTo(1.0);
    assertThat(e.value("vigil_probe_runs_total", with(web, "outcome", "invalid"))).isEqualTo(0.0);
    assertThat(e.value("vigil_probe_failures_total", with(web, "reason", "status"))).isEqualTo(1.0);
    assertThat(e.value("vigil_probe_failures_total", "probe", "api", "reason", "prober_network")).isEqualTo(1.0);
    assertThat(e.value("vigil_probe_skipped_runs_total", "probe", "api")).isEqualTo(2.0);
    assertThat(e.has("probe_ssl_earliest_cert_expiry", "probe", "api")).isFalse();
    // valid runs only (120 ms and 800 ms); the SLO threshold 0.8 is a bucket bound and le is inclusive
    assertThat(e.value("vigil_probe_duration_seconds_bucket", with(web, "le", "0.1"))).isEqualTo(0);
    assertThat(e.value("vigil_probe_duration_seconds_bucket", with(web, "le", "0.25"))).isEqualTo(1);
    assertThat(e.value("vigil_probe_duration_seconds_bucket", with(web, "le", "0.8"))).isEqualTo(2);
    assertThat(e.value("vigil_probe_duration_seconds_bucket", with(web, "le", "+Inf"))).isEqualTo(2);
    assertThat(e.value("vigil_probe_duration_seconds_sum", web)).isCloseTo(0.92, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.value("vigil_probe_duration_seconds_count", "probe", "api")).isEqualTo(0);
    assertThat(e.value("vigil_probe_phase_duration_seconds_count", with(web, "phase", "connect"))).isEqualTo(2);
    assertThat(e.value("vigil_probe_phase_duration_seconds_count", with(web, "phase", "tls"))).isEqualTo(0);
  }

  @Test
  void countsRunsMeasuredAcrossAStallOnlyForProbesThatHadOne() {
    metrics.configure(TestConfigs.config(List.of(SHOP), List.of(WEB, API), VigilConfig.HistogramsPer.PROBE));
    ProbeResult plain = result("web", Outcome.GOOD, null, 120, 200, null);
    metrics.accept(WEB, plain);
    metrics.accept(WEB, new ProbeResult("web", 0, plain.durationNanos(), Outcome.GOOD, null, "", plain.phases(),
        List.of(), 200, 0, "127.0.0.1:443", null, null, true));
    metrics.accept(API, result("api", Outcome.GOOD, null, 5, 200, null));

    Exposition e = new Exposition(scrape());
    assertThat(e.value("vigil_probe_stalled_runs_total", "probe", "web")).isEqualTo(1.0);
    assertThat(e.has("vigil_probe_stalled_runs_total", "probe", "api")).isFalse();
  }

  private static String[] with(String[] labels, String key, String value) {
    String[] out = Arrays.copyOf(labels, labels.length + 2);
    out[labels.length] = key;
    out[labels.length + 1] = value;
    return out;
  }

  @Test
  void histogramsPerBoundaryDropTheProbeLabel() {
    metrics.configure(TestConfigs.config(List.of(SHOP), List.of(WEB, API), VigilConfig.HistogramsPer.BOUNDARY));
    metrics.accept(WEB, result("web", Outcome.GOOD, null, 120, 200, null));
    metrics.accept(API, result("api", Outcome.GOOD, null, 30, 200, null));
    Exposition e = new Exposition(scrape());
    assertThat(e.find("vigil_probe_duration_seconds_count")).singleElement()
        .satisfies(s -> assertThat(s.labels()).doesNotContainKey("probe").containsEntry("boundary", "shop"))
        .satisfies(s -> assertThat(s.value()).isEqualTo(2));
    assertThat(e.value("probe_success", "probe", "api")).isEqualTo(1.0);
  }

  @Test
  void unchangedProbesKeepTheirCountersAcrossReconfiguration() {
    VigilConfig config = TestConfigs.config(List.of(SHOP), List.of(WEB, API), VigilConfig.HistogramsPer.PROBE);
    metrics.configure(config);
    metrics.accept(WEB, result("web", Outcome.GOOD, null, 10, 200, null));
    metrics.configure(TestConfigs.config(List.of(SHOP), List.of(WEB), VigilConfig.HistogramsPer.PROBE));
    Exposition e = new Exposition(scrape());
    assertThat(e.value("vigil_probe_runs_total", "probe", "web", "outcome", "good")).isEqualTo(1.0);
    assertThat(e.has("probe_success", "probe", "api")).isFalse();
  }

  @Test
  void promtoolFindsNothingToComplainAbout() throws Exception {
    assumeTrue(Promtool.available(), "promtool is installed by .ci/run");
    metrics.configure(TestConfigs.config(List.of(SHOP), List.of(WEB, API), VigilConfig.HistogramsPer.PROBE));
    metrics.accept(WEB, result("web", Outcome.GOOD, null, 120, 200, null));
    metrics.accept(API, result("api", Outcome.BAD, Reason.TIMEOUT, 5000, 0, null));
    assertThat(Promtool.checkMetrics(scrape())).isEmpty();
  }
}
