package io.vigil.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.ProbeConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import io.vigil.slo.Counts;
import io.vigil.store.BucketRow;
import io.vigil.store.Resolution;
import io.vigil.store.StoredResult;
import io.vigil.store.Subject;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Canary and experiment probes never count in any SLI kind of their boundary. A member probe runs every 10 s for
 * a minute (6 runs: 5 good at 50 ms, 1 bad); beside it a canary or experiment runs as often, every run bad or slow.
 * The boundary's sums must be exactly the member's alone, while the canary's own rollups hold its runs.
 */
class CanaryExclusionTest {
  private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  private static final long S = 1000;

  private static ProbeConfig probe(String name, ProbeConfig.Role role) {
    ProbeConfig p = TestConfigs.http(name, "b", "http://127.0.0.1:1/", Duration.ofSeconds(10), Duration.ofSeconds(5));
    return new ProbeConfig(p.name(), p.boundary(), p.title(), p.type(), p.interval(), p.timeout(), p.labels(),
        p.http(), p.tcp(), p.dns(), p.source(), role);
  }

  private static StoredResult run(int id, long at, Outcome o, int millis) {
    return new StoredResult(id, at, millis * 1000, o, o == Outcome.GOOD ? null : Reason.STATUS, 200);
  }

  @ParameterizedTest(name = "{0} with a {1}")
  @CsvSource({
      "requests, CANARY", "requests, EXPERIMENT",
      "time, CANARY", "time, EXPERIMENT",
      "latency, CANARY", "latency, EXPERIMENT"})
  void theBoundaryCountsItsMemberProbesOnly(String sli, ProbeConfig.Role role) {
    SloConfig slo = switch (sli) {
      case "requests" -> new SloConfig("s", SloConfig.Sli.REQUESTS, new BigDecimal("0.99"),
          SloConfig.SloWindow.rolling(Duration.ofDays(1)), ZoneOffset.UTC);
      case "time" -> new SloConfig("s", SloConfig.Sli.TIME, new BigDecimal("0.99"),
          SloConfig.SloWindow.rolling(Duration.ofDays(1)), ZoneOffset.UTC);
      default -> new SloConfig("s", new SloConfig.Sli.Latency(Duration.ofMillis(100)), new BigDecimal("0.9"),
          SloConfig.SloWindow.rolling(Duration.ofDays(1)), ZoneOffset.UTC);
    };
    BoundaryConfig b = new BoundaryConfig("b", "b", "", true, DownWhen.ANY, 1, 1, List.of(slo), List.of(), List.of(),
        "test:1");
    List<ProbeConfig> probes = List.of(probe("member", ProbeConfig.Role.MEMBER), probe("canary", role));
    VigilConfig c = TestConfigs.config(List.of(b), probes, VigilConfig.HistogramsPer.PROBE);
    Ledger ledger = new Ledger(b, 7, probes, Map.of("member", 1, "canary", 2), T0);
    for (int i = 0; i < 6; i++) {
      ledger.add("member", run(1, T0 + i * 10 * S, i == 3 ? Outcome.BAD : Outcome.GOOD, 50));
      // the canary alternates bad and slow-but-good runs: it would spoil every SLI kind if it counted
      ledger.add("canary", run(2, T0 + i * 10 * S + 5 * S, i % 2 == 0 ? Outcome.BAD : Outcome.GOOD, 900));
    }
    ledger.advance(T0 + 60 * S, new MaintenanceSchedule(c));
    Sums sums = ledger.sum(T0, T0 + 60 * S);

    switch (sli) {
      case "requests" -> assertThat(sums.requests()).isEqualTo(new Counts(5, 6));
      case "time" -> {
        assertThat(sums.upMs()).isEqualTo(50 * S);
        assertThat(sums.downMs()).isEqualTo(10 * S);
        assertThat(sums.unknownMs()).isZero();
      }
      default -> assertThat(sums.latency(ledger.latencyIndex("s"))).isEqualTo(new Counts(5, 6));
    }
    assertThat(ledger.sinceStart().requests()).isEqualTo(new Counts(5, 6));
    BucketRow canaryDay = ledger.drainRows().rows().stream()
        .filter(r -> r.subject() == Subject.PROBE && r.id() == 2 && r.resolution() == Resolution.DAY)
        .findFirst().orElseThrow();
    assertThat(new Counts(canaryDay.good(), canaryDay.valid())).as("the canary's own rollup").isEqualTo(
        new Counts(3, 6));
  }
}
