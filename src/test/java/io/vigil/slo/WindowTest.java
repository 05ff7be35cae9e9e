package io.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.SloConfig;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rolling and calendar windows for a given now (SPEC §1: calendar windows are UTC unless the SLO names a zone). */
class WindowTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Clock clockAt(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @ParameterizedTest(name = "Calendar month containing {0} (UTC) is [{1}, {2}), {3} days long")
  @CsvSource({
      "2026-02-14T08:00:00Z, 2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z, 28",
      "2028-02-29T23:59:59Z, 2028-02-01T00:00:00Z, 2028-03-01T00:00:00Z, 29",
      "2026-04-30T12:00:00Z, 2026-04-01T00:00:00Z, 2026-05-01T00:00:00Z, 30",
      "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z, 31",
      "2026-12-31T23:59:59.999Z, 2026-12-01T00:00:00Z, 2027-01-01T00:00:00Z, 31"})
  void calendarMonthHasItsRealLength(String now, String start, String end, long days) {
    CalendarWindow month = CalendarWindow.month();
    Instant t = clockAt(now).instant();
    assertThat(month.period(t)).isEqualTo(new Span(Instant.parse(start), Instant.parse(end)));
    assertThat(month.length(t)).isEqualTo(Duration.ofDays(days));
  }

  @ParameterizedTest(name = "Calendar quarter containing {0} (UTC) is [{1}, {2}), {3} days long")
  @CsvSource({
      "2026-03-31T23:59:59.999Z, 2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z, 90",
      "2026-04-01T00:00:00Z, 2026-04-01T00:00:00Z, 2026-07-01T00:00:00Z, 91",
      "2026-09-30T23:00:00Z, 2026-07-01T00:00:00Z, 2026-10-01T00:00:00Z, 92",
      "2026-11-15T00:00:00Z, 2026-10-01T00:00:00Z, 2027-01-01T00:00:00Z, 92",
      "2028-02-29T00:00:00Z, 2028-01-01T00:00:00Z, 2028-04-01T00:00:00Z, 91"})
  void calendarQuarterBoundaries(String now, String start, String end, long days) {
    CalendarWindow quarter = CalendarWindow.quarter();
    Instant t = clockAt(now).instant();
    assertThat(quarter.period(t)).isEqualTo(new Span(Instant.parse(start), Instant.parse(end)));
    assertThat(quarter.length(t)).isEqualTo(Duration.ofDays(days));
  }

  @Test
  @DisplayName("Calendar month in America/New_York: March 2026 loses the DST hour (743 h), November gains it (721 h)")
  void monthAroundDaylightSavingChanges() {
    CalendarWindow month = CalendarWindow.month(NEW_YORK);
    Instant march = clockAt("2026-03-15T12:00:00Z").instant();
    assertThat(month.period(march)).isEqualTo(
        new Span(Instant.parse("2026-03-01T05:00:00Z"), Instant.parse("2026-04-01T04:00:00Z")));
    assertThat(month.length(march)).isEqualTo(Duration.ofHours(31 * 24 - 1));

    Instant november = clockAt("2026-11-02T12:00:00Z").instant();
    assertThat(month.period(november)).isEqualTo(
        new Span(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-12-01T05:00:00Z")));
    assertThat(month.length(november)).isEqualTo(Duration.ofHours(30 * 24 + 1));
  }

  @Test
  @DisplayName("Calendar month in a zone: 03:00 UTC on 1 March is still February in New York")
  void zoneDecidesWhichMonthItIs() {
    Instant t = clockAt("2026-03-01T03:00:00Z").instant();
    assertThat(CalendarWindow.month(NEW_YORK).period(t).start()).isEqualTo(Instant.parse("2026-02-01T05:00:00Z"));
    assertThat(CalendarWindow.month().period(t).start()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
  }

  @Test
  @DisplayName("Calendar elapsed part: day 10 of April is [1 April, now), 10 days; at the period start it is empty")
  void elapsedPartOfACalendarWindow() {
    CalendarWindow month = CalendarWindow.month();
    Instant now = clockAt("2026-04-11T00:00:00Z").instant();
    assertThat(month.elapsed(now)).isEqualTo(new Span(Instant.parse("2026-04-01T00:00:00Z"), now));
    assertThat(month.elapsed(now).length()).isEqualTo(Duration.ofDays(10));
    Instant start = Instant.parse("2026-05-01T00:00:00Z");
    assertThat(month.elapsed(start).isEmpty()).isTrue();
    assertThat(month.previous(now)).isEqualTo(
        new Span(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")));
  }

  @Test
  @DisplayName("Rolling window: [now − 30d, now), period and elapsed alike, length exactly 30 days")
  void rollingWindowTrailsNow() {
    RollingWindow w = new RollingWindow(Duration.ofDays(30));
    Instant now = clockAt("2026-03-10T10:00:00Z").instant();
    assertThat(w.period(now)).isEqualTo(new Span(Instant.parse("2026-02-08T10:00:00Z"), now));
    assertThat(w.elapsed(now)).isEqualTo(w.period(now));
    assertThat(w.length(now)).isEqualTo(Duration.ofDays(30));
  }

  @Test
  @DisplayName("Status page windows are 1h, 1d, 7d, 30d, 90d")
  void statusPageWindows() {
    assertThat(RollingWindow.STATUS_PAGE).extracting(RollingWindow::length).containsExactly(
        Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(90));
  }

  @Test
  @DisplayName("An SLO's window: rolling as declared; calendar in UTC unless the SLO names a timezone")
  void windowOfAnSlo() {
    BigDecimal t = new BigDecimal("0.999");
    assertThat(Window.of(new SloConfig("a", SloConfig.Sli.TIME, t, SloConfig.SloWindow.rolling(Duration.ofDays(7)),
        null))).isEqualTo(new RollingWindow(Duration.ofDays(7)));
    assertThat(Window.of(new SloConfig("b", SloConfig.Sli.TIME, t, SloConfig.SloWindow.MONTH, null)))
        .isEqualTo(CalendarWindow.month(ZoneOffset.UTC));
    assertThat(Window.of(new SloConfig("c", SloConfig.Sli.TIME, t, SloConfig.SloWindow.QUARTER, NEW_YORK)))
        .isEqualTo(CalendarWindow.quarter(NEW_YORK));
  }

  @Test
  @DisplayName("Report month: October 2026 in UTC is [1 Oct, 1 Nov)")
  void reportMonth() {
    assertThat(CalendarWindow.of(YearMonth.of(2026, 10), ZoneOffset.UTC)).isEqualTo(
        new Span(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")));
  }

  @Test
  @DisplayName("Daily bars: the last 90 UTC days end with the whole of today, oldest first")
  void lastNinetyDays() {
    Instant now = clockAt("2026-06-30T15:30:00Z").instant();
    List<Span> days = CalendarWindow.lastDays(now, ZoneOffset.UTC, 90);
    assertThat(days).hasSize(90);
    assertThat(days.get(89)).isEqualTo(
        new Span(Instant.parse("2026-06-30T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")));
    assertThat(days.get(0).start()).isEqualTo(Instant.parse("2026-04-02T00:00:00Z"));
    for (int i = 1; i < days.size(); i++) {
      assertThat(days.get(i).start()).isEqualTo(days.get(i - 1).end());
    }
  }
}
