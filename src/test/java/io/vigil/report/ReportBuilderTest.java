package io.vigil.report;

import static io.vigil.report.ReportFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.Counts;
import io.vigil.store.SqliteHistoryReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's figures for October 2026 against the hand computations in {@link ReportFixture}. */
class ReportBuilderTest {
  @TempDir static Path dir;
  static MonthReport october;

  @BeforeAll
  static void build() throws Exception {
    Path service = ReportFixture.writeConfig(dir);
    ReportFixture.writeOctober(ReportFixture.database(dir));
    VigilConfig config = ConfigLoader.load(service, Map.of());
    try (SqliteHistoryReader history = SqliteHistoryReader.open(ReportFixture.database(dir))) {
      october = new ReportBuilder(history).build(config, YearMonth.of(2026, 10), NOW);
    }
  }

  static BoundaryReport boundary(String name) {
    return october.boundaries().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  static SloReport slo(String boundary, String name) {
    return boundary(boundary).slos().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static BudgetStatus status(String boundary, String name) {
    return slo(boundary, name).budget().orElseThrow();
  }

  @Test
  void everyConfiguredBoundaryAppearsInConfigOrder() {
    assertThat(october.boundaries()).extracting(BoundaryReport::name)
        .containsExactly("shop-api", "search", "quiet", "never", "bare");
    assertThat(october.month()).isEqualTo(YearMonth.of(2026, 10));
    assertThat(october.location()).isEqualTo("test-lab");
  }

  @Test
  void boundaryAvailabilitySumsTheHourRowsOfTheThirtyOneDayUtcMonth() {
    BoundaryReport b = boundary("shop-api");
    assertThat(b.window().read().start()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(b.window().read().end()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(b.window().read().length()).isEqualTo(Duration.ofDays(31));
    assertThat(b.window().partial()).isFalse();
    assertThat(b.source().resolution()).isEqualTo("hour");
    assertThat(b.source().unaccounted()).isZero();
    assertThat(b.requests()).isEqualTo(new Counts(267_040, 267_120));
    assertThat(Figures.percentDown(b.requests().sli().orElseThrow())).isEqualTo("99.97005");
    assertThat(b.time().up()).isEqualTo(Duration.ofMillis(2_669_400_000L));
    assertThat(b.degraded()).isEqualTo(Duration.ofMinutes(30));
    assertThat(b.time().down()).isEqualTo(Duration.ofMinutes(30));
    assertThat(Figures.percentDown(b.time().availability().orElseThrow())).isEqualTo("99.93261");
  }

  @Test
  void maintenanceAndUnknownAreOutOfBothPartsAndReportedAsCoverage() {
    BoundaryReport b = boundary("shop-api");
    assertThat(b.excluded()).isEqualTo(360);
    assertThat(b.time().maintenance()).isEqualTo(Duration.ofHours(1));
    assertThat(b.time().unknown()).isEqualTo(Duration.ofHours(1));
    assertThat(b.time().measured()).isEqualTo(Duration.ofMillis(2_671_200_000L));
    // 2,671,200,000 / 2,678,400,000
    assertThat(Figures.percentDown(b.time().coverage().orElseThrow())).isEqualTo("99.73118");
  }

  @Test
  void requestSloSpendsBadRunsOverBudgetOfValidRuns() {
    SloReport s = slo("shop-api", "availability");
    BudgetStatus st = status("shop-api", "availability");
    assertThat(s.events()).isEqualTo(new Counts(267_040, 267_120));
    assertThat(s.allowedBad()).isEqualByComparingTo("133.56"); // 0.0005 × 267,120
    assertThat(st.met()).isTrue();
    assertThat(Figures.percentDown(st.sli())).isEqualTo("99.97005");
    assertThat(Figures.percentUp(st.consumed())).isEqualTo("59.89818"); // 80 / 133.56
    assertThat(Figures.percentDown(st.remaining())).isEqualTo("40.10182");
    assertThat(s.window().zoneName()).isEqualTo("UTC");
  }

  @Test
  void timeSloBudgetIsADurationOverTheWholeMonth() {
    SloReport s = slo("shop-api", "uptime");
    BudgetStatus st = status("shop-api", "uptime");
    assertThat(s.allowedDowntime()).isEqualTo(Duration.parse("PT44M38.4S")); // 0.1% of 31 days
    assertThat(s.allowedDowntimeMeasured()).isEqualTo(Duration.ofMillis(2_671_200)); // 0.1% of up + down
    assertThat(s.remainingDowntime()).isEqualTo(Duration.ofMillis(871_200)); // 2,671,200 − 1,800,000
    assertThat(Figures.percentDown(st.sli())).isEqualTo("99.93261");
    assertThat(Figures.percentUp(st.consumed())).isEqualTo("67.38545");
    assertThat(Figures.percentDown(st.remaining())).isEqualTo("32.61455");
    assertThat(st.met()).isTrue();
  }

  @Test
  void sloWithATimezoneIsReadOverItsOwnMonth() {
    SloReport s = slo("shop-api", "uptime-ny");
    assertThat(s.window().zoneName()).isEqualTo("America/New_York");
    assertThat(s.window().read().start()).isEqualTo(Instant.parse("2026-10-01T04:00:00Z"));
    assertThat(s.window().read().end()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
    assertThat(s.window().rounded()).isFalse();
    // N1 (Oct 1 02:00Z, 20 min) is September in New York; N2 (Nov 1 01:00Z, 30 min) is October there
    assertThat(s.time().down()).isEqualTo(Duration.ofMinutes(40));
    assertThat(s.time().measured()).isEqualTo(Duration.ofMillis(2_671_200_000L));
    BudgetStatus st = s.budget().orElseThrow();
    assertThat(Figures.percentDown(st.sli())).isEqualTo("99.91015");
    assertThat(Figures.percentUp(st.consumed())).isEqualTo("89.84726");
    assertThat(st.met()).isTrue();
    assertThat(s.notes()).isEmpty();
  }

  @Test
  void halfHourOffsetMonthIsRoundedToTheUtcHourWithANote() {
    SloReport s = slo("shop-api", "uptime-india");
    assertThat(s.window().exact().start()).isEqualTo(Instant.parse("2026-09-30T18:30:00Z"));
    assertThat(s.window().read().start()).isEqualTo(Instant.parse("2026-09-30T18:00:00Z"));
    assertThat(s.window().read().end()).isEqualTo(Instant.parse("2026-10-31T18:00:00Z"));
    assertThat(s.window().rounded()).isTrue();
    assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("Asia/Kolkata")
        .contains("2026-09-30T18:30:00Z").contains("read from 2026-09-30T18:00:00Z"));
    // K1 1 h + N1 20 min + H1 10 min
    assertThat(s.time().down()).isEqualTo(Duration.ofMinutes(90));
    assertThat(s.allowedDowntime()).isEqualTo(Duration.parse("PT7H26M24S")); // 1% of 31 days
    BudgetStatus st = s.budget().orElseThrow();
    assertThat(Figures.percentDown(st.sli())).isEqualTo("99.79784");
    assertThat(Figures.percentUp(st.consumed())).isEqualTo("20.21564");
  }

  @Test
  void latencySliCountsGoodRunsWithinTheThreshold() {
    SloReport s = slo("shop-api", "latency");
    assertThat(s.events()).isEqualTo(new Counts(266_990, 267_120));
    assertThat(s.latencyBoundMicros()).isEqualTo(100_000);
    assertThat(s.notes()).isEmpty();
    BudgetStatus st = s.budget().orElseThrow();
    assertThat(Figures.percentDown(st.sli())).isEqualTo("99.95133");
    assertThat(Figures.percentUp(st.consumed())).isEqualTo("0.48668"); // 130 / 26,712

    SloReport odd = slo("shop-api", "latency-odd");
    assertThat(odd.latencyBoundMicros()).isEqualTo(120_000);
    assertThat(odd.events()).isEqualTo(new Counts(266_990, 267_120));
    assertThat(odd.notes()).anySatisfy(n -> assertThat(n).contains("123ms").contains("120ms"));
  }

  @Test
  void overspentBudgetIsAboveOneHundredPercentAndRemainingNegative() {
    BudgetStatus time = status("search", "uptime");
    assertThat(time.met()).isFalse();
    assertThat(Figures.percentDown(time.sli())).isEqualTo("99.79838");
    assertThat(Figures.percentUp(time.consumed())).isEqualTo("2016.12904"); // 5,400,000 / 267,840
    assertThat(Figures.percentDown(time.remaining())).isEqualTo("-1916.12904");
    assertThat(slo("search", "uptime").remainingDowntime()).isEqualTo(Duration.ofMillis(267_840 - 5_400_000));

    BudgetStatus requests = status("search", "availability");
    assertThat(requests.met()).isFalse();
    assertThat(Figures.percentDown(requests.sli())).isEqualTo("99.73118"); // 267,120 / 267,840
    assertThat(Figures.percentUp(requests.consumed())).isEqualTo("268.81721"); // 720 / 267.84
    assertThat(Figures.percentDown(requests.remaining())).isEqualTo("-168.81721");
  }

  @Test
  void incidentsOfTheMonthGiveMttrAndMtbf() {
    BoundaryReport shop = boundary("shop-api");
    assertThat(shop.incidents()).extracting(i -> i.start().toString())
        .containsExactly("2026-10-01T02:00:00Z", "2026-10-03T10:05:00Z");
    IncidentLine second = shop.incidents().get(1);
    assertThat(second.duration()).contains(Duration.ofMinutes(10));
    assertThat(second.detectionDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(second.incident().probes()).containsExactly("users", "db-port");
    assertThat(second.incident().firstReason()).isEqualTo("timeout");
    assertThat(shop.stats().incidents()).isEqualTo(2);
    assertThat(shop.stats().mttr()).contains(Duration.ofMinutes(15));
    assertThat(shop.stats().mtbf()).contains(Duration.ofMillis(1_334_700_000L)); // uptime / 2

    BoundaryReport search = boundary("search");
    IncidentLine open = search.incidents().get(1);
    assertThat(open.ongoing()).isTrue();
    assertThat(open.end()).isEmpty();
    assertThat(open.inMonth().length()).isEqualTo(Duration.ofHours(1));
    assertThat(search.stats().mttr()).contains(Duration.ofMinutes(45)); // (30 min + 1 h in October) / 2
    assertThat(search.notes()).anySatisfy(n -> assertThat(n).contains("still open"));
  }

  @Test
  void probesSumEveryDefinitionTheyHadInTheMonth() {
    BoundaryReport shop = boundary("shop-api");
    assertThat(shop.probes()).extracting(ProbeLine::name).containsExactly("users", "db-port");
    assertThat(shop.probes().get(0).requests()).isEqualTo(new Counts(133_500, 133_560));
    assertThat(shop.probes().get(0).excluded()).isEqualTo(180);
    assertThat(shop.probes().get(1).requests()).isEqualTo(new Counts(133_540, 133_560));
  }

  @Test
  void boundaryWithoutAnyHistoryHasNoFiguresButFullUnknownTime() {
    BoundaryReport never = boundary("never");
    assertThat(never.source().hasData()).isFalse();
    assertThat(never.requests()).isEqualTo(Counts.NONE);
    assertThat(never.time().unknown()).isEqualTo(Duration.ofDays(31));
    assertThat(never.time().availability()).isEmpty();
    assertThat(never.time().coverage()).contains(BigDecimal.ZERO);
    assertThat(never.slos().get(0).budget()).isEmpty();
    assertThat(never.slos().get(0).met()).isEmpty();
    assertThat(never.notes()).anySatisfy(n -> assertThat(n).contains("never been accounted"));
    assertThat(never.stats().mttr()).isEmpty();

    BoundaryReport quiet = boundary("quiet");
    assertThat(quiet.source().resolution()).isEqualTo("none");
    assertThat(quiet.notes()).anySatisfy(n -> assertThat(n).contains("no history stored"));
    assertThat(boundary("bare").slos()).isEmpty();
  }

  @Test
  void monthStillRunningIsReadToTheLastWholeHourAndMissingTimeIsUnknown() throws Exception {
    VigilConfig config = ConfigLoader.load(dir.resolve("config/vigil.yaml"), Map.of());
    MonthReport november;
    try (SqliteHistoryReader history = SqliteHistoryReader.open(ReportFixture.database(dir))) {
      november = new ReportBuilder(history).build(config, YearMonth.of(2026, 11), NOW.plusSeconds(1_800));
    }
    BoundaryReport shop = november.boundaries().get(0);
    assertThat(shop.window().partial()).isTrue();
    assertThat(shop.window().read().end()).isEqualTo(Instant.parse("2026-11-05T12:00:00Z"));
    // rows reach 2026-11-02T00:00Z: the remaining 3 days 12 hours are unknown
    assertThat(shop.source().unaccounted()).isEqualTo(Duration.ofHours(84));
    assertThat(shop.time().unknown()).isEqualTo(Duration.ofHours(84));
    assertThat(shop.time().down()).isEqualTo(Duration.ofMinutes(30));
    assertThat(shop.notes()).anySatisfy(n -> assertThat(n).contains("has not ended"));
    assertThat(shop.notes()).anySatisfy(n -> assertThat(n).contains("3d 12h with no stored history"));
  }
}
