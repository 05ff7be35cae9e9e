package io.vigil.report;

import io.vigil.config.SloConfig;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.TimeTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The report as CSV (RFC 4180, comma-separated, {@code \n} line ends): one row per (boundary, SLO), and one row
 * with empty SLO columns for a boundary without SLOs, then one row per change event of the boundary in the month
 * (after its SLO rows, oldest first). Column {@code record} says which a row is: {@code slo}, {@code boundary} or
 * {@code change}. A change row fills {@code month}, {@code boundary}, {@code title} and the {@code change_*}
 * columns only (so sums over rows count nothing twice): id, time, kind, version, link, how many incidents named it
 * as their suspected change and their ids ({@code ; }-separated); other rows leave the {@code change_*} columns
 * empty. The header is fixed ({@link #HEADER}); columns may be added at the end, never renamed or moved. Empty cells mean "not applicable" or "nothing measured".
 * Percentages have five decimals (SLIs and remaining budget rounded down, spent budget up); durations are
 * exact milliseconds; {@code up_ms} includes degraded time.
 */
final class CsvReport {
  static final List<String> HEADER = List.of(
      "month", "boundary", "title", "slo", "sli", "target_percent", "threshold_ms", "timezone", "window_start",
      "window_end", "partial", "resolution", "sli_percent", "met", "good", "valid", "bad", "up_ms", "down_ms",
      "unknown_ms", "maintenance_ms", "budget_percent", "allowed_bad", "allowed_downtime_ms",
      "allowed_downtime_measured_ms", "budget_spent_percent", "budget_remaining_percent", "remaining_downtime_ms",
      "boundary_good", "boundary_valid", "boundary_excluded", "boundary_availability_requests_percent",
      "boundary_up_ms", "boundary_degraded_ms", "boundary_down_ms", "boundary_unknown_ms",
      "boundary_maintenance_ms", "boundary_availability_time_percent", "boundary_coverage_percent",
      "boundary_resolution", "incidents", "mttr_ms", "mtbf_ms", "notes", "band_fast_percent",
      "band_acceptable_percent", "band_slow_percent", "record", "change_id", "change_at", "change_kind",
      "change_version", "change_link", "change_incidents", "change_incident_ids");
  private static final int CHANGE_COLUMNS = HEADER.size() - HEADER.indexOf("change_id");

  private CsvReport() {}

  static String render(MonthReport report) {
    StringBuilder out = new StringBuilder();
    line(out, HEADER);
    for (BoundaryReport b : report.boundaries()) {
      if (b.slos().isEmpty()) {
        line(out, row(report, b, null));
      }
      for (SloReport s : b.slos()) {
        line(out, row(report, b, s));
      }
      for (ChangeLine c : b.changes()) {
        line(out, change(report, b, c));
      }
    }
    return out.toString();
  }

  private static List<String> row(MonthReport report, BoundaryReport b, SloReport s) {
    List<String> r = new ArrayList<>(HEADER.size());
    r.add(report.month().toString());
    r.add(b.name());
    r.add(b.config().title());
    if (s == null) {
      for (int i = 3; i < HEADER.indexOf("boundary_good"); i++) {
        r.add("");
      }
    } else {
      slo(r, s);
    }
    TimeTotals t = b.time();
    r.add(Long.toString(b.requests().good()));
    r.add(Long.toString(b.requests().valid()));
    r.add(Long.toString(b.excluded()));
    r.add(b.requests().sli().map(Figures::percentDown).orElse(""));
    r.add(ms(t.up()));
    r.add(ms(b.degraded()));
    r.add(ms(t.down()));
    r.add(ms(t.unknown()));
    r.add(ms(t.maintenance()));
    r.add(t.availability().map(Figures::percentDown).orElse(""));
    r.add(t.coverage().map(Figures::percentDown).orElse(""));
    r.add(b.source().resolution());
    r.add(Integer.toString(b.stats().incidents()));
    r.add(b.stats().mttr().map(CsvReport::ms).orElse(""));
    r.add(b.stats().mtbf().map(CsvReport::ms).orElse(""));
    Set<String> notes = new LinkedHashSet<>(b.notes());
    if (s != null) {
      notes.addAll(s.notes());
    }
    r.add(String.join("; ", notes));
    for (LatencyBands.Band band : LatencyBands.Band.values()) {
      r.add(b.bands().share(band).map(Figures::percentDown).orElse(""));
    }
    r.add(s == null ? "boundary" : "slo");
    for (int i = 0; i < CHANGE_COLUMNS; i++) {
      r.add("");
    }
    return checked(r);
  }

  private static List<String> change(MonthReport report, BoundaryReport b, ChangeLine c) {
    List<String> r = new ArrayList<>(HEADER.size());
    r.add(report.month().toString());
    r.add(b.name());
    r.add(b.config().title());
    for (int i = r.size(); i < HEADER.indexOf("record"); i++) {
      r.add("");
    }
    r.add("change");
    r.add(c.event().id());
    r.add(Figures.instant(Instant.ofEpochMilli(c.event().atMillis())));
    r.add(c.event().kind());
    r.add(c.event().version());
    r.add(c.event().link());
    r.add(Integer.toString(c.incidents().size()));
    r.add(String.join("; ", c.incidents()));
    return checked(r);
  }

  private static List<String> checked(List<String> r) {
    if (r.size() != HEADER.size()) {
      throw new IllegalStateException("CSV row has " + r.size() + " cells for " + HEADER.size() + " columns");
    }
    return r;
  }

  private static void slo(List<String> r, SloReport s) {
    SloConfig c = s.config();
    Optional<BudgetStatus> st = s.budget();
    r.add(s.name());
    r.add(c.sli().key());
    r.add(Figures.exactPercent(c.target()));
    r.add(c.sli().threshold() == null ? "" : ms(c.sli().threshold()));
    r.add(s.window().zoneName());
    r.add(Figures.instant(s.window().read().start()));
    r.add(Figures.instant(s.window().read().end()));
    r.add(Boolean.toString(s.window().partial()));
    r.add(s.source().resolution());
    r.add(st.map(x -> Figures.percentDown(x.sli())).orElse(""));
    r.add(st.map(x -> Boolean.toString(x.met())).orElse(""));
    r.add(s.events() == null ? "" : Long.toString(s.events().good()));
    r.add(s.events() == null ? "" : Long.toString(s.events().valid()));
    r.add(s.events() == null ? "" : Long.toString(s.events().bad()));
    TimeTotals t = s.time();
    r.add(t == null ? "" : ms(t.up()));
    r.add(t == null ? "" : ms(t.down()));
    r.add(t == null ? "" : ms(t.unknown()));
    r.add(t == null ? "" : ms(t.maintenance()));
    r.add(Figures.exactPercent(s.budgetRatio()));
    r.add(s.allowedBad() == null ? "" : Figures.plain(s.allowedBad()));
    r.add(s.allowedDowntime() == null ? "" : ms(s.allowedDowntime()));
    r.add(s.allowedDowntimeMeasured() == null ? "" : ms(s.allowedDowntimeMeasured()));
    r.add(st.map(x -> Figures.percentUp(x.consumed())).orElse(""));
    r.add(st.map(x -> Figures.percentDown(x.remaining())).orElse(""));
    r.add(s.remainingDowntime() == null ? "" : ms(s.remainingDowntime()));
  }

  private static String ms(Duration d) {
    return Figures.millis(d).toPlainString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(cells.get(i)));
    }
    out.append('\n');
  }

  /** Quotes a cell holding a comma, quote or line break, doubling its quotes (RFC 4180). */
  static String quote(String cell) {
    if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
