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
import io.vigil.store.SqliteStore;
import io.vigil.testing.ManualClock;
import io.vigil.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live boundary state with thresholds, unknown after silence, maintenance, and incidents. */
class BoundaryTrackerTest {
  private static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
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

  private BoundaryTracker tracker(DownWhen rule, int failuresBeforeDown, int successesBeforeUp,
      List<MaintenanceConfig> maintenance, List<ProbeConfig> probes) {
    store = store == null ? SqliteStore.open(dir.resolve("h.db"), StorageConfig.Retention.DEFAULT, clock) : store;
    BoundaryConfig b = new BoundaryConfig("shop", "Shop", "", true, rule, failuresBeforeDown, successesBeforeUp,
        List.of(), List.of(), maintenance, "test:1");
    VigilConfig config = TestConfigs.config(List.of(b), probes, VigilConfig.HistogramsPer.PROBE);
    BoundaryTracker t = new BoundaryTracker(clock, store);
    t.configure(config, new MaintenanceSchedule(config));
    return t;
  }

  private void run(BoundaryTracker t, ProbeConfig p, boolean good) {
    t.accept(p, new ProbeResult(p.name(), clock.millis(), 5_000_000, good ? Outcome.GOOD : Outcome.BAD,
        good ? null : Reason.STATUS, good ? "" : "status: 503", PhaseTimings.NONE, List.of(), good ? 200 : 503, 0,
        "", null, null));
  }

  @Test
  void failuresBeforeDownIgnoresABlipAndSuccessesBeforeUpWaitsForRecovery() {
    ProbeConfig a = probe("a");
    BoundaryTracker t = tracker(DownWhen.ANY, 2, 2, List.of(), List.of(a));
    List<StateChange> changes = new ArrayList<>();
    t.onStateChange(changes::add);
    run(t, a, true);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
    clock.advanceMillis(10_000);
    run(t, a, false); // one bad run: a blip
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
    long firstFailure = clock.millis() + 10_000;
    clock.setMillis(firstFailure);
    run(t, a, true);
    clock.advanceMillis(10_000);
    run(t, a, false);
    clock.advanceMillis(10_000);
    run(t, a, false); // second in a row: down
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DOWN);
    long detected = clock.millis();
    clock.advanceMillis(10_000);
    long recoveryStart = clock.millis();
    run(t, a, true);
    assertThat(t.view("shop").state()).as("one good run is not enough").isEqualTo(BoundaryState.DOWN);
    clock.advanceMillis(10_000);
    run(t, a, true);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);

    assertThat(changes).extracting(StateChange::to)
        .containsExactly(BoundaryState.UP, BoundaryState.DOWN, BoundaryState.UP);
    Incident i = t.incidents("shop").get(0);
    assertThat(i.startMillis()).as("the first failing run of the streak").isEqualTo(firstFailure + 10_000);
    assertThat(i.detectedMillis()).isEqualTo(detected);
    assertThat(i.endMillis()).as("the good run that completed the recovery").isEqualTo(recoveryStart + 10_000);
    assertThat(i.probes()).containsExactly("a");
    assertThat(i.firstReason()).isEqualTo("status");
    store.flush();
    assertThat(store.incidents("shop", 0, Long.MAX_VALUE)).containsExactly(i);
  }

  @Test
  void downWhenMajorityLeavesAMinorityFailureDegraded() {
    List<ProbeConfig> probes = List.of(probe("a"), probe("b"), probe("c"));
    BoundaryTracker t = tracker(new DownWhen(DownWhen.Mode.MAJORITY, 0), 1, 1, List.of(), probes);
    probes.forEach(p -> run(t, p, true));
    run(t, probes.get(0), false);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DEGRADED);
    assertThat(t.incidents("shop")).isEmpty();
    run(t, probes.get(1), false);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DOWN);
    assertThat(t.view("shop").openIncident().probes()).containsExactly("a", "b");
  }

  @Test
  void silentProbesTurnUnknownAfterTwoIntervalsWithoutClosingTheIncident() {
    ProbeConfig a = probe("a");
    BoundaryTracker t = tracker(DownWhen.ANY, 1, 1, List.of(), List.of(a));
    run(t, a, false);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DOWN);
    clock.advanceMillis(20_000);
    t.tick();
    assertThat(t.view("shop").state()).as("2 x interval is still covered (plus slack)").isEqualTo(BoundaryState.DOWN);
    clock.advanceMillis(1_500);
    t.tick();
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UNKNOWN);
    assertThat(t.view("shop").openIncident()).as("unknown does not end an incident").isNotNull();
  }

  @Test
  void maintenanceShowsAsMaintenance() {
    ProbeConfig a = probe("a");
    MaintenanceConfig m = new MaintenanceConfig("upgrade", Instant.ofEpochMilli(T0 + 60_000), null, ZoneOffset.UTC,
        Duration.ofMinutes(10), false);
    BoundaryTracker t = tracker(DownWhen.ANY, 1, 1, List.of(m), List.of(a));
    run(t, a, true);
    clock.setMillis(T0 + 90_000);
    run(t, a, false);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.MAINTENANCE);
    assertThat(t.incidents("shop")).isEmpty();
    clock.setMillis(T0 + 11 * 60_000);
    run(t, a, true);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
  }

  @Test
  void anIncidentLeftOpenByACrashResumesAndClosesAfterRestart() {
    ProbeConfig a = probe("a");
    BoundaryTracker first = tracker(DownWhen.ANY, 1, 1, List.of(), List.of(a));
    run(first, a, false);
    Incident open = first.view("shop").openIncident();
    store.flush();

    clock.advanceMillis(300_000); // Vigil was gone for five minutes
    BoundaryTracker second = tracker(DownWhen.ANY, 1, 1, List.of(), List.of(a));
    assertThat(second.view("shop").state()).isEqualTo(BoundaryState.UNKNOWN);
    assertThat(second.view("shop").openIncident()).isEqualTo(open);
    run(second, a, true);
    assertThat(second.view("shop").state()).isEqualTo(BoundaryState.UP);
    Incident closed = second.incidents("shop").get(0);
    assertThat(closed.id()).isEqualTo(open.id());
    assertThat(closed.open()).isFalse();
    assertThat(closed.endMillis()).isEqualTo(clock.millis());
  }

  private void fail(BoundaryTracker t, ProbeConfig p, Reason reason) {
    t.accept(p, new ProbeResult(p.name(), clock.millis(), 5_000_000, Outcome.BAD, reason, reason.label(),
        PhaseTimings.NONE, List.of(), 0, 0, "", null, null));
  }

  @Test
  void theFirstReasonIsThatOfTheProbeWhoseFailingStreakBeganFirst() {
    ProbeConfig a = probe("a");
    ProbeConfig b = probe("b");
    BoundaryTracker t = tracker(new DownWhen(DownWhen.Mode.ALL, 0), 2, 1, List.of(), List.of(a, b));
    run(t, b, true);
    fail(t, a, Reason.TIMEOUT); // a's streak begins at T0
    clock.advanceMillis(10_000);
    fail(t, a, Reason.TIMEOUT);
    clock.advanceMillis(5_000);
    fail(t, b, Reason.STATUS); // b's streak begins at T0 + 15 s
    clock.advanceMillis(5_000);
    fail(t, a, Reason.TIMEOUT); // a's last run (T0 + 20 s) is later than b's first failure
    clock.advanceMillis(5_000);
    fail(t, b, Reason.STATUS);
    Incident open = t.view("shop").openIncident();
    assertThat(open).isNotNull();
    assertThat(open.startMillis()).isEqualTo(T0);
    assertThat(open.firstReason()).as("a failed first").isEqualTo("timeout");
  }

  private void invalid(BoundaryTracker t, ProbeConfig p) {
    t.accept(p, new ProbeResult(p.name(), clock.millis(), 5_000_000, Outcome.INVALID, Reason.PROBER_NETWORK,
        "prober network", PhaseTimings.NONE, List.of(), 0, 0, "", null, null));
  }

  @Test
  void aGoodRunShortOfRecoveryDoesNotMoveTheStartOfAFailingStreak() {
    ProbeConfig a = probe("a");
    ProbeConfig b = probe("b");
    BoundaryTracker t = tracker(new DownWhen(DownWhen.Mode.ALL, 0), 1, 2, List.of(), List.of(a, b));
    run(t, b, true);
    fail(t, a, Reason.TIMEOUT); // a fails at T0: degraded (b still passes)
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DEGRADED);
    clock.advanceMillis(10_000);
    run(t, a, true); // one good run of the two a needs to pass again: a is still failing
    clock.advanceMillis(5_000);
    fail(t, b, Reason.STATUS); // both failing: down
    Incident open = t.view("shop").openIncident();
    assertThat(open).isNotNull();
    assertThat(open.startMillis()).as("a's failing streak began at T0, not at its good run").isEqualTo(T0);
    assertThat(open.firstReason()).as("a failed first, by a timeout").isEqualTo("timeout");
  }

  @Test
  void aFailingStreakInterruptedByAShortGoodRunKeepsItsStart() {
    ProbeConfig a = probe("a");
    ProbeConfig b = probe("b");
    BoundaryTracker t = tracker(new DownWhen(DownWhen.Mode.ALL, 0), 1, 2, List.of(), List.of(a, b));
    run(t, b, true);
    fail(t, a, Reason.TIMEOUT); // T0
    clock.advanceMillis(10_000);
    run(t, a, true); // short of recovery
    clock.advanceMillis(10_000);
    fail(t, a, Reason.TIMEOUT); // the same failing streak goes on
    clock.advanceMillis(1_000);
    invalid(t, a); // a prober-side run says nothing about the service
    clock.advanceMillis(4_000);
    fail(t, b, Reason.STATUS);
    Incident open = t.view("shop").openIncident();
    assertThat(open.startMillis()).isEqualTo(T0);
    assertThat(open.firstReason()).isEqualTo("timeout");
  }

  @Test
  void aRecoveredProbeStartsANewStreakOnItsNextFailure() {
    ProbeConfig a = probe("a");
    ProbeConfig b = probe("b");
    BoundaryTracker t = tracker(new DownWhen(DownWhen.Mode.ALL, 0), 1, 2, List.of(), List.of(a, b));
    run(t, b, true);
    fail(t, a, Reason.TIMEOUT); // T0
    clock.advanceMillis(10_000);
    run(t, a, true);
    clock.advanceMillis(10_000);
    run(t, a, true); // two good runs: a passes again
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);
    clock.advanceMillis(10_000);
    long again = clock.millis();
    fail(t, a, Reason.TLS);
    clock.advanceMillis(5_000);
    fail(t, b, Reason.STATUS);
    Incident open = t.view("shop").openIncident();
    assertThat(open.startMillis()).as("a's new streak").isEqualTo(again);
    assertThat(open.firstReason()).isEqualTo("tls");
  }

  @Test
  void anOpenIncidentOfABoundaryAddedOnALaterReloadIsResumed() {
    ProbeConfig a = probe("a");
    BoundaryTracker first = tracker(DownWhen.ANY, 1, 1, List.of(), List.of(a));
    run(first, a, false);
    Incident open = first.view("shop").openIncident();
    store.flush();

    // Vigil restarts without the boundary, then a reload brings it back
    clock.advanceMillis(300_000);
    BoundaryConfig other = new BoundaryConfig("other", "Other", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(),
        List.of(), "test:1");
    ProbeConfig o = TestConfigs.http("o", "other", "http://127.0.0.1:1/o", Duration.ofSeconds(10),
        Duration.ofSeconds(5));
    VigilConfig without = TestConfigs.config(List.of(other), List.of(o), VigilConfig.HistogramsPer.PROBE);
    BoundaryTracker second = new BoundaryTracker(clock, store);
    second.configure(without, new MaintenanceSchedule(without));
    BoundaryConfig shop = new BoundaryConfig("shop", "Shop", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(),
        List.of(), "test:1");
    VigilConfig with = TestConfigs.config(List.of(other, shop), List.of(o, a), VigilConfig.HistogramsPer.PROBE);
    second.configure(with, new MaintenanceSchedule(with));
    assertThat(second.view("shop").openIncident()).as("resumed from history").isEqualTo(open);

    run(second, a, true);
    Incident closed = second.incidents("shop").get(0);
    assertThat(closed.id()).isEqualTo(open.id());
    assertThat(closed.open()).isFalse();
    store.flush();
    assertThat(store.openIncidents()).as("no incident left open, none opened twice").isEmpty();
    assertThat(store.incidents("shop", 0, Long.MAX_VALUE)).hasSize(1);
  }
}
