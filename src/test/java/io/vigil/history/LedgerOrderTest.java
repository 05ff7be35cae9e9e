package io.vigil.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import io.vigil.slo.Counts;
import io.vigil.store.StoredResult;
import io.vigil.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs queued out of start order (a system clock stepped back by less than the horizon lag) still count right. */
class LedgerOrderTest {
  private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  private static final long S = 1_000;

  @Test
  void runsQueuedOutOfStartOrderAreAccountedInStartOrder() {
    ProbeConfig p = TestConfigs.http("p", "b", "http://127.0.0.1:1/", Duration.ofSeconds(10), Duration.ofSeconds(5));
    BoundaryConfig b = new BoundaryConfig("b", "b", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(), List.of(),
        "test:1");
    VigilConfig c = TestConfigs.config(List.of(b), List.of(p), VigilConfig.HistogramsPer.PROBE);
    Ledger inOrder = new Ledger(b, 7, List.of(p), Map.of("p", 1), T0);
    Ledger shuffled = new Ledger(b, 7, List.of(p), Map.of("p", 1), T0);
    MaintenanceSchedule schedule = new MaintenanceSchedule(c);
    List<StoredResult> runs = List.of(run(0, true), run(10, false), run(20, true), run(30, false), run(40, true));
    runs.forEach(r -> inOrder.add("p", r));
    for (int i : new int[] {0, 2, 1, 4, 3}) {
      shuffled.add("p", runs.get(i));
    }
    for (long horizon : new long[] {35, 45, 60}) {
      inOrder.advance(T0 + horizon * S, schedule);
      shuffled.advance(T0 + horizon * S, schedule);
    }

    Sums expected = inOrder.sum(T0, T0 + 60 * S);
    Sums actual = shuffled.sum(T0, T0 + 60 * S);
    assertThat(actual.upMs()).isEqualTo(expected.upMs()).isEqualTo(40 * S); // the last good run covers 40-60 s
    assertThat(actual.downMs()).isEqualTo(expected.downMs()).isEqualTo(20 * S);
    assertThat(actual.requests()).isEqualTo(expected.requests()).isEqualTo(new Counts(3, 5));
    assertThat(shuffled.stragglers()).isZero();
  }

  private static StoredResult run(long second, boolean good) {
    return new StoredResult(1, T0 + second * S, 50_000, good ? Outcome.GOOD : Outcome.BAD,
        good ? null : Reason.STATUS, good ? 200 : 503);
  }
}
