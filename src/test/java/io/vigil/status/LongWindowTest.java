package io.vigil.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.BoundaryTracker;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.SloConfig;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.history.Accountant;
import io.vigil.slo.Counts;
import io.vigil.store.BucketRow;
import io.vigil.store.LatencyHistogram;
import io.vigil.store.Resolution;
import io.vigil.store.SqliteStore;
import io.vigil.store.Subject;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 365-day rolling SLO from day rollups alone (as after a restart, a year after the first run). Every one of
 * the 365 whole days before now holds 1,440 valid runs with 1 bad and 60 s of downtime; day 366 (outside the
 * window) was a full-day outage and must not count. T = 99.9%:
 * <ul>
 *   <li>time: down 365 min = 21,900 s of 365 d; allowed (1 − T) × 365 d = 31,536 s; consumed 21,900 / 31,536 =
 *       69.444…%; 9,636 s (2 h 40 min 36 s) left. Summing only the last 95 days would say 5,700 s (18.07%).</li>
 *   <li>requests: 525,235 good of 525,600 valid, SLI 99.930555…%, budget 525.6 runs, consumed 365 / 525.6 =
 *       69.444…%.</li>
 * </ul>
 */
class LongWindowTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final long DAY = Resolution.DAY.millis();

  @TempDir Path dir;

  @Test
  void aYearLongWindowSumsEveryDayOfTheYearFromDayRollups() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SloConfig uptime = new SloConfig("uptime", SloConfig.Sli.TIME, new BigDecimal("0.999"),
        SloConfig.SloWindow.rolling(Duration.ofDays(365)), ZoneOffset.UTC);
    SloConfig requests = new SloConfig("availability", SloConfig.Sli.REQUESTS, new BigDecimal("0.999"),
        SloConfig.SloWindow.rolling(Duration.ofDays(365)), ZoneOffset.UTC);
    VigilConfig config = TestConfigs.config(List.of(TestConfigs.boundary("sla", List.of(uptime, requests))),
        List.of(), VigilConfig.HistogramsPer.PROBE);
    try (SqliteStore store = SqliteStore.open(dir.resolve("vigil.db"), StorageConfig.Retention.DEFAULT, clock)) {
      int id = store.boundaryId("sla");
      List<BucketRow> rows = new ArrayList<>();
      long today = NOW.toEpochMilli();
      for (int d = 1; d <= 365; d++) {
        rows.add(new BucketRow(Subject.BOUNDARY, id, Resolution.DAY, today - d * DAY, 1439, 1440, 0,
            new LatencyHistogram(), DAY - 60_000, 0, 60_000, 0, 0));
      }
      rows.add(new BucketRow(Subject.BOUNDARY, id, Resolution.DAY, today - 366 * DAY, 0, 1440, 0,
          new LatencyHistogram(), 0, 0, DAY, 0, 0));
      store.saveAccounting(rows, Map.of(id, today));
      store.flush();

      MaintenanceSchedule schedule = new MaintenanceSchedule(config);
      Accountant accountant = new Accountant(clock, store);
      accountant.configure(config, schedule);
      StatusService status = new StatusService(clock, new BoundaryTracker(clock, store), accountant, store, config,
          schedule);

      SloStatus time = status.evaluate("sla", uptime, NOW);
      assertThat(time.time().down()).isEqualTo(Duration.ofMinutes(365));
      assertThat(time.time().up()).isEqualTo(Duration.ofDays(365).minusMinutes(365));
      assertThat(time.allowedDowntime()).isEqualTo(Duration.ofSeconds(31_536));
      assertThat(time.remainingDowntime()).isEqualTo(Duration.ofSeconds(9_636));
      assertThat(time.budget()).get().satisfies(b -> {
        assertThat(b.consumed()).isEqualByComparingTo("0.6944444444444444444444444444444444");
        assertThat(b.met()).isTrue();
      });

      SloStatus runs = status.evaluate("sla", requests, NOW);
      assertThat(runs.counts()).isEqualTo(new Counts(525_235, 525_600));
      assertThat(runs.budget()).get().satisfies(b ->
          assertThat(b.consumed()).isEqualByComparingTo("0.6944444444444444444444444444444444"));
    }
  }
}
