package io.vigil.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.LatencyBandsConfig;
import io.vigil.config.Owner;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import io.vigil.slo.LatencyBands;
import io.vigil.store.BucketRow;
import io.vigil.store.LatencyHistogram;
import io.vigil.store.Resolution;
import io.vigil.store.StoredResult;
import io.vigil.store.Subject;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Band edges at exactly the thresholds: fast < 400 ms ≤ acceptable ≤ 800 ms < slow; failed runs are slow. */
class LatencyBandsTest {
  private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  private static final BoundaryConfig BOUNDARY = new BoundaryConfig("b", "b", "", true, DownWhen.ANY, 1, 1, List.of(),
      List.of(), List.of(), "test:1", Owner.NONE, LatencyBandsConfig.DEFAULT);
  private static final ProbeConfig PROBE = TestConfigs.http("p", "b", "http://127.0.0.1:1/", Duration.ofSeconds(10),
      Duration.ofSeconds(5));

  /** One run of the given outcome and duration in microseconds: which band it lands in, live (from raw runs). */
  @ParameterizedTest(name = "{0} {1} µs is {2}")
  @CsvSource({
      "GOOD, 0, fast", "GOOD, 399999, fast", "GOOD, 400000, acceptable", "GOOD, 400001, acceptable",
      "GOOD, 799999, acceptable", "GOOD, 800000, acceptable", "GOOD, 800001, slow", "GOOD, 30000000, slow",
      "BAD, 10000, slow", "BAD, 900000, slow", "INVALID, 10000, none"})
  void aRunFallsInItsBand(Outcome outcome, int micros, String band) {
    Ledger ledger = new Ledger(BOUNDARY, 1, List.of(PROBE), Map.of("p", 1), T0);
    ledger.add("p", new StoredResult(1, T0, micros, outcome, outcome == Outcome.GOOD ? null
        : outcome == Outcome.BAD ? Reason.TIMEOUT : Reason.PROBER_NETWORK, 200));
    ledger.advance(T0 + 10_000, new MaintenanceSchedule(TestConfigs.config(List.of(BOUNDARY), List.of(PROBE),
        VigilConfig.HistogramsPer.PROBE)));
    LatencyBands bands = ledger.sum(T0, T0 + 10_000).bands(ledger.bandIndex());
    LatencyBands expected = switch (band) {
      case "fast" -> new LatencyBands(1, 0, 0);
      case "acceptable" -> new LatencyBands(0, 1, 0);
      case "slow" -> new LatencyBands(0, 0, 1);
      default -> LatencyBands.NONE;
    };
    assertThat(bands).isEqualTo(expected);
  }

  @Test
  void sharesAreOfTheValidRunsAndAddUpToOne() {
    LatencyBands b = new LatencyBands(947, 40, 13);
    assertThat(b.valid()).isEqualTo(1000);
    assertThat(b.share(LatencyBands.Band.FAST)).contains(new BigDecimal("0.947"));
    assertThat(b.share(LatencyBands.Band.ACCEPTABLE)).contains(new BigDecimal("0.04"));
    assertThat(b.share(LatencyBands.Band.SLOW)).contains(new BigDecimal("0.013"));
    assertThat(LatencyBands.NONE.share(LatencyBands.Band.FAST)).isEmpty();
  }

  /**
   * After a restart the rings come from persisted histograms, whose buckets end at their bound inclusive: a run of
   * exactly 400,000 µs reads as fast there (the one microsecond the histogram cannot split); every other edge
   * holds.
   */
  @Test
  void restoredBucketsReadTheEdgesFromTheHistogram() {
    LatencyHistogram h = new LatencyHistogram();
    for (long micros : new long[] {399_999, 400_000, 400_001, 800_000, 800_001}) {
      h.add(micros);
    }
    Ledger ledger = new Ledger(BOUNDARY, 1, List.of(PROBE), Map.of("p", 1), T0 + Resolution.DAY.millis());
    // 5 good runs and 1 bad of 6 valid, in yesterday's day bucket
    ledger.restore(new BucketRow(Subject.BOUNDARY, 1, Resolution.DAY, T0, 5, 6, 0, h, 0, 0, 0, 0, 0));
    LatencyBands bands = ledger.sum(T0, T0 + Resolution.DAY.millis()).bands(ledger.bandIndex());
    assertThat(bands).isEqualTo(new LatencyBands(2, 2, 2));
  }
}
