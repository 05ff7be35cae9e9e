package io.vigil.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.ProbeConfig;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
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
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' accountants over one shared history, both accounting every run: only the owner writes, and the node
 * that takes a boundary over after its owner died rebuilds it from history (checkpoint plus raw results since)
 * and ends with exactly the numbers of an owner that never stopped, each run counted once.
 */
class OwnershipTest {
  private static final long T0 = Instant.parse("2026-11-02T10:17:23.250Z").toEpochMilli();
  private static final long S = 1_000;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(T0));
  private SqliteStore store;
  private final ProbeConfig probe = TestConfigs.http("p", "shop", "http://127.0.0.1:1/", Duration.ofSeconds(10),
      Duration.ofSeconds(5));
  private final VigilConfig config = TestConfigs.config(List.of(new BoundaryConfig("shop", "Shop", "", true,
      DownWhen.ANY, 1, 1, List.of(), List.of(), List.of(), "test:1")), List.of(probe),
      VigilConfig.HistogramsPer.PROBE);

  @AfterEach
  void close() {
    store.close();
  }

  private Accountant node() {
    Accountant a = new Accountant(clock, store);
    a.configure(config, new MaintenanceSchedule(config));
    return a;
  }

  /** Runs every 10 s from now for {@code seconds}: stored raw by the node that ran them, accounted by all. */
  private void runs(int seconds, Accountant runner, Accountant... all) {
    for (int i = 0; i < seconds / 10; i++) {
      boolean good = (clock.millis() / S / 10) % 3 != 0;
      ProbeResult r = new ProbeResult("p", clock.millis(), 20_000_000, good ? Outcome.GOOD : Outcome.BAD,
          good ? null : Reason.STATUS, good ? "" : "503", PhaseTimings.NONE, List.of(), good ? 200 : 503, 0, "",
          null, null);
      new RawResults(store, runner::probeId).accept(probe, r);
      for (Accountant a : all) {
        a.accept(probe, r);
      }
      clock.advanceMillis(10 * S);
      for (Accountant a : all) {
        a.advance();
      }
    }
  }

  @Test
  void theNodeThatTakesOverEndsWithTheNumbersOfAnOwnerThatNeverStopped() {
    store = SqliteStore.open(dir.resolve("h.db"), StorageConfig.Retention.DEFAULT, clock);
    Accountant owner = node();
    Accountant other = node();
    Accountant reference = node(); // never stops, never writes
    owner.own(Set.of());
    other.own(Set.of());
    reference.own(Set.of());
    owner.own(Set.of("shop"));

    runs(600, owner, owner, other, reference);
    owner.persist();
    other.persist(); // not its boundary: nothing written
    store.flush();
    long written = store.checkpoint(owner.boundaryId("shop")).orElseThrow();
    assertThat(written).isEqualTo(owner.accountedUntil("shop"));

    runs(300, owner, owner, other, reference); // the owner dies now, these five minutes never written by it
    other.own(Set.of("shop"));
    // rebuilt from history: the checkpoint the owner wrote, then the raw results since, replayed
    assertThat(other.accountedUntil("shop")).isEqualTo(written);
    runs(120, other, other, reference);
    other.advance();
    reference.advance();
    assertThat(other.accountedUntil("shop")).isEqualTo(reference.accountedUntil("shop"));
    long from = T0 - 3_600 * S;
    long to = clock.millis();
    Sums expected = reference.sums("shop", from, to);
    Sums got = other.sums("shop", from, to);
    assertThat(got.requests()).isEqualTo(expected.requests());
    assertThat(got.requests().valid()).isEqualTo(102); // 60 + 30 + 12 runs, none counted twice
    assertThat(got.upMs()).isEqualTo(expected.upMs());
    assertThat(got.downMs()).isEqualTo(expected.downMs());
    assertThat(got.unknownMs()).isEqualTo(expected.unknownMs());

    // what the new owner writes is what a restart reads
    other.persist();
    store.flush();
    Accountant restarted = node();
    restarted.advance();
    assertThat(restarted.sums("shop", from, to).requests()).isEqualTo(expected.requests());
  }
}
