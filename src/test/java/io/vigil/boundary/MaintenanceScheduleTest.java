package io.vigil.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.MaintenanceConfig;
import io.vigil.config.VigilConfig;
import io.vigil.slo.MaintenanceWindow;
import io.vigil.slo.Span;
import io.vigil.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One-off and cron maintenance windows expanded into concrete spans, in the window's time zone. */
class MaintenanceScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin"); // UTC+1 in November

  private static MaintenanceSchedule schedule(MaintenanceConfig... windows) {
    BoundaryConfig b = new BoundaryConfig("shop", "Shop", "", true, DownWhen.ANY, 1, 1, List.of(), List.of(),
        List.of(windows), "test:1");
    BoundaryConfig quiet = TestConfigs.boundary("quiet", List.of());
    VigilConfig config = TestConfigs.config(List.of(b, quiet), List.of(), VigilConfig.HistogramsPer.PROBE);
    return new MaintenanceSchedule(config);
  }

  private static MaintenanceConfig cron(String title, String expression, ZoneId zone, Duration duration,
      boolean counts) {
    return new MaintenanceConfig(title, null, expression, zone, duration, counts);
  }

  private static Instant at(String utc) {
    return Instant.parse(utc);
  }

  private static Span span(String from, String to) {
    return new Span(at(from), at(to));
  }

  @Test
  void aDailyCronWindowIsReadInItsTimeZone() {
    MaintenanceSchedule s = schedule(cron("backup", "30 1 * * *", BERLIN, Duration.ofHours(1), false));
    List<MaintenanceSchedule.Occurrence> days = s.overlapping("shop",
        span("2026-11-02T00:00:00Z", "2026-11-04T00:00:00Z"));
    // 01:30 in Berlin is 00:30 UTC in November
    assertThat(days).extracting(MaintenanceSchedule.Occurrence::span).containsExactly(
        span("2026-11-02T00:30:00Z", "2026-11-02T01:30:00Z"), span("2026-11-03T00:30:00Z", "2026-11-03T01:30:00Z"));
    assertThat(days).allSatisfy(o -> {
      assertThat(o.boundary()).isEqualTo("shop");
      assertThat(o.title()).isEqualTo("backup");
      assertThat(o.countsAgainstBudget()).isFalse();
    });
    assertThat(days.get(0).window()).isEqualTo(new MaintenanceWindow(days.get(0).span(), false));
  }

  @Test
  void aCronWithoutTimeZoneIsReadInUtc() {
    MaintenanceSchedule s = schedule(cron("backup", "30 1 * * *", null, Duration.ofHours(1), true));
    assertThat(s.overlapping("shop", span("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z")))
        .extracting(MaintenanceSchedule.Occurrence::span)
        .containsExactly(span("2026-11-02T01:30:00Z", "2026-11-02T02:30:00Z"));
    assertThat(s.activeAt("shop", at("2026-11-02T01:45:00Z")).orElseThrow().window().excusesTime())
        .as("a window that counts against the budget excuses nothing").isFalse();
  }

  @Test
  void aCronWindowThatStartedBeforeTheSpanStillOverlapsIt() {
    MaintenanceSchedule s = schedule(cron("backup", "30 1 * * *", BERLIN, Duration.ofHours(1), false));
    assertThat(s.overlapping("shop", span("2026-11-02T01:29:59Z", "2026-11-02T02:00:00Z")))
        .extracting(MaintenanceSchedule.Occurrence::span)
        .containsExactly(span("2026-11-02T00:30:00Z", "2026-11-02T01:30:00Z"));
    assertThat(s.overlapping("shop", span("2026-11-02T01:30:00Z", "2026-11-02T02:00:00Z")))
        .as("a window ending where the span starts shares no time with it").isEmpty();
  }

  @Test
  void activeHoldsFromTheWindowsStartUpToButNotIncludingItsEnd() {
    MaintenanceSchedule s = schedule(cron("backup", "30 1 * * *", BERLIN, Duration.ofHours(1), false));
    assertThat(s.active("shop", at("2026-11-02T00:29:59.999Z"))).isFalse();
    assertThat(s.active("shop", at("2026-11-02T00:30:00Z"))).isTrue();
    assertThat(s.active("shop", at("2026-11-02T01:29:59.999Z"))).isTrue();
    assertThat(s.active("shop", at("2026-11-02T01:30:00Z"))).isFalse();
    assertThat(s.active("quiet", at("2026-11-02T00:45:00Z"))).as("another boundary").isFalse();
    assertThat(s.active("nowhere", at("2026-11-02T00:45:00Z"))).isFalse();
  }

  @Test
  void aWeeklyCronFallsOnItsDayOnly() {
    // Sundays 23:00 Berlin = 22:00 UTC; 2026-11-08 is a Sunday
    MaintenanceSchedule s = schedule(cron("weekly", "0 23 * * 0", BERLIN, Duration.ofMinutes(90), false));
    assertThat(s.overlapping("shop", span("2026-11-02T00:00:00Z", "2026-11-16T00:00:00Z")))
        .extracting(o -> o.span().start())
        .containsExactly(at("2026-11-08T22:00:00Z"), at("2026-11-15T22:00:00Z"));
    assertThat(s.active("shop", at("2026-11-08T23:29:00Z"))).as("past local midnight, still inside").isTrue();
  }

  @Test
  void oneOffWindowsOutsideTheSpanAreLeftOutAndEverythingComesInStartOrder() {
    MaintenanceConfig late = new MaintenanceConfig(null, at("2026-11-02T12:00:00Z"), null, null,
        Duration.ofMinutes(30), false);
    MaintenanceConfig gone = new MaintenanceConfig("last week", at("2026-10-26T12:00:00Z"), null, null,
        Duration.ofMinutes(30), false);
    MaintenanceSchedule s = schedule(late, gone, cron("backup", "30 1 * * *", BERLIN, Duration.ofHours(1), false));
    List<MaintenanceSchedule.Occurrence> day = s.overlapping("shop", span("2026-11-02T00:00:00Z",
        "2026-11-03T00:00:00Z"));
    assertThat(day).extracting(o -> o.span().start())
        .containsExactly(at("2026-11-02T00:30:00Z"), at("2026-11-02T12:00:00Z"));
    assertThat(day.get(1).title()).as("an untitled window").isEmpty();
    assertThat(s.overlapping("quiet", span("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"))).isEmpty();
  }

  @Test
  void upcomingListsTheActiveWindowAndThoseStartingWithinTheHorizon() {
    MaintenanceSchedule s = schedule(cron("backup", "30 1 * * *", BERLIN, Duration.ofHours(1), false));
    assertThat(s.upcoming("shop", at("2026-11-02T01:00:00Z"), Duration.ofDays(1)))
        .extracting(o -> o.span().start())
        .containsExactly(at("2026-11-02T00:30:00Z"), at("2026-11-03T00:30:00Z"));
    assertThat(s.upcoming("shop", at("2026-11-02T02:00:00Z"), Duration.ofHours(12))).isEmpty();
  }
}
