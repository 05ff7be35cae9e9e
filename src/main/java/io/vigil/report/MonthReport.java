package io.vigil.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * The SLA report of one calendar month: every configured boundary with its SLOs, in config order.
 *
 * @param month the calendar month
 * @param generatedAt when the report was made
 * @param location the prober's location label
 * @param boundaries one entry per configured boundary
 */
public record MonthReport(YearMonth month, Instant generatedAt, String location, List<BoundaryReport> boundaries) {
  public MonthReport {
    boundaries = List.copyOf(boundaries);
  }
}
