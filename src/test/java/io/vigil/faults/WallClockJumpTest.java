package io.vigil.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.BoundaryTracker;
import io.vigil.boundary.BoundaryView;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.ProbeConfig;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.history.Accountant;
import io.vigil.history.RawResults;
import io.vigil.history.Sums;
import io.vigil.incident.Incident;
import io.vigil.probe.Outcome;
import io.vigil.probe.PhaseTimings;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.schedule.ResultSink;
import io.vigil.store.BucketRow;
import io.vigil.store.Resolution;
import io.vigil.store.SqliteStore;
import io.vigil.store.StoredResult;
import io.vigil.store.Subject;
import io.vigil.testing.TestConfigs;
import io.vigil.time.ManualClocks;
import io.vigil.time.SteadyClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four hours of a boundary's life, simulated second by second, while the system clock is stepped back and
 * forward by hours (as NTP, an operator or a resumed virtual machine would). Vigil reads it through its
 * {@link SteadyClock}: result stamps never go backwards, accounting checkpoints never move backwards, no
 * negative time is accounted, every accounted millisecond is accounted once, windows never hold more time
 * than they are long, no run is lost, silent probes still turn unknown and incidents never end before they
 * start.
 */
@Tag("faults")
class WallClockJumpTest {
  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
  private static final long S = 1_000;
  private static final long H = 3_600 * S;
  private static final long RUN_SECONDS = 4 * 3_600;
  /** Real second at which the system clock is stepped, and by how much. */
  private static final Map<Long, Long> STEPS = Map.of(1_800L, -2 * H, 3_600L, 3 * H, 5_400L, -H, 7_200L, 30 * S,
      9_000L, -10 * S, 12_000L, -45 * 60 * S);

  @TempDir
  Path dir;

  @Test
  void accountingStaysSaneWhileTheSystemClockJumps() throws Exception {
    ManualClocks clocks = new ManualClocks(T0);
    SteadyClock clock = clocks.steady();
    ProbeConfig a = TestConfigs.http("a", "shop", "http://127.0.0.1:1/a", Duration.ofSeconds(10),
        Duration.ofSeconds(5));
    ProbeConfig b = TestConfigs.http("b", "shop", "http://127.0.0.1:1/b", Duration.ofSeconds(10),
        Duration.ofSeconds(5));
    BoundaryConfig shop = new BoundaryConfig("shop", "Shop", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(),
        List.of(), "test:1");
    VigilConfig config = TestConfigs.config(List.of(shop), List.of(a, b), VigilConfig.HistogramsPer.PROBE);
    MaintenanceSchedule schedule = new MaintenanceSchedule(config);

    try (SqliteStore store = SqliteStore.open(dir.resolve("vigil.db"), StorageConfig.Retention.DEFAULT, clock)) {
      Accountant accountant = new Accountant(clock, store);
      BoundaryTracker tracker = new BoundaryTracker(clock, store);
      accountant.configure(config, schedule);
      tracker.configure(config, schedule);
      ResultSink sinks = ResultSink.fanOut(List.of(new RawResults(store, accountant::probeId), accountant, tracker));
      long firstCheckpoint = accountant.accountedUntil("shop");

      long previousNow = clock.millis();
      long previousCheckpoint = firstCheckpoint;
      Sums previousTotal = accountant.sinceStart("shop");
      Map<String, List<Long>> starts = new HashMap<>(Map.of("a", new ArrayList<>(), "b", new ArrayList<>()));
      boolean sawSilentProbeUnknown = false;

      for (long t = 1; t <= RUN_SECONDS; t++) {
        clocks.pass(S);
        Long step = STEPS.get(t);
        if (step != null) {
          clocks.step(step);
        }
        boolean bBad = t >= 2_500 && t < 2_800;
        boolean bSilent = t >= 6_000 && t < 6_300;
        if (t % 10 == 0) {
          report(sinks, a, result("a", clock.millis(), true), starts);
        }
        if (t % 10 == 5 && !bSilent) {
          report(sinks, b, result("b", clock.millis(), !bBad), starts);
        }
        tracker.tick();
        accountant.advance();
        if (t % 10 == 0) {
          accountant.persist();
        }

        long now = clock.millis();
        assertThat(now).as("Vigil's clock at second %d", t).isGreaterThanOrEqualTo(previousNow);
        long checkpoint = accountant.accountedUntil("shop");
        assertThat(checkpoint).as("checkpoint at second %d", t).isGreaterThanOrEqualTo(previousCheckpoint);
        Sums total = accountant.sinceStart("shop");
        assertMonotonic(previousTotal, total, t);
        assertThat(accounted(total)).as("every accounted millisecond once, at second %d", t)
            .isEqualTo(checkpoint - firstCheckpoint);
        Sums lastHour = accountant.sums("shop", now - H, now);
        assertThat(accounted(lastHour)).as("last hour at second %d", t).isBetween(0L, H);
        assertThat(lastHour.good()).isBetween(0L, lastHour.valid());
        if (bSilent && t > 6_000 + 60) {
          BoundaryView view = tracker.view("shop");
          sawSilentProbeUnknown |= view.probes().stream()
              .anyMatch(p -> p.config().name().equals("b") && p.status().equals("unknown"));
        }
        previousNow = now;
        previousCheckpoint = checkpoint;
        previousTotal = total;
      }

      assertThat(accountant.stragglers()).as("runs dropped as too late").isZero();
      Sums total = accountant.sinceStart("shop");
      long checkpoint = accountant.accountedUntil("shop");
      long produced = starts.values().stream().mapToLong(l -> l.stream().filter(s -> s < checkpoint).count()).sum();
      assertThat(total.valid()).as("every run started before the checkpoint is counted").isEqualTo(produced);
      assertThat(total.good()).isEqualTo(produced - 30); // b's 30 bad runs
      assertThat(total.downMs()).as("b was bad for 300 real seconds").isPositive();
      assertThat(sawSilentProbeUnknown).as("a silent probe turns unknown while the clock is slewed").isTrue();

      accountant.persist();
      store.flush();
      for (String probe : List.of("a", "b")) {
        List<Long> stored = store.results(accountant.probeId(probe), 0, Long.MAX_VALUE).stream()
            .map(StoredResult::startMillis).toList();
        assertThat(stored).as("stored runs of %s", probe).hasSize(starts.get(probe).size()).isSorted()
            .doesNotHaveDuplicates();
      }
      for (BucketRow row : store.buckets(Subject.BOUNDARY, accountant.boundaryId("shop"), Resolution.MINUTE, 0,
          Long.MAX_VALUE)) {
        long ms = row.upMs() + row.degradedMs() + row.downMs() + row.unknownMs() + row.maintenanceMs();
        assertThat(row.upMs() | row.degradedMs() | row.downMs() | row.unknownMs() | row.maintenanceMs())
            .as("no negative time in minute %s", Instant.ofEpochMilli(row.bucketStart())).isNotNegative();
        assertThat(ms).as("minute %s", Instant.ofEpochMilli(row.bucketStart())).isBetween(0L, 60 * S);
        assertThat(row.good()).isBetween(0L, row.valid());
      }
      List<Incident> incidents = tracker.incidents("shop");
      assertThat(incidents).isNotEmpty().allSatisfy(i -> {
        assertThat(i.open()).isFalse();
        assertThat(i.endMillis()).isGreaterThanOrEqualTo(i.startMillis());
        assertThat(i.detectedMillis()).isGreaterThanOrEqualTo(i.startMillis());
        assertThat(i.endMillis() - i.startMillis()).isBetween(100 * S, 400 * S);
      });
    }
  }

  private static void report(ResultSink sinks, ProbeConfig probe, ProbeResult r, Map<String, List<Long>> starts) {
    starts.get(probe.name()).add(r.startedAtMillis());
    sinks.accept(probe, r);
  }

  private static ProbeResult result(String probe, long startMillis, boolean good) {
    return new ProbeResult(probe, startMillis, 20_000_000L, good ? Outcome.GOOD : Outcome.BAD,
        good ? null : Reason.STATUS, good ? "" : "status: 503 not in [200-399]", PhaseTimings.NONE, List.of(),
        good ? 200 : 503, 0, "127.0.0.1:1", null, null);
  }

  private static long accounted(Sums s) {
    return s.upMs() + s.degradedMs() + s.downMs() + s.unknownMs() + s.maintenanceMs();
  }

  private static void assertMonotonic(Sums before, Sums after, long second) {
    String at = "since start, at second " + second;
    assertThat(after.upMs()).as("up " + at).isGreaterThanOrEqualTo(before.upMs());
    assertThat(after.degradedMs()).as("degraded " + at).isGreaterThanOrEqualTo(before.degradedMs());
    assertThat(after.downMs()).as("down " + at).isGreaterThanOrEqualTo(before.downMs());
    assertThat(after.unknownMs()).as("unknown " + at).isGreaterThanOrEqualTo(before.unknownMs());
    assertThat(after.maintenanceMs()).as("maintenance " + at).isGreaterThanOrEqualTo(before.maintenanceMs());
    assertThat(after.valid()).as("valid " + at).isGreaterThanOrEqualTo(before.valid());
    assertThat(after.good()).as("good " + at).isGreaterThanOrEqualTo(before.good());
  }
}
