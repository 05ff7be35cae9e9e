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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart after days of history answers multi-day windows as if Vigil had kept running. */
class AccountantRestartDaysTest {
  private static final long T0 = Instant.parse("2026-11-02T10:17:23.250Z").toEpochMilli();
  private static final long S = 1_000;
  private static final long H = 3_600 * S;
  private static final long DAY = 24 * H;
  private static final long INTERVAL = 600 * S;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(T0));
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static final ProbeConfig A = TestConfigs.http("a", "shop", "http://127.0.0.1:1/a",
      Duration.ofMillis(INTERVAL), Duration.ofSeconds(5));
  private static final VigilConfig CONFIG = TestConfigs.config(List.of(new BoundaryConfig("shop", "Shop", "", true,
      DownWhen.ANY, 1, 1, List.of(), List.of(), List.of(), "test:1")), List.of(A), VigilConfig.HistogramsPer.PROBE);

  private Accountant accountant() {
    Accountant a = new Accountant(clock, store);
    a.configure(CONFIG, new MaintenanceSchedule(CONFIG));
    return a;
  }

  private void report(Accountant acc, long start, boolean good) {
    ProbeResult r = new ProbeResult("a", start, 20_000_000, good ? Outcome.GOOD : Outcome.BAD,
        good ? null : Reason.STATUS, good ? "" : "status: 503", PhaseTimings.NONE, List.of(), good ? 200 : 503, 0,
        "", null, null);
    new RawResults(store, acc::probeId).accept(A, r);
    acc.accept(A, r);
  }

  @Test
  void windowsOfSeveralDaysAndTheUnpersistedRunsSurviveARestart() {
    store = SqliteStore.open(dir.resolve("h.db"), StorageConfig.Retention.DEFAULT, clock);
    Accountant acc = accountant();
    long t = T0;
    int n = 0;
    for (; t < T0 + 4 * DAY; t += INTERVAL, n++) {
      clock.setMillis(t);
      report(acc, t, n % 37 != 5); // a bad run now and then, on every day
      clock.setMillis(t + 10 * S);
      acc.advance();
      acc.persist();
    }
    // two more runs are accounted but not persisted: a restart must replay them from the raw results
    for (int k = 0; k < 2; k++, t += INTERVAL, n++) {
      clock.setMillis(t);
      report(acc, t, n % 2 == 0);
      clock.setMillis(t + 10 * S);
      acc.advance();
    }
    store.flush();
    long now = clock.millis();
    Accountant again = accountant();
    again.advance();
    assertThat(again.accountedUntil("shop")).isEqualTo(acc.accountedUntil("shop"));
    for (long window : new long[] {H, DAY, 2 * DAY, 3 * DAY, 4 * DAY}) {
      Sums want = acc.sums("shop", now - window, now);
      Sums got = again.sums("shop", now - window, now);
      assertThat(got.requests()).as("requests over %d h", window / H).isEqualTo(want.requests());
      assertThat(got.time()).as("time over %d h", window / H).isEqualTo(want.time());
    }
    assertThat(acc.sums("shop", now - 3 * DAY, now).requests().bad()).isGreaterThan(3);
  }
}
