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
import io.vigil.slo.Counts;
import io.vigil.store.StoredResult;
import io.vigil.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Location quorum in accounting: a probe that runs in several locations counts as failing only while its
 * {@code locations_down_when} sees it failing; fewer failing locations make the boundary degraded; every
 * location's runs count in the request-based SLIs; a location that falls silent drops out of the quorum.
 */
class LocationQuorumTest {
  private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  private static final long S = 1000;
  private static final String HOME = "eu";
  private static final List<String> LOCATIONS = List.of(HOME, "us", "ap");

  private static final ProbeConfig PROBE = TestConfigs.http("p", "b", "http://127.0.0.1:1/", Duration.ofSeconds(10),
      Duration.ofSeconds(5));

  private static Ledger ledger(DownWhen quorum) {
    BoundaryConfig b = new BoundaryConfig("b", "b", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(), List.of(),
        "test:1", Owner.NONE, LatencyBandsConfig.DEFAULT, List.of(), BoundaryConfig.DEFAULT_POSTMORTEM_AFTER,
        quorum);
    return new Ledger(b, 7, List.of(PROBE), Map.of("p", 1), T0, HOME);
  }

  private static MaintenanceSchedule none() {
    BoundaryConfig b = new BoundaryConfig("b", "b", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(), List.of(),
        "test:1");
    return new MaintenanceSchedule(TestConfigs.config(List.of(b), List.of(PROBE), VigilConfig.HistogramsPer.PROBE));
  }

  private static StoredResult run(String location, long start, boolean good) {
    return new StoredResult(1, start, 20_000, good ? Outcome.GOOD : Outcome.BAD, good ? null : Reason.STATUS, 200,
        location.equals(HOME) ? null : location);
  }

  /**
   * Four 10 s slices, every location running each slice: none failing, then one, two, and all three of them.
   * Down time is the slices in which the quorum sees the probe failing; the slices with some failing locations
   * short of it are degraded.
   */
  @ParameterizedTest(name = "locations_down_when {0}: down {1} s, degraded {2} s")
  @CsvSource({"any, 30, 0", "majority, 20, 10", "all, 10, 20", "2, 20, 10"})
  void theQuorumDecidesDownAndFewerFailingLocationsDegrade(String rule, long downSeconds, long degradedSeconds) {
    DownWhen quorum = switch (rule) {
      case "any" -> DownWhen.ANY;
      case "majority" -> new DownWhen(DownWhen.Mode.MAJORITY, 0);
      case "all" -> new DownWhen(DownWhen.Mode.ALL, 0);
      default -> new DownWhen(DownWhen.Mode.AT_LEAST, Integer.parseInt(rule));
    };
    Ledger l = ledger(quorum);
    for (int slice = 0; slice < 4; slice++) {
      for (int i = 0; i < LOCATIONS.size(); i++) {
        l.add("p", run(LOCATIONS.get(i), T0 + slice * 10 * S + i, i >= slice));
      }
    }
    l.advance(T0 + 40 * S, none());
    Sums sums = l.sum(T0, T0 + 40 * S);
    assertThat(sums.downMs()).isBetween(downSeconds * S - 2, downSeconds * S + 2);
    assertThat(sums.degradedMs()).isBetween(degradedSeconds * S - 2, degradedSeconds * S + 2);
    assertThat(sums.upMs() + sums.degradedMs() + sums.downMs()).isEqualTo(40 * S);
    // every location's runs are requests: 12 runs, 6 good (3 + 2 + 1 + 0)
    assertThat(sums.requests()).isEqualTo(new Counts(6, 12));
  }

  @Test
  void aSilentLocationLeavesTheQuorum() {
    Ledger l = ledger(new DownWhen(DownWhen.Mode.MAJORITY, 0));
    // ap stops after its first run (coverage 2 × 10 s); eu fails throughout, us is good until 30 s, then fails
    l.add("p", run("ap", T0, true));
    for (int slice = 0; slice < 6; slice++) {
      l.add("p", run(HOME, T0 + slice * 10 * S, false));
      l.add("p", run("us", T0 + slice * 10 * S, slice < 3));
    }
    l.advance(T0 + 60 * S, none());
    Sums sums = l.sum(T0, T0 + 60 * S);
    // [0, 20 s): 1 of 3 failing, degraded; [20, 30 s): 1 of 2, degraded; [30, 60 s): 2 of 2, down
    assertThat(sums.degradedMs()).isEqualTo(30 * S);
    assertThat(sums.downMs()).isEqualTo(30 * S);
  }

  @Test
  void aRunReceivedTwiceIsCountedOnce() {
    Ledger l = ledger(new DownWhen(DownWhen.Mode.MAJORITY, 0));
    for (int slice = 0; slice < 3; slice++) {
      l.add("p", run("us", T0 + slice * 10 * S, true));
    }
    // the same runs again, replayed from history when the boundary is taken over, one out of order
    l.replay("p", run("us", T0 + 10 * S, true));
    l.add("p", run("us", T0, true));
    l.add("p", run("us", T0 + 20 * S, true));
    l.advance(T0 + 30 * S, none());
    assertThat(l.sum(T0, T0 + 30 * S).requests()).isEqualTo(new Counts(3, 3));
  }

  @Test
  void thisNodesOwnRunsAreOneLocationWhetherNamedOrNot() {
    Ledger l = ledger(new DownWhen(DownWhen.Mode.ALL, 0));
    // a single process stores no location; a cluster node's own rows name it: both are the home series
    l.add("p", new StoredResult(1, T0, 20_000, Outcome.BAD, Reason.STATUS, 500, null));
    l.add("p", new StoredResult(1, T0 + 10 * S, 20_000, Outcome.BAD, Reason.STATUS, 500, HOME));
    l.advance(T0 + 20 * S, none());
    Sums sums = l.sum(T0, T0 + 20 * S);
    assertThat(sums.downMs()).isEqualTo(20 * S); // "all" of one location
    assertThat(sums.requests()).isEqualTo(new Counts(0, 2));
  }
}
