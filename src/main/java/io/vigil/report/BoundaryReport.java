package io.vigil.report;

import io.vigil.config.BoundaryConfig;
import io.vigil.slo.Counts;
import io.vigil.slo.IncidentStats;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.TimeTotals;
import java.time.Duration;
import java.util.List;

/**
 * One boundary over the report month in UTC.
 *
 * @param config the boundary
 * @param window the UTC month and what was read of it
 * @param source which rollups were read
 * @param requests good and valid runs of all its probes (runs in excused maintenance are not valid)
 * @param excluded runs inside maintenance that does not count against the budget
 * @param time time per state (degraded counted as up; time with no stored history as unknown)
 * @param degraded the part of {@code time.up()} that was degraded
 * @param probes each configured probe's runs
 * @param slos each SLO, evaluated over the month in its own timezone
 * @param incidents incidents overlapping the month, oldest first
 * @param stats incident count, downtime and uptime within the month, for MTTR and MTBF
 * @param notes what a reader must know to trust the figures (rounding, retention, gaps), in order
 * @param bands the month's valid runs by latency band, from the rollups' latency histograms
 * @param changes change events of the month, oldest first, each with the incidents that followed it
 */
public record BoundaryReport(BoundaryConfig config, MonthWindow window, Source source, Counts requests,
    long excluded, TimeTotals time, Duration degraded, List<ProbeLine> probes, List<SloReport> slos,
    List<IncidentLine> incidents, IncidentStats stats, List<String> notes, LatencyBands bands,
    List<ChangeLine> changes) {
  public BoundaryReport(BoundaryConfig config, MonthWindow window, Source source, Counts requests, long excluded,
      TimeTotals time, Duration degraded, List<ProbeLine> probes, List<SloReport> slos, List<IncidentLine> incidents,
      IncidentStats stats, List<String> notes, LatencyBands bands) {
    this(config, window, source, requests, excluded, time, degraded, probes, slos, incidents, stats, notes, bands,
        List.of());
  }

  public BoundaryReport(BoundaryConfig config, MonthWindow window, Source source, Counts requests, long excluded,
      TimeTotals time, Duration degraded, List<ProbeLine> probes, List<SloReport> slos, List<IncidentLine> incidents,
      IncidentStats stats, List<String> notes) {
    this(config, window, source, requests, excluded, time, degraded, probes, slos, incidents, stats, notes,
        LatencyBands.NONE);
  }

  public BoundaryReport {
    bands = bands == null ? LatencyBands.NONE : bands;
    probes = List.copyOf(probes);
    slos = List.copyOf(slos);
    incidents = List.copyOf(incidents);
    notes = List.copyOf(notes);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  public String name() {
    return config.name();
  }
}
