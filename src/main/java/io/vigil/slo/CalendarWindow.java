package io.vigil.slo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A calendar month or quarter in a timezone, reset at its first midnight. Its length is the real one:
 * 28 to 31 days for a month, 90 to 92 for a quarter, give or take a daylight-saving hour.
 *
 * @param unit month or quarter
 * @param zone the zone whose midnights bound the periods (UTC unless the SLO names one)
 */
public record CalendarWindow(Unit unit, ZoneId zone) implements Window {
  public enum Unit { MONTH, QUARTER }

  public CalendarWindow {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(zone, "zone");
  }

  public static CalendarWindow month(ZoneId zone) {
    return new CalendarWindow(Unit.MONTH, zone);
  }

  public static CalendarWindow quarter(ZoneId zone) {
    return new CalendarWindow(Unit.QUARTER, zone);
  }

  /** A calendar month in UTC. */
  public static CalendarWindow month() {
    return month(ZoneOffset.UTC);
  }

  /** A calendar quarter in UTC. */
  public static CalendarWindow quarter() {
    return quarter(ZoneOffset.UTC);
  }

  /** The whole of {@code month} in {@code zone}, e.g. for {@code vigil report --month 2026-10}. */
  public static Span of(YearMonth month, ZoneId zone) {
    return new Span(month.atDay(1).atStartOfDay(zone).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /**
   * The last {@code count} calendar days in {@code zone}, oldest first, ending with the whole of today
   * (the day containing {@code now}); e.g. the 90 daily bars of the status page.
   */
  public static List<Span> lastDays(Instant now, ZoneId zone, int count) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    List<Span> days = new ArrayList<>(count);
    for (int i = count - 1; i >= 0; i--) {
      LocalDate d = today.minusDays(i);
      days.add(new Span(d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant()));
    }
    return days;
  }

  @Override
  public Span period(Instant now) {
    LocalDate first = firstDay(LocalDate.ofInstant(now, zone));
    LocalDate next = first.plusMonths(unit == Unit.MONTH ? 1 : 3);
    return new Span(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
  }

  @Override
  public Span elapsed(Instant now) {
    return new Span(period(now).start(), now);
  }

  /** The period just before the one containing {@code now}: last month or last quarter. */
  public Span previous(Instant now) {
    return period(period(now).start().minusNanos(1));
  }

  private LocalDate firstDay(LocalDate day) {
    int month = unit == Unit.MONTH ? day.getMonthValue() : (day.getMonthValue() - 1) / 3 * 3 + 1;
    return LocalDate.of(day.getYear(), month, 1);
  }
}
