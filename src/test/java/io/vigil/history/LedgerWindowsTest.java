package io.vigil.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.MaintenanceConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import io.vigil.slo.Counts;
import io.vigil.slo.LatencyBands;
import io.vigil.store.BucketRow;
import io.vigil.store.Resolution;
import io.vigil.store.StoredResult;
import io.vigil.store.Subject;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Windows of every length and position over three days of two probes (down_when: all), checked against the
 * definition computed slot by slot: windows ending now after each advance, windows after the minute ring has
 * wrapped, windows ending before now, degraded, down, unknown and maintenance time, excluded runs, two latency
 * SLOs over uneven durations, and the monotonic since-start counters.
 */
class LedgerWindowsTest {
  private static final long S = 1_000;
  private static final long MIN = 60 * S;
  private static final long H = 60 * MIN;
  private static final long DAY = 24 * H;
  /** Runs start 7 s after each minute, so state changes never fall on bucket edges. */
  private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli() + 7 * S;
  private static final int SLOTS = 3 * 24 * 60 + 30;
  private static final long[] THRESHOLDS_MS = {100, 250};
  /** Maintenance that does not count: slots 3000 to 3029 (30 min on the third day). */
  private static final int MAINT_FROM = 3_000;
  private static final int MAINT_TO = 3_030;

  private static ProbeConfig probe(String name) {
    return TestConfigs.http(name, "b", "http://127.0.0.1:1/" + name, Duration.ofSeconds(60), Duration.ofSeconds(5));
  }

  private static SloConfig latency(String name, long millis) {
    return new SloConfig(name, new SloConfig.Sli.Latency(Duration.ofMillis(millis)), new BigDecimal("0.9"),
        SloConfig.SloWindow.rolling(Duration.ofDays(7)), ZoneOffset.UTC);
  }

  /** Whether probe p runs in slot k, and how. */
  private static boolean runs(int p, int k) {
    if (k >= 1_000 && k < 1_006) {
      return false; // both silent for six minutes: unknown after the coverage of their last run
    }
    return p == 0 || k < 2_000 || k >= 2_010; // b is silent for ten minutes on day two: a alone decides
  }

  private static boolean bad(int p, int k) {
    if (p == 0) {
      return k % 97 < 9 || (k >= 2_500 && k < 2_540) || (k >= MAINT_FROM + 5 && k < MAINT_FROM + 15);
    }
    return k % 131 < 5 || (k >= 2_520 && k < 2_560) || (k >= MAINT_FROM + 10 && k < MAINT_FROM + 20);
  }

  private static int millis(int p, int k) {
    return (int) ((k * 37L + p * 101) % 397) + 1;
  }

  private static long slotStart(int k) {
    return T0 + k * MIN;
  }

  /** Each slot's boundary state by the coverage rule (a run covers two intervals), down_when all, maintenance. */
  private static StateTime[] expectedStates() {
    StateTime[] out = new StateTime[SLOTS];
    for (int k = 0; k < SLOTS; k++) {
      int known = 0;
      int failing = 0;
      for (int p = 0; p < 2; p++) {
        for (int j = k; j >= 0 && j > k - 2; j--) {
          if (runs(p, j)) {
            known++;
            failing += bad(p, j) ? 1 : 0;
            break;
          }
        }
      }
      out[k] = k >= MAINT_FROM && k < MAINT_TO ? StateTime.MAINTENANCE : known == 0 ? StateTime.UNKNOWN
          : failing == known ? StateTime.DOWN : failing > 0 ? StateTime.DEGRADED : StateTime.UP;
    }
    return out;
  }

  private static final class Expected {
    final long[] time = new long[StateTime.values().length];
    long good;
    long valid;
    long excluded;
    final long[] fast = new long[THRESHOLDS_MS.length];
  }

  /** The definition over [from, to) for accounting that stands at {@code checkpoint}. */
  private static Expected expected(StateTime[] states, long from, long to, long checkpoint) {
    Expected e = new Expected();
    for (int k = 0; k < SLOTS; k++) {
      long s = Math.max(from, slotStart(k));
      long t = Math.min(Math.min(to, checkpoint), slotStart(k + 1));
      if (s < t) {
        e.time[states[k].ordinal()] += t - s;
      }
      long at = slotStart(k);
      if (at < from || at >= to || at >= checkpoint) {
        continue;
      }
      for (int p = 0; p < 2; p++) {
        if (!runs(p, k)) {
          continue;
        }
        if (k >= MAINT_FROM && k < MAINT_TO) {
          e.excluded++;
          continue;
        }
        e.valid++;
        if (!bad(p, k)) {
          e.good++;
          for (int i = 0; i < THRESHOLDS_MS.length; i++) {
            e.fast[i] += millis(p, k) <= THRESHOLDS_MS[i] ? 1 : 0;
          }
        }
      }
    }
    return e;
  }

  private static long ceil(long millis, long width) {
    return Math.floorDiv(millis + width - 1, width) * width;
  }

  /** The documented rounding of a window: start up to the minute (or the hour beyond the minute ring). */
  private static long roundedStart(long from, long checkpoint) {
    boolean minutes = Math.floorDiv(checkpoint, MIN) - Math.floorDiv(from, MIN) < Ledger.MINUTES;
    return minutes ? ceil(from, MIN) : ceil(from, H);
  }

  private static void assertWindow(Ledger l, StateTime[] states, long from, long to) {
    long cp = l.checkpoint();
    Sums got = l.sum(from, to);
    long start = roundedStart(from, cp);
    long end = to >= cp ? cp : ceil(to, MIN);
    Expected want = start >= end ? new Expected() : expected(states, start, end, cp);
    String at = "window [" + Instant.ofEpochMilli(from) + ", " + Instant.ofEpochMilli(to) + ") at " + Instant.ofEpochMilli(cp);
    assertThat(got.upMs()).as("up, " + at).isEqualTo(want.time[StateTime.UP.ordinal()]);
    assertThat(got.degradedMs()).as("degraded, " + at).isEqualTo(want.time[StateTime.DEGRADED.ordinal()]);
    assertThat(got.downMs()).as("down, " + at).isEqualTo(want.time[StateTime.DOWN.ordinal()]);
    assertThat(got.unknownMs()).as("unknown, " + at).isEqualTo(want.time[StateTime.UNKNOWN.ordinal()]);
    assertThat(got.maintenanceMs()).as("maintenance, " + at).isEqualTo(want.time[StateTime.MAINTENANCE.ordinal()]);
    assertThat(got.requests()).as("requests, " + at).isEqualTo(new Counts(want.good, want.valid));
    assertThat(got.excluded()).as("excluded, " + at).isEqualTo(want.excluded);
    for (int i = 0; i < THRESHOLDS_MS.length; i++) {
      assertThat(got.latency(i)).as("latency " + i + ", " + at).isEqualTo(new Counts(want.fast[i], want.valid));
    }
    assertThat(got.time().up().toMillis()).as("degraded counts as up")
        .isEqualTo(want.time[StateTime.UP.ordinal()] + want.time[StateTime.DEGRADED.ordinal()]);
  }

  private record Setup(Ledger ledger, MaintenanceSchedule schedule) {}

  private static Setup setup(long checkpoint) {
    List<ProbeConfig> probes = List.of(probe("a"), probe("b"));
    MaintenanceConfig window = new MaintenanceConfig("upgrade", Instant.ofEpochMilli(slotStart(MAINT_FROM)), null,
        ZoneOffset.UTC, Duration.ofMinutes(MAINT_TO - MAINT_FROM), false);
    BoundaryConfig b = new BoundaryConfig("b", "b", "", true, new DownWhen(DownWhen.Mode.ALL, 0), 1, 1,
        List.of(latency("fast", THRESHOLDS_MS[0]), latency("ok", THRESHOLDS_MS[1])), List.of(), List.of(window),
        "test:1");
    VigilConfig c = TestConfigs.config(List.of(b), probes, VigilConfig.HistogramsPer.PROBE);
    return new Setup(new Ledger(b, 7, probes, Map.of("a", 1, "b", 2), checkpoint), new MaintenanceSchedule(c));
  }

  private static StoredResult run(int p, int k) {
    Outcome o = bad(p, k) ? Outcome.BAD : Outcome.GOOD;
    return new StoredResult(p + 1, slotStart(k), millis(p, k) * 1_000, o, o == Outcome.GOOD ? null : Reason.STATUS,
        200);
  }

  @Test
  void everyWindowSumsWhatTheCoverageRuleGives() {
    StateTime[] states = expectedStates();
    Setup s = setup(T0);
    Ledger l = s.ledger();
    Random random = new Random(16);
    for (int k = 0; k < SLOTS; k++) {
      for (int p = 0; p < 2; p++) {
        if (runs(p, k)) {
          l.add(p == 0 ? "a" : "b", run(p, k));
        }
      }
      if (k % 10 == 9) {
        // accounting stands a few seconds behind the latest run, mid-minute
        assertThat(l.advance(slotStart(k) + 3 * S + random.nextInt(40_000), s.schedule())).isTrue();
        long now = l.checkpoint();
        if (k > 1_400) {
          // windows ending now, asked again after every advance (the same windows a status page asks)
          for (long length : new long[] {5 * MIN, H, 6 * H, DAY + 3 * H, 2 * DAY + 5 * H}) {
            assertWindow(l, states, now - length, now);
          }
        }
      }
    }
    long now = l.checkpoint();
    for (int i = 0; i < 400; i++) {
      long from = T0 - H + (long) (random.nextDouble() * (now - T0 + 2 * H));
      long to = from + (long) (random.nextDouble() * (now + H - from));
      if (to < now - 24 * H) {
        // the minute ring no longer holds the minutes of an end this old: ask whole hours (as days and reports do)
        to = to / H * H;
      }
      if (to / MIN == now / MIN && to < now) {
        continue; // ends in the checkpoint's minute: the end rounds up past the checkpoint
      }
      assertWindow(l, states, from, to);
    }
    assertWindow(l, states, T0 - DAY, now + DAY);
    assertWindow(l, states, now - 2 * H - 30 * S, now - H - 10 * S); // ends before now, within the minute ring
    assertWindow(l, states, now - 2 * DAY - 90 * MIN, now - 20 * H - 10 * S); // hours, a day, hours, minutes
    // a start at the far edge of the minute ring: one minute further back and it rounds up to the hour
    long edge = (Math.floorDiv(now, MIN) - Ledger.MINUTES) * MIN;
    assertWindow(l, states, edge + 30 * S, now);
    assertWindow(l, states, edge + MIN + 30 * S, now);
    assertThat(l.sum(now, now + H).upMs()).as("nothing accounted after the checkpoint").isZero();
    assertThat(l.sum(now - MIN, now - 2 * MIN).upMs()).as("an empty window").isZero();

    // the monotonic counters hold everything since the ledger was built
    Sums total = l.sinceStart();
    Expected all = expected(states, T0, now, now);
    assertThat(total.upMs()).isEqualTo(all.time[StateTime.UP.ordinal()]);
    assertThat(total.degradedMs()).isEqualTo(all.time[StateTime.DEGRADED.ordinal()]).isPositive();
    assertThat(total.downMs()).isEqualTo(all.time[StateTime.DOWN.ordinal()]).isPositive();
    assertThat(total.unknownMs()).isEqualTo(all.time[StateTime.UNKNOWN.ordinal()]).isPositive();
    assertThat(total.maintenanceMs()).isEqualTo(all.time[StateTime.MAINTENANCE.ordinal()]).isPositive();
    assertThat(total.requests()).isEqualTo(new Counts(all.good, all.valid));
    assertThat(total.good()).isEqualTo(all.good);
    assertThat(total.valid()).isEqualTo(all.valid);
    assertThat(total.excluded()).isEqualTo(all.excluded).isPositive();
    assertThat(total.latencyGood(0)).isEqualTo(all.fast[0]);
    assertThat(total.latencyGood(1)).isEqualTo(all.fast[1]);
    assertThat(l.latencyIndex("ok")).isEqualTo(1);
    assertThat(all.fast[0]).isLessThan(all.fast[1]);
  }

  /** A ledger resumed from any checkpoint's rows and raw results goes on exactly as one never interrupted. */
  @Test
  void aResumedLedgerStoresTheRowsAnUninterruptedOneStores() {
    long[] crashes = {slotStart(61) + 23 * S, slotStart(180) - 7 * S, slotStart(1_440) - 7 * S + 30 * MIN + 1,
        slotStart(1_003) + 5 * S, slotStart(MAINT_FROM + 12) + 13 * S};
    for (long crash : crashes) {
      Setup straight = setup(T0);
      Setup first = setup(T0);
      List<BucketRow> straightRows = new ArrayList<>();
      List<BucketRow> resumedRows = new ArrayList<>();
      Ledger resumed = null;
      MaintenanceSchedule schedule = straight.schedule();
      long end = slotStart(MAINT_TO + 30);
      List<StoredResult> raw = new ArrayList<>();
      for (int k = 0; slotStart(k) < end; k++) {
        for (int p = 0; p < 2; p++) {
          if (runs(p, k)) {
            StoredResult r = run(p, k);
            raw.add(r);
            straight.ledger().add(p == 0 ? "a" : "b", r);
            (resumed == null ? first.ledger() : resumed).add(p == 0 ? "a" : "b", r);
          }
        }
        long horizon = slotStart(k) + 30 * S;
        if (resumed == null && horizon > crash) {
          first.ledger().advance(crash, schedule);
          Ledger.Drained d = first.ledger().drainRows();
          resumedRows.addAll(d.rows());
          resumed = setup(d.checkpoint()).ledger();
          for (BucketRow row : d.rows()) {
            resumed.restore(row);
          }
          for (StoredResult r : raw) {
            if (r.startMillis() >= d.checkpoint() - 2 * 60 * S - 1) {
              resumed.replay(r.probeId() == 1 ? "a" : "b", r);
            }
          }
        }
        straight.ledger().advance(horizon, schedule);
        if (resumed != null) {
          resumed.advance(horizon, schedule);
        }
        if (k % 7 == 0) {
          straightRows.addAll(straight.ledger().drainRows().rows());
          if (resumed != null) {
            resumedRows.addAll(resumed.drainRows().rows());
          }
        }
      }
      straightRows.addAll(straight.ledger().drainRows().rows());
      resumedRows.addAll(resumed.drainRows().rows());
      assertThat(latest(resumedRows)).as("rows after a crash at " + Instant.ofEpochMilli(crash))
          .isEqualTo(latest(straightRows));
      long now = straight.ledger().checkpoint();
      for (long length : new long[] {10 * MIN, 3 * H, DAY + 2 * H}) {
        Sums a = straight.ledger().sum(now - length, now);
        Sums b = resumed.sum(now - length, now);
        assertThat(b.requests()).isEqualTo(a.requests());
        assertThat(b.time()).isEqualTo(a.time());
        assertThat(b.excluded()).isEqualTo(a.excluded());
        assertThat(b.latency(0)).isEqualTo(a.latency(0));
        assertThat(b.latency(1)).isEqualTo(a.latency(1));
        assertThat(b.bands(resumed.bandIndex())).isEqualTo(a.bands(straight.ledger().bandIndex()));
      }
    }
  }

  /** The last row persisted for each bucket (each save replaces the one before). */
  private static Map<String, BucketRow> latest(List<BucketRow> rows) {
    Map<String, BucketRow> out = new HashMap<>();
    for (BucketRow r : rows) {
      out.put(r.subject() + "/" + r.id() + "/" + r.resolution() + "/" + r.bucketStart(), r);
    }
    return out;
  }

  @Test
  void aStepStartingExactlyWhereCoverageEndsIsUnknown() {
    Setup s = setup(T0);
    s.ledger().add("a", run(0, 0));
    s.ledger().add("b", run(1, 0));
    assertThat(s.ledger().advance(T0 + 2 * MIN, s.schedule())).isTrue(); // exactly 2 × interval
    assertThat(s.ledger().advance(T0 + 5 * MIN, s.schedule())).isTrue();
    Sums sums = s.ledger().sum(T0 - H, T0 + H);
    assertThat(sums.upMs() + sums.degradedMs() + sums.downMs()).isEqualTo(2 * MIN);
    assertThat(sums.unknownMs()).isEqualTo(3 * MIN);
  }

  private static StoredResult good(int p, int k) {
    return new StoredResult(p + 1, slotStart(k), 10_000, Outcome.GOOD, null, 200);
  }

  @Test
  void aRunStartingExactlyAtTheCheckpointCountsAndAnEarlierOneIsAStraggler() {
    Setup s = setup(T0);
    Ledger l = s.ledger();
    l.add("a", good(0, 0));
    l.advance(T0 + MIN, s.schedule());
    assertThat(l.advance(T0 + MIN, s.schedule())).as("nothing to account").isFalse();
    assertThat(l.advance(T0 + 30 * S, s.schedule())).isFalse();
    assertThat(l.drainRows().checkpoint()).isEqualTo(T0 + MIN);
    assertThat(l.drainRows().checkpointMoved()).isFalse();
    l.add("a", good(0, 1)); // starts exactly at the checkpoint
    l.add("b", new StoredResult(2, T0 + MIN - 1, 1_000, Outcome.GOOD, null, 200));
    assertThat(l.stragglers()).isEqualTo(1);
    l.advance(T0 + 2 * MIN, s.schedule());
    assertThat(l.sum(T0 - H, T0 + H).requests()).isEqualTo(new Counts(2, 2));
    assertThat(l.sinceStart().requests()).isEqualTo(new Counts(2, 2));

    // the same on replay: a result at the checkpoint is queued, an earlier one only seeds coverage
    Setup r = setup(T0 + MIN);
    r.ledger().replay("a", good(0, 0));
    r.ledger().replay("a", good(0, 1));
    r.ledger().replay("nope", good(0, 1));
    r.ledger().advance(T0 + 2 * MIN, r.schedule());
    Sums sums = r.ledger().sum(T0 - H, T0 + H);
    assertThat(sums.requests()).isEqualTo(new Counts(1, 1));
    assertThat(sums.upMs()).isEqualTo(MIN);
  }

  @Test
  void drainingReturnsEachChangedRowOnceAndSaysWhetherTheCheckpointMoved() {
    Setup s = setup(T0);
    Ledger l = s.ledger();
    l.add("a", run(0, 0));
    l.add("b", run(1, 0));
    l.advance(T0 + 30 * S, s.schedule());
    Ledger.Drained first = l.drainRows();
    assertThat(first.checkpointMoved()).isTrue();
    assertThat(first.checkpoint()).isEqualTo(T0 + 30 * S);
    // minute, hour, day of the boundary; hour and day of each probe
    assertThat(first.rows()).hasSize(7);
    assertThat(l.checkpointDirty()).isFalse();
    l.advance(T0 + 40 * S, s.schedule());
    assertThat(l.checkpointDirty()).isTrue();
    assertThat(l.drainRows().rows()).extracting(BucketRow::resolution).contains(Resolution.MINUTE);
    Ledger.Drained again = l.drainRows();
    assertThat(again.rows()).isEmpty();
    assertThat(again.checkpointMoved()).isFalse();

    // an hour later with no runs of b: b's hour row (already persisted) is not persisted again
    for (int k = 1; k <= 61; k++) {
      l.add("a", run(0, k));
    }
    l.advance(T0 + H + 90 * S, s.schedule());
    List<BucketRow> rows = l.drainRows().rows();
    assertThat(rows).filteredOn(r -> r.subject() == Subject.PROBE && r.id() == 2).isEmpty();
    long firstHour = Resolution.HOUR.floor(T0);
    BucketRow hour = rows.stream().filter(r -> r.subject() == Subject.BOUNDARY && r.resolution() == Resolution.HOUR
        && r.bucketStart() == firstHour).findFirst().orElseThrow();
    assertThat(hour.upMs() + hour.degradedMs() + hour.downMs() + hour.unknownMs()).isEqualTo(H - 7 * S);
    assertThat(hour.latency().total()).as("good runs' durations").isEqualTo(hour.good());
    assertThat(rows).filteredOn(r -> r.resolution() == Resolution.MINUTE).extracting(BucketRow::bucketStart)
        .doesNotHaveDuplicates();
    assertThat(l.drainRows().rows()).as("finished rows are handed out once").isEmpty();
  }

  @Test
  void theDayRingHoldsTheLongestRollingWindow() {
    assertThat(Ledger.dayCapacity(TestConfigs.boundary("b", List.of()))).isEqualTo(Ledger.DAYS);
    SloConfig year = new SloConfig("sla", SloConfig.Sli.TIME, new BigDecimal("0.999"),
        SloConfig.SloWindow.rolling(Duration.ofDays(365)), ZoneOffset.UTC);
    SloConfig hundred = new SloConfig("h", SloConfig.Sli.TIME, new BigDecimal("0.999"),
        SloConfig.SloWindow.rolling(Duration.ofDays(100).plusMillis(1)), ZoneOffset.UTC);
    SloConfig quarter = new SloConfig("q", SloConfig.Sli.TIME, new BigDecimal("0.999"),
        SloConfig.SloWindow.QUARTER, ZoneOffset.UTC);
    SloConfig ages = new SloConfig("a", SloConfig.Sli.TIME, new BigDecimal("0.999"),
        SloConfig.SloWindow.rolling(Duration.ofDays(500_000)), ZoneOffset.UTC);
    assertThat(Ledger.dayCapacity(TestConfigs.boundary("b", List.of(year, quarter)))).isEqualTo(368);
    assertThat(Ledger.dayCapacity(TestConfigs.boundary("b", List.of(hundred)))).isEqualTo(104);
    assertThat(Ledger.dayCapacity(TestConfigs.boundary("b", List.of(quarter)))).isEqualTo(Ledger.DAYS);
    assertThat(Ledger.dayCapacity(TestConfigs.boundary("b", List.of(ages)))).isEqualTo((int) Ledger.MAX_DAYS);
    BoundaryConfig mixed = TestConfigs.boundary("b", List.of(year, latency("fast", 100), latency("ok", 300)));
    assertThat(Ledger.latencySlos(mixed)).containsExactly("fast", "ok");
    assertThat(Ledger.thresholdsMicros(mixed)).containsExactly(100_000, 300_000, 399_999, 800_000);
  }

  @Test
  void latencyBandsOfARestoredBucketMatchTheLiveOnes() {
    Setup s = setup(T0);
    Ledger l = s.ledger();
    int[] ms = {50, 399, 400, 401, 700, 800, 801, 1_500};
    for (int k = 0; k < ms.length; k++) {
      l.add("a", new StoredResult(1, slotStart(k), ms[k] * 1_000 + (k == 2 ? 1 : 0), Outcome.GOOD, null, 200));
    }
    l.advance(slotStart(ms.length), s.schedule());
    Sums live = l.sum(T0 - H, T0 + H);
    assertThat(live.bands(l.bandIndex())).isEqualTo(new LatencyBands(2, 4, 2));
    Ledger.Drained d = l.drainRows();
    Setup again = setup(d.checkpoint());
    d.rows().forEach(again.ledger()::restore);
    Sums restored = again.ledger().sum(T0 - H, T0 + H);
    assertThat(restored.bands(again.ledger().bandIndex())).isEqualTo(live.bands(l.bandIndex()));
    assertThat(restored.latency(0)).isEqualTo(live.latency(0));
    assertThat(restored.latency(1)).isEqualTo(live.latency(1));
    assertThat(restored.time()).isEqualTo(live.time());
  }

  @Test
  void aCanaryBesideASilentMemberLeavesTheBoundaryUnknown() {
    ProbeConfig member = probe("m");
    ProbeConfig c = probe("c");
    ProbeConfig canary = new ProbeConfig(c.name(), c.boundary(), c.title(), c.type(), c.interval(), c.timeout(),
        c.labels(), c.http(), c.tcp(), c.dns(), c.source(), ProbeConfig.Role.CANARY);
    BoundaryConfig b = TestConfigs.boundary("b", List.of());
    List<ProbeConfig> probes = List.of(canary, member);
    VigilConfig config = TestConfigs.config(List.of(b), probes, VigilConfig.HistogramsPer.PROBE);
    Ledger l = new Ledger(b, 7, probes, Map.of("m", 1, "c", 2), T0);
    l.add("m", good(0, 0));
    for (int k = 0; k < 10; k++) {
      l.add("c", new StoredResult(2, slotStart(k), 10_000, Outcome.GOOD, null, 200));
    }
    l.advance(slotStart(10), new MaintenanceSchedule(config));
    Sums sums = l.sum(T0 - H, T0 + H);
    assertThat(sums.upMs()).isEqualTo(2 * MIN);
    assertThat(sums.unknownMs()).as("the member fell silent; the canary does not count").isEqualTo(8 * MIN);
  }

  @Test
  void aStepHoldsAnyNumberOfMaintenanceWindows() {
    ProbeConfig a = probe("a");
    MaintenanceConfig everyMinute = new MaintenanceConfig("churn", null, "* * * * *", ZoneOffset.UTC,
        Duration.ofSeconds(15), false);
    BoundaryConfig b = new BoundaryConfig("b", "b", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(),
        List.of(everyMinute), "test:1");
    VigilConfig config = TestConfigs.config(List.of(b), List.of(a), VigilConfig.HistogramsPer.PROBE);
    long start = T0 - 7 * S; // on a minute edge
    Ledger l = new Ledger(b, 7, List.of(a), Map.of("a", 1), start);
    for (int k = 0; k < 30; k++) {
      l.add("a", new StoredResult(1, start + k * MIN + 20 * S, 10_000, Outcome.GOOD, null, 200));
    }
    l.advance(start + 30 * MIN, new MaintenanceSchedule(config));
    Sums sums = l.sum(start, start + 30 * MIN);
    assertThat(sums.maintenanceMs()).isEqualTo(30 * 15 * S);
    // each run covers until the next (interval 60 s); before the first one, 15 s to 20 s are unknown
    assertThat(sums.upMs()).isEqualTo(30 * 45 * S - 5 * S);
    assertThat(sums.unknownMs()).isEqualTo(5 * S);
  }

  @Test
  void stateTimeMirrorsTheTimelineStates() {
    for (io.vigil.slo.State st : io.vigil.slo.State.values()) {
      assertThat(StateTime.of(st).name()).isEqualTo(st.name());
    }
  }
}
