package io.vigil.report;

import static io.vigil.report.ReportFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.SloConfig;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.slo.Counts;
import io.vigil.store.BucketRow;
import io.vigil.store.SqliteHistoryReader;
import io.vigil.store.SqliteStore;
import io.vigil.store.Subject;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * August 2025, fifteen months before the report: retention dropped the hour rollups before
 * 2025-08-11T12:00Z, so August 1 to 11 exist only as day rollups (August 11 keeps half its hours, which
 * do not add up to its day rollup). August 20 was never accounted at all (no rows of any resolution).
 *
 * <p>Every hour: 60 good of 60 runs and up, except 2025-08-05T03 (30 good of 60, down 30 min), whose hour
 * row is among the dropped ones. UTC August: 30 days with rows, valid 30 × 24 × 60 = 43,200, good 43,170,
 * down 1,800,000 ms, up 30 × 86,400,000 − 1,800,000 = 2,590,200,000 ms, and 24 h unknown.
 */
class DayRollupFallbackTest {
  @TempDir static Path dir;
  static MonthReport august;
  static MonthReport augustFromHours;

  @BeforeAll
  static void build() {
    august = report(dir.resolve("retained.db"), true);
    augustFromHours = report(dir.resolve("complete.db"), false);
  }

  static MonthReport report(Path db, boolean dropHours) {
    try (SqliteStore store = SqliteStore.open(db, StorageConfig.Retention.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC))) {
      int id = store.boundaryId("legacy");
      ReportFixture.Hours hours = new ReportFixture.Hours(Subject.BOUNDARY, id)
          .fill(Instant.parse("2025-07-31T00:00:00Z"), Instant.parse("2025-09-02T00:00:00Z"), 60);
      hours.set("2025-08-05T03:00:00Z", 30, 60, 0, ReportFixture.latency(30, ReportFixture.FAST_MICROS), 1_800_000, 0,
          1_800_000, 0, 0);
      hours.remove("2025-08-20T00:00:00Z", "2025-08-21T00:00:00Z");
      List<BucketRow> days = hours.dayRows();
      if (dropHours) {
        hours.remove("2025-07-31T00:00:00Z", "2025-08-11T12:00:00Z");
      }
      List<BucketRow> rows = new ArrayList<>(hours.hourRows());
      rows.addAll(days);
      store.saveAccounting(rows, Map.of(id, Instant.parse("2025-09-02T00:00:00Z").toEpochMilli()));
      store.flush();
    }
    SloConfig utc = new SloConfig("uptime", SloConfig.Sli.TIME, new BigDecimal("0.99"), SloConfig.SloWindow.MONTH,
        ZoneOffset.UTC);
    SloConfig ny = new SloConfig("uptime-ny", SloConfig.Sli.TIME, new BigDecimal("0.99"), SloConfig.SloWindow.MONTH,
        ZoneId.of("America/New_York"));
    VigilConfig config = TestConfigs.config(List.of(TestConfigs.boundary("legacy", List.of(utc, ny))), List.of(),
        VigilConfig.HistogramsPer.PROBE);
    try (SqliteHistoryReader history = SqliteHistoryReader.open(db)) {
      return new ReportBuilder(history).build(config, YearMonth.of(2025, 8), NOW);
    }
  }

  @Test
  void daysWhoseHoursWereDroppedAreReadFromDayRollups() {
    BoundaryReport b = august.boundaries().get(0);
    assertThat(b.source().resolution()).isEqualTo("hour+day");
    assertThat(b.source().dayRollups()).hasSize(11)
        .startsWith(LocalDate.of(2025, 8, 1)).endsWith(LocalDate.of(2025, 8, 11));
    assertThat(b.source().dayEdgesRounded()).isFalse();
    assertThat(b.requests()).isEqualTo(new Counts(43_170, 43_200));
    assertThat(b.time().down()).isEqualTo(Duration.ofMinutes(30));
    assertThat(b.time().up()).isEqualTo(Duration.ofMillis(2_590_200_000L));
    assertThat(b.notes()).anySatisfy(n -> assertThat(n).contains("11 days (2025-08-01 to 2025-08-11)")
        .contains("day rollups"));
  }

  @Test
  void aDayWithNoRowsAtAllIsUnknown() {
    BoundaryReport b = august.boundaries().get(0);
    assertThat(b.source().unaccounted()).isEqualTo(Duration.ofDays(1));
    assertThat(b.time().unknown()).isEqualTo(Duration.ofDays(1));
    assertThat(Figures.percentDown(b.time().coverage().orElseThrow())).isEqualTo("96.77419"); // 30 / 31
  }

  @Test
  void zoneMonthReadFromDayRollupsMovesItsEdgesToMidnightUtc() {
    SloReport ny = august.boundaries().get(0).slos().get(1);
    assertThat(ny.window().read().start()).isEqualTo(Instant.parse("2025-08-01T04:00:00Z"));
    assertThat(ny.source().dayEdgesRounded()).isTrue();
    assertThat(ny.notes()).anySatisfy(n -> assertThat(n).contains("nearest midnight UTC"));
    // all of August 1 from its day rollup, then September 1 00:00-04:00Z from hour rollups (4 × 60 runs, up)
    assertThat(ny.time().up()).isEqualTo(Duration.ofMillis(2_590_200_000L + 4 * 3_600_000L));
    assertThat(ny.time().down()).isEqualTo(Duration.ofMinutes(30));
    assertThat(ny.time().unknown()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void dayRollupsGiveTheSameUtcTotalsAsTheHoursTheyReplace() {
    BoundaryReport fromDays = august.boundaries().get(0);
    BoundaryReport fromHours = augustFromHours.boundaries().get(0);
    assertThat(fromHours.source().resolution()).isEqualTo("hour");
    assertThat(fromHours.source().dayRollups()).isEmpty();
    assertThat(fromDays.requests()).isEqualTo(fromHours.requests());
    assertThat(fromDays.time()).isEqualTo(fromHours.time());
    assertThat(fromDays.slos().get(0).budget()).isEqualTo(fromHours.slos().get(0).budget());
  }
}
