package io.vigil.report;

import io.vigil.config.BoundaryConfig;
import io.vigil.config.Durations;
import io.vigil.config.ProbeConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.change.ChangeEvent;
import io.vigil.change.ChangeEvents;
import io.vigil.incident.Incident;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.Counts;
import io.vigil.slo.ErrorBudget;
import io.vigil.slo.IncidentStats;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.Measure;
import io.vigil.slo.Span;
import io.vigil.slo.TimeTotals;
import io.vigil.store.HistoryReader;
import io.vigil.store.LatencyHistogram;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds a {@link MonthReport} from stored history: boundaries over the UTC month, each SLO over the month
 * in its own timezone, from hour rollups (day rollups where retention dropped the hours). All SLO figures
 * come from {@code io.vigil.slo} in exact decimals. Blocking: it reads the database.
 */
public final class ReportBuilder {
  private final HistoryReader history;
  private final RollupReader rollups;

  public ReportBuilder(HistoryReader history) {
    this.history = history;
    this.rollups = new RollupReader(history);
  }

  /**
   * The report of {@code month} for every boundary of {@code config}, as seen at {@code now} (a month not yet
   * over is read up to the last whole hour).
   *
   * @throws io.vigil.store.StoreException when history cannot be read
   */
  public MonthReport build(VigilConfig config, YearMonth month, Instant now) {
    List<BoundaryReport> out = new ArrayList<>();
    for (BoundaryConfig b : config.boundaries()) {
      out.add(boundary(config, b, month, now));
    }
    return new MonthReport(month, now.truncatedTo(ChronoUnit.SECONDS), config.location(), out);
  }

  private BoundaryReport boundary(VigilConfig config, BoundaryConfig b, YearMonth month, Instant now) {
    OptionalInt id = history.boundaryId(b.name());
    Map<Span, Rollup> byWindow = new HashMap<>();
    MonthWindow utc = MonthWindow.of(month, ZoneOffset.UTC, now);
    Rollup r = byWindow.computeIfAbsent(utc.read(), span -> rollups.boundary(id, span));
    List<String> notes = new ArrayList<>();
    windowNotes(utc, notes);
    sourceNotes(r.source(), id.isPresent(), notes);

    List<ProbeLine> probes = new ArrayList<>();
    for (ProbeConfig p : config.probesOf(b.name())) {
      Rollup pr = rollups.probe(history.probeIds(p.name()), utc.read());
      probes.add(new ProbeLine(p.name(), pr.requests(), pr.excluded, pr.source()));
    }

    List<SloReport> slos = new ArrayList<>();
    for (SloConfig slo : b.slos()) {
      ZoneId zone = slo.timezone() == null ? ZoneOffset.UTC : slo.timezone();
      MonthWindow w = MonthWindow.of(month, zone, now);
      slos.add(slo(slo, w, byWindow.computeIfAbsent(w.read(), span -> rollups.boundary(id, span)), id.isPresent()));
    }

    List<IncidentLine> incidents = new ArrayList<>();
    Span read = utc.read();
    // changes just before the month can be the suspected change of an incident early in it
    List<ChangeEvent> events = read.isEmpty() ? List.of() : history.changes(b.name(),
        read.start().toEpochMilli() - ChangeEvents.SUSPECT_WINDOW.toMillis(), read.end().toEpochMilli());
    if (!read.isEmpty()) {
      for (Incident i : history.incidents(b.name(), read.start().toEpochMilli(), read.end().toEpochMilli())) {
        Instant start = Instant.ofEpochMilli(i.startMillis());
        Instant end = i.endMillis() == 0 ? read.end() : Instant.ofEpochMilli(i.endMillis());
        Span clipped = new Span(start, end.isBefore(start) ? start : end).intersect(read)
            .orElse(new Span(read.start(), read.start()));
        incidents.add(new IncidentLine(i, clipped, ChangeEvents.suspect(i, events)));
        if (i.endMillis() == 0) {
          notes.add("the incident that began " + Figures.instant(start) + " is still open; it counts until "
              + Figures.instant(read.end()));
        }
      }
    }
    incidents.sort(Comparator.comparing(IncidentLine::start).thenComparing(l -> l.incident().id()));
    TimeTotals time = r.time();
    IncidentStats stats = IncidentStats.of(incidents.stream().map(IncidentLine::inMonth).toList(), time.up());
    List<ChangeLine> changes = new ArrayList<>();
    for (int k = events.size() - 1; k >= 0; k--) { // oldest first
      ChangeEvent e = events.get(k);
      if (e.atMillis() >= read.start().toEpochMilli()) {
        changes.add(new ChangeLine(e, incidents.stream().filter(l -> l.suspect().filter(e::equals).isPresent())
            .map(l -> l.incident().id()).toList()));
      }
    }
    return new BoundaryReport(b, utc, r.source(), r.requests(), r.excluded, time, Duration.ofMillis(r.degradedMs),
        probes, slos, incidents, stats, notes, bands(b, r, notes), changes);
  }

  /**
   * The month's latency bands from the rollups' histograms. A histogram bucket ends at its bound inclusive, so
   * "under fast" is read as "at most fast" (runs of exactly the fast threshold, to the microsecond, count as
   * fast); an edge between two bounds is read at the bound below it, and a note says so.
   */
  private static LatencyBands bands(BoundaryConfig b, Rollup r, List<String> notes) {
    long fast = b.latencyBands().fast().toNanos() / 1000;
    long slow = b.latencyBands().slow().toNanos() / 1000;
    for (long edge : new long[] {fast, slow}) {
      long bound = LatencyHistogram.boundAtOrBelow(edge);
      if (bound != edge) {
        notes.add("the latency band edge " + Durations.format(Duration.ofNanos(edge * 1000))
            + " lies between latency histogram bounds; it is read as "
            + Durations.format(Duration.ofNanos(bound * 1000)));
      }
    }
    return LatencyBands.of(r.latency.atMost(fast), r.latency.atMost(slow), r.valid);
  }

  private static SloReport slo(SloConfig slo, MonthWindow w, Rollup r, boolean known) {
    ErrorBudget budget = ErrorBudget.of(slo);
    List<String> notes = new ArrayList<>();
    if (w.rounded()) {
      notes.add("the " + w.zoneName() + " month runs from " + Figures.instant(w.exact().start()) + " to "
          + Figures.instant(w.exact().end()) + ", off the whole UTC hours that rollups cover; read from "
          + Figures.instant(w.read().start()) + " to " + Figures.instant(w.read().end()));
    }
    windowNotes(w, notes);
    sourceNotes(r.source(), known, notes);
    Measure measured = slo.sli().of(r);
    Counts events = measured instanceof Counts c ? c : null;
    TimeTotals time = measured instanceof TimeTotals t ? t : null;
    Optional<BudgetStatus> status = budget.status(measured);
    BigDecimal allowedBad = events == null ? null : budget.allowedBad(events.valid());
    Duration allowedDowntime = time == null ? null : budget.allowedDowntime(w.exact().length());
    Duration allowedMeasured = time == null ? null : budget.allowedDowntime(time.measured());
    Duration remainingDowntime = time == null ? null : budget.remainingDowntime(time);
    long bound = 0;
    if (slo.sli() instanceof SloConfig.Sli.Latency l) {
      long threshold = l.threshold().toNanos() / 1000;
      bound = LatencyHistogram.boundAtOrBelow(threshold);
      if (bound != threshold) {
        notes.add("the threshold " + Durations.format(l.threshold()) + " lies between latency histogram bounds;"
            + " runs up to " + Durations.format(Duration.ofNanos(bound * 1000)) + " count as fast enough");
      }
    }
    return new SloReport(slo, w, r.source(), events, time, status, budget.ratio(), allowedBad, allowedDowntime,
        allowedMeasured, remainingDowntime, bound, notes);
  }

  private static void windowNotes(MonthWindow w, List<String> notes) {
    if (w.partial()) {
      notes.add("the month has not ended: read until " + Figures.instant(w.read().end()));
    }
  }

  private static void sourceNotes(Source s, boolean known, List<String> notes) {
    if (!known) {
      notes.add("no history: this boundary has never been accounted");
      return;
    }
    if (!s.hasData()) {
      notes.add("no history stored for this span");
      return;
    }
    if (!s.dayRollups().isEmpty()) {
      List<LocalDate> days = s.dayRollups();
      notes.add(days.size() + (days.size() == 1 ? " day" : " days") + " (" + days.get(0)
          + (days.size() == 1 ? "" : " to " + days.get(days.size() - 1))
          + ") read from day rollups: their hour rollups are incomplete (dropped by retention)");
    }
    if (s.dayEdgesRounded()) {
      notes.add("day rollups cover whole UTC days, so the span read starts and ends at the nearest midnight UTC");
    }
    if (!s.unaccounted().isZero()) {
      notes.add(Figures.human(s.unaccounted()) + " with no stored history (Vigil was not running, or the boundary"
          + " did not exist yet) counts as unknown");
    }
  }
}
