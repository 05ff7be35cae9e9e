package io.vigil.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.LatencyBandsConfig;
import io.vigil.config.Owner;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live state of a boundary whose probe runs in three locations (this node's, "test", and two others): one
 * failing location degrades it, a majority takes it down and opens the incident, a location that falls silent
 * leaves the quorum.
 */
class LocationQuorumStateTest {
  private static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(T0));
  private SqliteStore store;
  private final ProbeConfig probe = TestConfigs.http("p", "shop", "http://127.0.0.1:1/", Duration.ofSeconds(10),
      Duration.ofSeconds(5));

  @AfterEach
  void tearDown() {
    store.close();
  }

  private BoundaryTracker tracker(DownWhen quorum) {
    store = SqliteStore.open(dir.resolve("h.db"), StorageConfig.Retention.DEFAULT, clock);
    BoundaryConfig b = new BoundaryConfig("shop", "Shop", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(),
        List.of(), "test:1", Owner.NONE, LatencyBandsConfig.DEFAULT, List.of(),
        BoundaryConfig.DEFAULT_POSTMORTEM_AFTER, quorum);
    VigilConfig config = TestConfigs.config(List.of(b), List.of(probe), VigilConfig.HistogramsPer.PROBE);
    BoundaryTracker t = new BoundaryTracker(clock, store);
    t.configure(config, new MaintenanceSchedule(config));
    return t;
  }

  /** A run at {@code location} (null: this node's own) started {@code msAgo} before now. */
  private void run(BoundaryTracker t, String location, boolean good, long msAgo) {
    t.accept(probe, location, new ProbeResult(probe.name(), clock.millis() - msAgo, 5_000_000,
        good ? Outcome.GOOD : Outcome.BAD, good ? null : location == null ? Reason.TIMEOUT : Reason.STATUS,
        good ? "" : "failed", PhaseTimings.NONE, List.of(), good ? 200 : 503, 0, "", null, null));
  }

  @Test
  void oneFailingLocationDegradesAMajorityTakesItDown() {
    BoundaryTracker t = tracker(new DownWhen(DownWhen.Mode.MAJORITY, 0));
    run(t, null, true, 0);
    run(t, "us", true, 0);
    run(t, "ap", true, 0);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.UP);

    clock.advanceMillis(10_000);
    run(t, "us", false, 0);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DEGRADED);
    assertThat(t.view("shop").openIncident()).isNull();
    assertThat(t.view("shop").probes().get(0).status()).isEqualTo("passing");

    clock.advanceMillis(2_000);
    run(t, "ap", false, 0);
    BoundaryView down = t.view("shop");
    assertThat(down.state()).isEqualTo(BoundaryState.DOWN);
    Incident open = down.openIncident();
    assertThat(open.startMillis()).isEqualTo(T0 + 10_000); // the first location that failed, us
    assertThat(open.firstReason()).isEqualTo(Reason.STATUS.label());
    ProbeView p = down.probes().get(0);
    assertThat(p.status()).isEqualTo("failing");
    assertThat(p.locations()).isEqualTo(Map.of("test", "passing", "us", "failing", "ap", "failing"));
  }

  @Test
  void aSilentLocationLeavesTheQuorumAndTheIncidentEnds() {
    BoundaryTracker t = tracker(new DownWhen(DownWhen.Mode.MAJORITY, 0));
    run(t, null, true, 0);
    run(t, "us", false, 0);
    run(t, "ap", false, 0);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DOWN);
    // us keeps failing and this node keeps passing; ap goes silent: after 2 × interval + 1 s it is unknown
    for (int i = 1; i <= 3; i++) {
      clock.advanceMillis(10_000);
      run(t, null, true, 0);
      run(t, "us", false, 0);
      t.tick();
    }
    BoundaryView v = t.view("shop");
    assertThat(v.state()).isEqualTo(BoundaryState.DEGRADED); // 1 of 2 known locations: no majority
    assertThat(v.openIncident()).isNull();
    assertThat(v.probes().get(0).locations()).containsEntry("ap", "unknown");
  }

  @Test
  void onlyTheOwnerWritesIncidentsAndANewOwnerWritesTheOpenOneAtOnce() {
    BoundaryTracker t = tracker(new DownWhen(DownWhen.Mode.MAJORITY, 0));
    t.own(Set.of()); // another node owns shop
    run(t, null, false, 0);
    run(t, "us", false, 0);
    assertThat(t.view("shop").openIncident()).isNotNull();
    store.flush();
    assertThat(store.openIncidents()).isEmpty();

    t.own(Set.of("shop")); // its owner is gone: this node writes what it holds
    store.flush();
    assertThat(store.openIncidents()).extracting(Incident::id).containsExactly(t.view("shop").openIncident().id());
  }

  @Test
  void withAnyOneLocationIsEnough() {
    BoundaryTracker t = tracker(DownWhen.ANY);
    run(t, null, true, 0);
    run(t, "us", true, 0);
    run(t, "ap", false, 0);
    assertThat(t.view("shop").state()).isEqualTo(BoundaryState.DOWN);
  }
}
