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
import io.vigil.store.BucketRow;
import io.vigil.store.StoredResult;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  private static final long S = 1000;

  private static ProbeConfig probe(String name, long intervalSeconds) {
    return TestConfigs.http(name, "b", "http://127.0.0.1:1/", Duration.ofSeconds(intervalSeconds),
        Duration.ofSeconds(Math.min(5, intervalSeconds)));
  }

  private static BoundaryConfig boundary(DownWhen rule, List<MaintenanceConfig> maintenance, SloConfig... slos) {
    return new BoundaryConfig("b", "b", "", true, rule, 1, 1, List.of(slos), List.of(), maintenance, "test:1");
  }

  private record Setup(Ledger ledger, MaintenanceSchedule schedule) {}

  private static Setup setup(BoundaryConfig b, List<ProbeConfig> probes, long checkpoint) {
    VigilConfig c = TestConfigs.config(List.of(b), probes, VigilConfig.HistogramsPer.PROBE);
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < probes.size(); i++) {
      ids.put(probes.get(i).name(), i + 1);
    }
    return new Setup(new Ledger(b, 7, probes, ids, checkpoint), new MaintenanceSchedule(c));
  }

  private static StoredResult run(int probeId, long startMillis, Outcome outcome, int durationMillis) {
    return new StoredResult(probeId, startMillis, durationMillis * 1000, outcome,
        outcome == Outcome.GOOD ? null : outcome == Outcome.BAD ? Reason.STATUS : Reason.PROBER_NETWORK, 200);
  }

  @Test
  void eachResultCoversItsTimeUntilTheNextRun() {
    Setup s = setup(boundary(DownWhen.ANY, List.of()), List.of(probe("p", 10)), T0);
    Outcome[] outcomes = {Outcome.GOOD, Outcome.BAD, Outcome.GOOD, Outcome.GOOD, Outcome.BAD, Outcome.GOOD};
    for (int i = 0; i < outcomes.length; i++) {
      s.ledger().add("p", run(1, T0 + i * 10 * S, outcomes[i], 50));
    }
    s.ledger().advance(T0 + 60 * S, s.schedule());
    Sums sums = s.ledger().sum(T0, T0 + 60 * S);
    assertThat(sums.upMs()).isEqualTo(40 * S);
    assertThat(sums.downMs()).isEqualTo(20 * S);
    assertThat(sums.unknownMs()).isZero();
    assertThat(sums.requests()).isEqualTo(new Counts(4, 6));
  }

  @Test
  void aResultCoversAtMostTwoIntervalsThenTimeIsUnknown() {
    Setup s = setup(boundary(DownWhen.ANY, List.of()), List.of(probe("p", 10)), T0);
    s.ledger().add("p", run(1, T0, Outcome.GOOD, 50));
    s.ledger().add("p", run(1, T0 + 10 * S, Outcome.BAD, 50));
    s.ledger().advance(T0 + 60 * S, s.schedule());
    Sums sums = s.ledger().sum(T0, T0 + 60 * S);
    assertThat(sums.upMs()).isEqualTo(10 * S);
    assertThat(sums.downMs()).isEqualTo(20 * S); // [10 s, 30 s): 2 × interval
    assertThat(sums.unknownMs()).isEqualTo(30 * S);
    assertThat(sums.time().availability()).contains(new BigDecimal("0.3333333333333333333333333333333333"));
  }

  @Test
  void invalidRunsAreUnknownTimeAndNotCounted() {
    Setup s = setup(boundary(DownWhen.ANY, List.of()), List.of(probe("p", 10)), T0);
    s.ledger().add("p", run(1, T0, Outcome.INVALID, 50));
    s.ledger().add("p", run(1, T0 + 10 * S, Outcome.GOOD, 50));
    s.ledger().advance(T0 + 20 * S, s.schedule());
    Sums sums = s.ledger().sum(T0, T0 + 20 * S);
    assertThat(sums.unknownMs()).isEqualTo(10 * S);
    assertThat(sums.upMs()).isEqualTo(10 * S);
    assertThat(sums.requests()).isEqualTo(new Counts(1, 1));
  }

  @Test
  void downWhenDecidesBetweenDownAndDegraded() {
    List<ProbeConfig> probes = List.of(probe("a", 10), probe("b", 10), probe("c", 10));
    for (DownWhen rule : List.of(DownWhen.ANY, new DownWhen(DownWhen.Mode.MAJORITY, 0),
        new DownWhen(DownWhen.Mode.ALL, 0))) {
      Setup s = setup(boundary(rule, List.of()), probes, T0);
      // 10 s slices: a fails in slice 1, a+b in slice 2, everything in slice 3
      boolean[][] failing = {{false, false, false}, {true, false, false}, {true, true, false}, {true, true, true}};
      for (int slice = 0; slice < failing.length; slice++) {
        for (int p = 0; p < 3; p++) {
          s.ledger().add(probes.get(p).name(), run(p + 1, T0 + slice * 10 * S,
              failing[slice][p] ? Outcome.BAD : Outcome.GOOD, 20));
        }
      }
      s.ledger().advance(T0 + 40 * S, s.schedule());
      Sums sums = s.ledger().sum(T0, T0 + 40 * S);
      long expectedDown = switch (rule.mode()) {
        case ANY -> 30 * S;
        case MAJORITY -> 20 * S;
        default -> 10 * S;
      };
      assertThat(sums.downMs()).as(rule.toString()).isEqualTo(expectedDown);
      assertThat(sums.upMs()).as(rule.toString()).isEqualTo(10 * S);
      assertThat(sums.degradedMs()).as(rule.toString()).isEqualTo(30 * S - expectedDown);
    }
  }

  @Test
  void maintenanceThatDoesNotCountIsExcludedFromTimeAndRequests() {
    MaintenanceConfig window = new MaintenanceConfig("db upgrade", Instant.ofEpochMilli(T0 + 20 * S), null,
        ZoneOffset.UTC, Duration.ofSeconds(20), false);
    Setup s = setup(boundary(DownWhen.ANY, List.of(window)), List.of(probe("p", 10)), T0);
    for (int i = 0; i < 6; i++) {
      s.ledger().add("p", run(1, T0 + i * 10 * S, i == 2 || i == 3 ? Outcome.BAD : Outcome.GOOD, 20));
    }
    s.ledger().advance(T0 + 60 * S, s.schedule());
    Sums sums = s.ledger().sum(T0, T0 + 60 * S);
    assertThat(sums.maintenanceMs()).isEqualTo(20 * S);
    assertThat(sums.downMs()).isZero();
    assertThat(sums.upMs()).isEqualTo(40 * S);
    assertThat(sums.requests()).isEqualTo(new Counts(4, 4));
    assertThat(sums.excluded()).isEqualTo(2);
  }

  @Test
  void latencyCountsValidGoodRunsAtOrUnderTheThreshold() {
    SloConfig fast = new SloConfig("fast", new SloConfig.Sli.Latency(Duration.ofMillis(100)), new BigDecimal("0.9"),
        SloConfig.SloWindow.rolling(Duration.ofDays(7)), ZoneOffset.UTC);
    Setup s = setup(boundary(DownWhen.ANY, List.of(), fast), List.of(probe("p", 10)), T0);
    int[] millis = {50, 100, 101, 30, 2000};
    Outcome[] outcomes = {Outcome.GOOD, Outcome.GOOD, Outcome.GOOD, Outcome.BAD, Outcome.GOOD};
    for (int i = 0; i < millis.length; i++) {
      s.ledger().add("p", run(1, T0 + i * 10 * S, outcomes[i], millis[i]));
    }
    s.ledger().advance(T0 + 50 * S, s.schedule());
    Sums sums = s.ledger().sum(T0, T0 + 50 * S);
    // valid 5; fast enough and good: 50 ms and exactly 100 ms (the bad 30 ms run is not good)
    assertThat(sums.latency(s.ledger().latencyIndex("fast"))).isEqualTo(new Counts(2, 5));
  }

  @Test
  void resumingFromPersistedRowsAndReplayedResultsGivesTheSameTotals() {
    List<ProbeConfig> probes = List.of(probe("a", 10), probe("b", 15));
    BoundaryConfig b = boundary(DownWhen.ANY, List.of());
    List<StoredResult> all = new ArrayList<>();
    Random random = new Random(42);
    for (long t = 0; t < 3_600; t += 10) {
      all.add(run(1, T0 + t * S + random.nextInt(500), random.nextInt(10) == 0 ? Outcome.BAD : Outcome.GOOD, 30));
    }
    for (long t = 0; t < 3_600; t += 15) {
      all.add(run(2, T0 + t * S + random.nextInt(500), random.nextInt(20) == 0 ? Outcome.BAD : Outcome.GOOD, 30));
    }
    all.sort(Comparator.comparingLong(StoredResult::startMillis));
    long end = T0 + 3_600 * S;

    Setup straight = setup(b, probes, T0);
    for (StoredResult r : all) {
      straight.ledger().add(r.probeId() == 1 ? "a" : "b", r);
    }
    straight.ledger().advance(end, straight.schedule());

    // the same, interrupted at 23 min 17 s: rows and checkpoint persisted, then a new ledger resumes
    long crash = T0 + (23 * 60 + 17) * S;
    Setup first = setup(b, probes, T0);
    for (StoredResult r : all) {
      if (r.startMillis() < crash + 5 * S) {
        first.ledger().add(r.probeId() == 1 ? "a" : "b", r);
      }
    }
    first.ledger().advance(crash, first.schedule());
    Ledger.Drained saved = first.ledger().drainRows();
    Setup second = setup(b, probes, saved.checkpoint());
    for (BucketRow row : saved.rows()) {
      second.ledger().restore(row);
    }
    for (StoredResult r : all) {
      second.ledger().replay(r.probeId() == 1 ? "a" : "b", r);
    }
    second.ledger().advance(end, second.schedule());

    Sums a = straight.ledger().sum(T0, end);
    Sums c = second.ledger().sum(T0, end);
    assertThat(c.requests()).isEqualTo(a.requests());
    assertThat(c.time()).isEqualTo(a.time());
    assertThat(c.degradedMs()).isEqualTo(a.degradedMs());
    assertThat(a.upMs() + a.degradedMs() + a.downMs() + a.unknownMs()).isEqualTo(3_600 * S);
  }

  @Test
  void windowsStartOnWholeMinutesAndEndAtTheCheckpoint() {
    Setup s = setup(boundary(DownWhen.ANY, List.of()), List.of(probe("p", 10)), T0);
    for (int i = 0; i < 12; i++) {
      s.ledger().add("p", run(1, T0 + i * 10 * S, Outcome.GOOD, 10));
    }
    s.ledger().advance(T0 + 100 * S, s.schedule());
    Sums sums = s.ledger().sum(T0 + 30 * S, T0 + 1_000 * S);
    // [1 min, 1 min 40 s): the start rounds up to the minute, the end is where accounting stands
    assertThat(sums.upMs()).isEqualTo(40 * S);
    assertThat(sums.requests()).isEqualTo(new Counts(4, 4));
  }

  @Test
  void longWindowsReadWholeDaysAndHoursAndRoundOldStartsUpToTheHour() {
    Setup s = setup(boundary(DownWhen.ANY, List.of()), List.of(probe("p", 60)), T0);
    long day = 86_400 * S;
    long hour = 3_600 * S;
    for (long t = 0; t < 3 * day; t += 60 * S) {
      boolean down = t >= 10 * hour && t < 11 * hour;
      s.ledger().add("p", run(1, T0 + t, down ? Outcome.BAD : Outcome.GOOD, 20));
      if (t % hour == 0) {
        s.ledger().advance(T0 + t, s.schedule()); // accounting moves on as time passes
      }
    }
    s.ledger().advance(T0 + 3 * day, s.schedule());

    Sums first = s.ledger().sum(T0, T0 + day); // older than the minute ring: hours and the day ring
    assertThat(first.upMs()).isEqualTo(23 * hour);
    assertThat(first.downMs()).isEqualTo(hour);
    assertThat(first.requests()).isEqualTo(new Counts(1_380, 1_440));

    Sums old = s.ledger().sum(T0 + 30 * 60 * S, T0 + 3 * day); // start rounded up to 01:00 on day one
    assertThat(old.upMs() + old.downMs()).isEqualTo(71 * hour);
    assertThat(old.downMs()).isEqualTo(hour);

    Sums recent = s.ledger().sum(T0 + 3 * day - 2 * hour - 30 * S, T0 + 3 * day); // minute precision
    assertThat(recent.upMs()).isEqualTo(2 * hour);
    assertThat(recent.requests()).isEqualTo(new Counts(120, 120));

    Sums middle = s.ledger().sum(T0 + day + 5 * hour, T0 + 2 * day + 7 * hour); // hours, a day, hours
    assertThat(middle.upMs()).isEqualTo(26 * hour);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "random history {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void accountingMatchesTheTimelineRuleOnRandomHistories(int seed) {
    Random random = new Random(seed);
    int n = 1 + random.nextInt(4);
    List<ProbeConfig> probes = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      probes.add(probe("p" + p, 5 + random.nextInt(16)));
    }
    List<MaintenanceConfig> windows = new ArrayList<>();
    for (int w = 0; w < random.nextInt(3); w++) {
      windows.add(new MaintenanceConfig("w" + w, Instant.ofEpochMilli(T0 + random.nextInt(500) * S), null,
          ZoneOffset.UTC, Duration.ofSeconds(30 + random.nextInt(120)), random.nextBoolean()));
    }
    DownWhen[] rules = {DownWhen.ANY, new DownWhen(DownWhen.Mode.ALL, 0), new DownWhen(DownWhen.Mode.MAJORITY, 0),
        new DownWhen(DownWhen.Mode.AT_LEAST, 2)};
    BoundaryConfig b = boundary(rules[random.nextInt(rules.length)], windows);
    long end = T0 + 600 * S;
    Setup s = setup(b, probes, T0);
    Map<String, List<io.vigil.slo.Timeline.Run>> runs = new HashMap<>();
    List<StoredResult> all = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      long interval = probes.get(p).interval().toMillis();
      for (long t = T0 + random.nextInt(3_000); t < end; t += interval + random.nextInt(1_000)) {
        if (random.nextInt(10) == 0) {
          t += 3 * interval; // a gap longer than the coverage
        }
        Outcome o = random.nextInt(10) < 6 ? Outcome.GOOD : random.nextBoolean() ? Outcome.BAD : Outcome.INVALID;
        StoredResult r = run(p + 1, t, o, 10);
        all.add(r);
        runs.computeIfAbsent("p" + p, k -> new ArrayList<>()).add(io.vigil.slo.Timeline.Run.of(
            Instant.ofEpochMilli(t), o != Outcome.INVALID, o == Outcome.GOOD));
      }
    }
    all.sort(Comparator.comparingLong(StoredResult::startMillis));
    long split = T0 + (100 + random.nextInt(400)) * S;
    for (StoredResult r : all) {
      s.ledger().add("p" + (r.probeId() - 1), r);
    }
    s.ledger().advance(split, s.schedule());
    s.ledger().advance(end, s.schedule());

    io.vigil.slo.Span span = new io.vigil.slo.Span(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(end));
    List<io.vigil.slo.Timeline> timelines = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      timelines.add(io.vigil.slo.Timeline.ofRuns(span, probes.get(p).interval(), runs.getOrDefault("p" + p, List.of())));
    }
    List<io.vigil.slo.MaintenanceWindow> overlay = new ArrayList<>();
    for (MaintenanceSchedule.Occurrence o : s.schedule().overlapping("b", span)) {
      overlay.add(o.window());
    }
    io.vigil.slo.Timeline expected = io.vigil.slo.Timeline.combine(span, timelines, b.downWhen()).withMaintenance(overlay);
    Map<io.vigil.slo.State, Long> want = new EnumMap<>(io.vigil.slo.State.class);
    for (io.vigil.slo.Timeline.Segment seg : expected.segments()) {
      want.merge(seg.state(), seg.length().toMillis(), Long::sum);
    }
    Sums got = s.ledger().sum(T0, end);
    assertThat(got.upMs()).isEqualTo(want.getOrDefault(io.vigil.slo.State.UP, 0L));
    assertThat(got.degradedMs()).isEqualTo(want.getOrDefault(io.vigil.slo.State.DEGRADED, 0L));
    assertThat(got.downMs()).isEqualTo(want.getOrDefault(io.vigil.slo.State.DOWN, 0L));
    assertThat(got.unknownMs()).isEqualTo(want.getOrDefault(io.vigil.slo.State.UNKNOWN, 0L));
    assertThat(got.maintenanceMs()).isEqualTo(want.getOrDefault(io.vigil.slo.State.MAINTENANCE, 0L));
  }
}
