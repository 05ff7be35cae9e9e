package io.vigil.report;

import io.vigil.slo.CalendarWindow;
import io.vigil.slo.Span;
import io.vigil.store.Resolution;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The span a report reads for one calendar month in one timezone. Rollups are whole UTC hours, so the
 * month's bounds are rounded to the nearest UTC hour (a half hour rounds down): only zones whose offset is
 * not a whole number of hours (+05:30, +05:45, −03:30) are affected, and the report says so. A month that
 * has not ended is read up to the last whole hour before the report was made.
 *
 * @param month the calendar month
 * @param zone the zone whose midnights bound it
 * @param exact the month's real bounds
 * @param read what is read: whole UTC hours; empty when the month has not begun
 * @param partial whether the month had not ended when the report was made
 */
public record MonthWindow(YearMonth month, ZoneId zone, Span exact, Span read, boolean partial) {

  /** The window of {@code month} in {@code zone} as seen at {@code now}. */
  public static MonthWindow of(YearMonth month, ZoneId zone, Instant now) {
    Span exact = CalendarWindow.of(month, zone);
    long start = nearest(exact.start().toEpochMilli(), Resolution.HOUR);
    long end = nearest(exact.end().toEpochMilli(), Resolution.HOUR);
    long limit = Resolution.HOUR.floor(now.toEpochMilli());
    boolean partial = limit < end;
    long readEnd = Math.max(start, Math.min(end, limit));
    return new MonthWindow(month, zone, exact, new Span(Instant.ofEpochMilli(start), Instant.ofEpochMilli(readEnd)),
        partial);
  }

  /** The zone's name: {@code UTC} for UTC (however it was written), else its id such as {@code Asia/Kolkata}. */
  public String zoneName() {
    return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** Whether the month's bounds fall between UTC hours, so the read span differs from the month. */
  public boolean rounded() {
    return !exact.start().equals(read.start()) || !partial && !exact.end().equals(read.end());
  }

  /** The bucket start nearest to {@code millis}; exactly half way rounds down. */
  static long nearest(long millis, Resolution resolution) {
    long floor = resolution.floor(millis);
    return (millis - floor) * 2 > resolution.millis() ? floor + resolution.millis() : floor;
  }
}
