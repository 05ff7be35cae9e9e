package io.vigil.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.MaintenanceConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.incident.Incident;
import io.vigil.probe.Outcome;
import io.vigil.probe.PhaseTimings;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.slo.Span;
import io.vigil.store.SqliteStore;
import io.vigil.testing.ManualClock;
import io.vigil.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents from opening to closing: end times, probes and reasons, reloads that keep or drop probe streaks,
 * canaries, silence, the recent-incident list and its limits.
 */
class IncidentLifecycleTest {
  private static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
  private static final long S = 1_000;
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(T0));
  private SqliteStore store;

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
  }

  private static ProbeConfig probe(String name) {
    return TestConfigs.http(name, "shop", "http://127.0.0.1:1/" + name, Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  private static ProbeConfig canary(String name) {
    ProbeConfig p = probe(name);
    return new ProbeConfig(p.name(), p.boundary(), p.title(), p.type(), p.interval(), p.timeout(), p.labels(),
        p.http(), p.tcp(), p.dns(), p.source(), ProbeConfig.Role.CANARY);
  }

  private static VigilConfig config(DownWhen rule, int failuresBeforeDown, List<ProbeConfig> probes) {
    BoundaryConfig b = new BoundaryConfig("shop", "Shop", "", true, rule, failuresBeforeDown, 1, List.of(), List.of(),
        List.of(), "test:1");
    return TestConfigs.config(List.of(b), probes, VigilConfig.HistogramsPer.PROBE);
  }

  private BoundaryTracker tracker(VigilConfig c) {
    store = store == null ? SqliteStore.open(dir.resolve("h.db"), StorageConfig.Retention.DEFAULT, clock) : store;
    BoundaryTracker t = new BoundaryTracker(clock, store);
    t.configure(c, new MaintenanceSchedule(c));
    return t;
  }

  private void run(BoundaryTracker t, ProbeConfig p, long start, Reason reason) {
    t.accept(p, new ProbeResult(p.name(), start, 5_000_000, reason == null ? Outcome.GOOD : Outcome.BAD, reason,
        reason == null ? "" : reason.label(), PhaseTimings.NONE, List.of(), reason == null ? 200 : 0, 0, "", null,
        null));
  }

  private void good(BoundaryTracker t, ProbeConfig p) {
    run(t, p, clock.millis(), null);
  }

  private void bad(BoundaryTracker t, ProbeConfig p, Reason reason) {
    run(t, p, clock.millis(), reason);
  }

  @Test
  void anIncidentEndsAtTheStartOfTheRunThatRecovered() {
    ProbeConfig a = probe("a");
    BoundaryTracker t = tracker(config(DownWhen.ANY, 1, List.of(a)));
    bad(t, a, Reason.STATUS);
    clock.advanceMillis(10 * S);
    long recovering = clock.millis();
    clock.advanceMillis(3 * S); // the good run took three seconds to report
    run(t, a, recovering, null);
    Incident closed = t.incidents("shop").get(0);
    assertThat(closed.endMillis()).isEqualTo(recovering);
    assertThat(closed.resolvedMillis()).isEqualTo(clock.millis());
    assertThat(t.incidents("shop")).as("the closed incident replaces the open one").hasSize(1);
  }

  @Test
  void anIncidentThatEndsBecauseAFailingProbeFellSilentEndsWhenThatIsNoticed() {
    ProbeConfig a = probe("a");
    ProbeConfig b = probe("b");
    BoundaryTracker t = tracker(config(DownWhen.ANY, 1, List.of(a, b)));
    List<StateChange> changes = new ArrayList<>();
    t.onStateChange(changes::add);
    good(t, b);
    bad(t, a, Reason.STATUS);
    for (int i = 0; i < 2; i++) {
      clock.advanceMillis(10 * S);
      good(t, b);
      t.tick();
    }
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DOWN);
    clock.advanceMillis(1_500);
    t.tick(); // a has been silent for more than 2 × 10 s + 1 s: unknown, and b alone is up
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
    Incident closed = t.incidents("shop").get(0);
    assertThat(closed.open()).isFalse();
    assertThat(closed.endMillis()).isEqualTo(clock.millis());
    assertThat(changes).extracting(StateChange::to).containsExactly(BoundaryState.UP, BoundaryState.DOWN,
        BoundaryState.UP);
    assertThat(changes.get(2).atMillis()).isEqualTo(clock.millis());
  }

  @Test
  void aProbeIsCoveredUpToExactlyTwoIntervalsAndASecond() {
    ProbeConfig a = probe("a");
    BoundaryTracker t = tracker(config(DownWhen.ANY, 1, List.of(a)));
    List<StateChange> changes = new ArrayList<>();
    t.onStateChange(changes::add);
    bad(t, a, Reason.STATUS);
    clock.advanceMillis(21 * S);
    t.tick();
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DOWN);
    clock.advanceMillis(1);
    t.tick();
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UNKNOWN);
    assertThat(changes).extracting(StateChange::to).containsExactly(BoundaryState.DOWN, BoundaryState.UNKNOWN);
  }

  @Test
  void invalidRunsNeitherChangeNorRefreshAProbesState() {
    ProbeConfig a = probe("a");
    BoundaryTracker t = tracker(config(DownWhen.ANY, 1, List.of(a)));
    good(t, a);
    for (int i = 0; i < 3; i++) {
      clock.advanceMillis(10 * S);
      t.accept(a, new ProbeResult("a", clock.millis(), 1_000_000, Outcome.INVALID, Reason.PROBER_NETWORK, "",
          PhaseTimings.NONE, List.of(), 0, 0, "", null, null));
      assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
      t.tick();
    }
    assertThat(t.view("shop").state()).as("no valid run for 30 s").isEqualTo(BoundaryState.UNKNOWN);
    assertThat(t.view("shop").probes().get(0).status()).isEqualTo("unknown");
    assertThat(t.view("shop").probes().get(0).last().outcome()).isEqualTo(Outcome.INVALID);
  }

  @Test
  void twoProbesFailingAtTheSameMomentGiveTheReasonOfTheFirstInConfigOrder() {
    ProbeConfig a = probe("a");
    ProbeConfig b = probe("b");
    BoundaryTracker t = tracker(config(new DownWhen(DownWhen.Mode.ALL, 0), 1, List.of(a, b)));
    good(t, a);
    good(t, b);
    clock.advanceMillis(10 * S);
    bad(t, b, Reason.TLS);
    bad(t, a, Reason.DNS);
    Incident open = t.view("shop").openIncident();
    assertThat(open.startMillis()).isEqualTo(T0 + 10 * S);
    assertThat(open.firstReason()).isEqualTo("dns");
    assertThat(open.probes()).containsExactly("a", "b");
  }

  @Test
  void aLaterIncidentNamesOnlyItsOwnProbesAndClosesWhenTheBoundaryIsOnlyDegraded() {
    List<ProbeConfig> p = List.of(probe("a"), probe("b"), probe("c"));
    BoundaryTracker t = tracker(config(new DownWhen(DownWhen.Mode.MAJORITY, 0), 1, p));
    p.forEach(x -> good(t, x));
    clock.advanceMillis(S);
    bad(t, p.get(0), Reason.STATUS);
    bad(t, p.get(1), Reason.STATUS);
    clock.advanceMillis(S);
    good(t, p.get(0)); // b alone fails: degraded ends the incident
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DEGRADED);
    assertThat(t.view("shop").openIncident()).isNull();
    clock.advanceMillis(S);
    good(t, p.get(1));
    clock.advanceMillis(S);
    bad(t, p.get(2), Reason.TIMEOUT);
    bad(t, p.get(1), Reason.TIMEOUT);
    Incident second = t.view("shop").openIncident();
    assertThat(second.probes()).containsExactly("b", "c");
    assertThat(t.incidents("shop")).hasSize(2);
  }

  @Test
  void canariesAreShownButNeverDecideTheBoundary() {
    ProbeConfig a = probe("a");
    ProbeConfig c = canary("c");
    VigilConfig config = config(DownWhen.ANY, 1, List.of(a, c));
    BoundaryTracker t = tracker(config);
    good(t, a);
    bad(t, c, Reason.STATUS);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
    assertThat(t.view("shop").probes()).extracting(ProbeView::status).containsExactly("passing", "failing");
    bad(t, a, Reason.BODY);
    assertThat(t.view("shop").openIncident().probes()).containsExactly("a");
    assertThat(t.view("shop").openIncident().firstReason()).isEqualTo("body");
    // a reload carries both probes' states: the failing canary still does not count
    t.configure(config, new MaintenanceSchedule(config));
    clock.advanceMillis(S);
    good(t, a);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
    // a result of a probe the boundary does not have changes nothing
    ProbeConfig stranger = probe("stranger");
    bad(t, stranger, Reason.STATUS);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
    assertThat(t.views()).extracting(v -> v.config().name()).containsExactly("shop");
  }

  @Test
  void aReloadKeepsStreaksOfAnUnchangedBoundaryAndItsOpenIncidentEitherWay() {
    ProbeConfig a = probe("a");
    ProbeConfig b = probe("b");
    VigilConfig config = config(DownWhen.ANY, 1, List.of(a, b));
    BoundaryTracker t = tracker(config);
    good(t, b);
    bad(t, a, Reason.STATUS);
    Incident open = t.view("shop").openIncident();
    t.configure(config, new MaintenanceSchedule(config));
    assertThat(t.view("shop").openIncident()).isEqualTo(open);
    t.tick();
    assertThat(t.view("shop").state()).as("a is still failing after the reload").isEqualTo(BoundaryState.DOWN);

    VigilConfig stricter = config(DownWhen.ANY, 2, List.of(a, b)); // the boundary's definition changed
    t.configure(stricter, new MaintenanceSchedule(stricter));
    assertThat(t.view("shop").openIncident()).isEqualTo(open);
    assertThat(t.view("shop").probes()).extracting(ProbeView::status).containsExactly("unknown", "unknown");
    t.tick();
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UNKNOWN);
    good(t, a);
    assertThat(t.incidents("shop").get(0).open()).isFalse();
  }

  @Test
  void aBurningLatencySloShowsAsDegraded() {
    ProbeConfig a = probe("a");
    BoundaryTracker t = tracker(config(DownWhen.ANY, 1, List.of(a)));
    good(t, a);
    t.latencyBurning("shop", true);
    t.latencyBurning("nope", true);
    t.tick();
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DEGRADED);
    t.latencyBurning("shop", false);
    t.tick();
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
    assertThat(t.view("nope")).isNull();
    assertThat(t.incidents("nope")).isEmpty();
    assertThat(BoundaryState.DEGRADED.label()).isEqualTo("degraded");
  }

  @Test
  void recentIncidentsAreThoseOfTheLastNinetyDaysAtMostTwoHundredAndSurviveARestart() {
    ProbeConfig a = probe("a");
    VigilConfig config = config(DownWhen.ANY, 1, List.of(a));
    BoundaryTracker t = tracker(config);
    bad(t, a, Reason.STATUS);
    clock.advanceMillis(10 * S);
    good(t, a);
    long firstEnd = clock.millis();
    for (int i = 0; i < BoundaryTracker.RECENT_INCIDENTS; i++) {
      clock.advanceMillis(10 * S);
      bad(t, a, Reason.STATUS);
      clock.advanceMillis(10 * S);
      good(t, a);
    }
    List<Incident> all = t.incidents("shop");
    assertThat(all).hasSize(BoundaryTracker.RECENT_INCIDENTS);
    assertThat(all.get(0).endMillis()).isEqualTo(clock.millis());
    assertThat(all).extracting(Incident::endMillis).doesNotContain(firstEnd);
    store.flush();

    // after a restart the list is read back from history
    BoundaryTracker again = tracker(config);
    assertThat(again.incidents("shop")).isEqualTo(all);
    // an incident that ended exactly 90 days ago is still listed; a millisecond later it is not
    long lastEnd = clock.millis();
    clock.setMillis(all.get(1).endMillis() + BoundaryTracker.RECENT_MILLIS);
    assertThat(again.incidents("shop")).hasSize(2);
    clock.setMillis(lastEnd + BoundaryTracker.RECENT_MILLIS);
    assertThat(again.incidents("shop")).hasSize(1);
    clock.advanceMillis(1);
    assertThat(again.incidents("shop")).isEmpty();
    BoundaryTracker later = tracker(config);
    assertThat(later.incidents("shop")).as("read back only within 90 days").isEmpty();
  }

  @Test
  void anOpenIncidentIsListedHoweverOld() {
    ProbeConfig a = probe("a");
    BoundaryTracker t = tracker(config(DownWhen.ANY, 1, List.of(a)));
    bad(t, a, Reason.STATUS);
    clock.advanceMillis(BoundaryTracker.RECENT_MILLIS + 1);
    assertThat(t.incidents("shop")).hasSize(1);
  }

  @Test
  void aCronWindowEveryMinuteIsExpandedAtMostTenThousandTimes() {
    MaintenanceConfig m = new MaintenanceConfig("churn", null, "* * * * *", ZoneOffset.UTC, Duration.ofSeconds(30),
        false);
    BoundaryConfig b = new BoundaryConfig("shop", "Shop", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(),
        List.of(m), "test:1");
    MaintenanceSchedule s = new MaintenanceSchedule(TestConfigs.config(List.of(b), List.of(),
        VigilConfig.HistogramsPer.PROBE));
    Instant from = Instant.ofEpochMilli(T0);
    assertThat(s.overlapping("shop", new Span(from, from.plus(Duration.ofDays(8))))).hasSize(10_000);
    assertThat(s.overlapping("shop", new Span(from, from.plus(Duration.ofMinutes(3))))).hasSize(3);
  }

  @Test
  void aProbeThatStartsFailingWhileAnIncidentIsOpenJoinsItKeepingItsStartAndFirstReason() {
    ProbeConfig a = probe("a");
    ProbeConfig b = probe("b");
    BoundaryTracker t = tracker(config(DownWhen.ANY, 1, List.of(a, b)));
    good(t, a);
    good(t, b);
    clock.advanceMillis(10 * S);
    bad(t, a, Reason.DNS);
    Incident first = t.view("shop").openIncident();
    assertThat(first.probes()).containsExactly("a");
    clock.advanceMillis(10 * S);
    bad(t, b, Reason.TLS);
    Incident grown = t.view("shop").openIncident();
    assertThat(grown.id()).isEqualTo(first.id());
    assertThat(grown.startMillis()).isEqualTo(T0 + 10 * S);
    assertThat(grown.firstReason()).isEqualTo("dns");
    assertThat(grown.probes()).containsExactly("a", "b");
    assertThat(t.incidents("shop")).singleElement().extracting(Incident::probes).asList().containsExactly("a", "b");
  }
}
