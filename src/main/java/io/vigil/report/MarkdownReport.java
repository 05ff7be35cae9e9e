package io.vigil.report;

import io.vigil.change.ChangeEvents;
import io.vigil.config.Durations;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.Counts;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.TimeTotals;
import java.time.Duration;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report as Markdown for people: a summary of every SLO on top, then one section per boundary with its
 * availability, coverage, SLOs, incidents, probes and notes. Text from the configuration is escaped so it
 * cannot break a table or inject HTML.
 */
final class MarkdownReport {
  private static final String NO_DATA = "no data";

  private final StringBuilder out = new StringBuilder();

  private MarkdownReport() {}

  static String render(MonthReport report) {
    MarkdownReport m = new MarkdownReport();
    m.report(report);
    return m.out.toString();
  }

  private void report(MonthReport r) {
    String monthName = r.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + r.month().getYear();
    line("# SLA report: " + monthName);
    line("");
    line("Month " + r.month() + ", generated " + Figures.instant(r.generatedAt()) + " at location `"
        + code(r.location()) + "`. Boundaries are reported over the UTC month; each SLO over the month in its own"
        + " timezone, whatever window it declares for live tracking. Percentages never flatter: SLIs,"
        + " availability and remaining budget are rounded down, spent budget up.");
    line("");
    boolean partial = r.boundaries().stream().anyMatch(b -> b.window().partial()
        || b.slos().stream().anyMatch(s -> s.window().partial()));
    if (partial) {
      line("**The month is not over everywhere yet: its figures cover it so far.**");
      line("");
    }
    summary(r);
    for (BoundaryReport b : r.boundaries()) {
      boundary(b);
    }
  }

  private void summary(MonthReport r) {
    line("## Summary");
    line("");
    if (r.boundaries().isEmpty()) {
      line("No boundaries are configured.");
      line("");
      return;
    }
    line("| Boundary | SLO | Target | Actual | Met | Budget spent | Budget remaining |");
    line("|---|---|---:|---:|:---:|---:|---:|");
    for (BoundaryReport b : r.boundaries()) {
      if (b.slos().isEmpty()) {
        line("| " + cell(b.config().title()) + " | (none) | | " + b.time().availability().map(a -> Figures.percentDown(a)
            + "% uptime").orElse(NO_DATA) + " | | | |");
      }
      for (SloReport s : b.slos()) {
        Optional<BudgetStatus> st = s.budget();
        line("| " + cell(b.config().title()) + " | " + cell(s.name()) + " (" + s.config().sli().label() + ") | "
            + Figures.exactPercent(s.config().target()) + "% | "
            + st.map(x -> Figures.percentDown(x.sli()) + "%").orElse(NO_DATA) + " | " + met(s) + " | "
            + st.map(x -> Figures.percentUp(x.consumed()) + "%").orElse("") + " | "
            + st.map(x -> Figures.percentDown(x.remaining()) + "%").orElse("") + " |");
      }
    }
    line("");
  }

  private void boundary(BoundaryReport b) {
    line("## " + cell(b.config().title()) + " (`" + code(b.name()) + "`)");
    line("");
    MonthWindow w = b.window();
    String span = Figures.instant(w.read().start()) + " to " + Figures.instant(w.read().end()) + " (UTC)";
    line((b.source().hasData() ? "Read " + span + " from " + resolution(b.source()) : "Nothing is stored for " + span)
        + (w.partial() ? "; the month has not ended" : "") + ".");
    line("");
    TimeTotals t = b.time();
    Counts req = b.requests();
    line("| Measure | Value |");
    line("|---|---|");
    line("| Availability (requests) | " + req.sli().map(a -> Figures.percentDown(a) + "%: " + req.good() + " good of "
        + req.valid() + " valid runs").orElse(NO_DATA) + " |");
    line("| Runs excluded by maintenance | " + b.excluded() + " |");
    line("| Latency bands (fast < " + Durations.format(b.config().latencyBands().fast()) + " ≤ acceptable ≤ "
        + Durations.format(b.config().latencyBands().slow()) + " < slow or failed) | "
        + (b.bands().valid() == 0 ? NO_DATA : b.bands().share(LatencyBands.Band.FAST).map(Figures::percentDown)
            .orElse("") + "% / " + b.bands().share(LatencyBands.Band.ACCEPTABLE).map(Figures::percentDown).orElse("")
            + "% / " + b.bands().share(LatencyBands.Band.SLOW).map(Figures::percentDown).orElse("") + "%") + " |");
    line("| Availability (time) | " + t.availability().map(a -> Figures.percentDown(a) + "%: up "
        + Figures.human(t.up()) + (b.degraded().isZero() ? "" : " (degraded " + Figures.human(b.degraded()) + ")")
        + ", down " + Figures.human(t.down())).orElse(NO_DATA) + " |");
    line("| Coverage | " + t.coverage().map(c -> Figures.percentDown(c) + "% of the time measured; ").orElse("")
        + "unknown " + Figures.human(t.unknown()) + ", maintenance " + Figures.human(t.maintenance()) + " |");
    line("| Incidents | " + b.stats().incidents() + b.stats().mttr().map(d -> ": MTTR " + Figures.human(d)).orElse("")
        + b.stats().mtbf().map(d -> ", MTBF " + Figures.human(d)).orElse("") + " |");
    line("| Changes | " + b.changes().size() + ", " + b.changes().stream().filter(c -> !c.incidents().isEmpty()).count()
        + " followed by an incident within " + ChangeEvents.SUSPECT_WINDOW.toMinutes() + " minutes |");
    line("");
    slos(b);
    incidents(b);
    changes(b);
    probes(b);
    notes(b);
  }

  private void slos(BoundaryReport b) {
    line("### SLOs");
    line("");
    if (b.slos().isEmpty()) {
      line("No SLOs are declared on this boundary.");
      line("");
      return;
    }
    line("| SLO | SLI | Target | Month | Actual | Met | Budget | Spent | Remaining |");
    line("|---|---|---:|---|---:|:---:|---|---:|---:|");
    for (SloReport s : b.slos()) {
      Optional<BudgetStatus> st = s.budget();
      String budget = Figures.exactPercent(s.budgetRatio()) + "%";
      String spent = st.map(x -> Figures.percentUp(x.consumed()) + "%").orElse("");
      String remaining = st.map(x -> Figures.percentDown(x.remaining()) + "%").orElse("");
      if (s.time() != null) {
        budget += " = " + Figures.human(s.allowedDowntime()) + " of downtime over the month"
            + (st.isPresent() ? " (" + Figures.human(s.allowedDowntimeMeasured()) + " of the time measured)" : "");
        spent += st.isPresent() ? " (down " + Figures.human(s.time().down()) + ")" : "";
        remaining += st.isPresent() ? " (" + Figures.human(s.remainingDowntime()) + ")" : "";
      } else if (st.isPresent()) {
        budget += " = " + Figures.plain(s.allowedBad()) + " bad of " + s.events().valid() + " valid runs";
        spent += st.isPresent() ? " (" + s.events().bad() + " bad)" : "";
      }
      line("| " + cell(s.name()) + " | " + s.config().sli().label() + " | " + Figures.exactPercent(s.config().target())
          + "% | " + month(s.window()) + " | " + st.map(x -> Figures.percentDown(x.sli()) + "%").orElse(NO_DATA)
          + " | " + met(s) + " | " + budget + " | " + spent + " | " + remaining + " |");
    }
    line("");
  }

  private void incidents(BoundaryReport b) {
    line("### Incidents");
    line("");
    if (b.incidents().isEmpty()) {
      line("No incidents.");
      line("");
      return;
    }
    line("| Start (UTC) | End (UTC) | Duration | Detected after | Probes | First reason | Suspected change |");
    line("|---|---|---|---|---|---|---|");
    for (IncidentLine i : b.incidents()) {
      List<String> probes = new ArrayList<>();
      i.incident().probes().forEach(p -> probes.add(cell(p)));
      line("| " + Figures.instant(i.start()) + " | " + i.end().map(Figures::instant).orElse("ongoing") + " | "
          + i.duration().map(Figures::human).orElse("ongoing") + " | " + Figures.human(i.detectionDelay()) + " | "
          + String.join(", ", probes) + " | "
          + (i.incident().firstReason() == null ? "" : cell(i.incident().firstReason())) + " | "
          + i.suspect().map(e -> cell(e.label()) + " at " + Figures.instant(Instant.ofEpochMilli(e.atMillis())))
              .orElse("") + " |");
    }
    line("");
  }

  /** Incidents per change: every change of the month and the incidents that started within 30 minutes after it. */
  private void changes(BoundaryReport b) {
    if (b.changes().isEmpty()) {
      return;
    }
    line("### Changes");
    line("");
    line("| At (UTC) | Change | Link | Incidents after it |");
    line("|---|---|---|---:|");
    for (ChangeLine c : b.changes()) {
      line("| " + Figures.instant(Instant.ofEpochMilli(c.event().atMillis())) + " | " + cell(c.event().label()) + " | "
          + cell(c.event().link()) + " | " + c.incidents().size() + " |");
    }
    line("");
  }

  private void probes(BoundaryReport b) {
    if (b.probes().isEmpty()) {
      return;
    }
    line("### Probes");
    line("");
    line("| Probe | Availability (requests) | Good | Valid | Excluded |");
    line("|---|---:|---:|---:|---:|");
    for (ProbeLine p : b.probes()) {
      line("| " + cell(p.name()) + " | " + p.requests().sli().map(a -> Figures.percentDown(a) + "%").orElse(NO_DATA)
          + " | " + p.requests().good() + " | " + p.requests().valid() + " | " + p.excluded() + " |");
    }
    line("");
  }

  private void notes(BoundaryReport b) {
    List<String> notes = new ArrayList<>(b.notes());
    for (SloReport s : b.slos()) {
      for (String n : s.notes()) {
        String scoped = "SLO " + s.name() + ": " + n;
        if (!b.notes().contains(n) && !notes.contains(scoped)) {
          notes.add(scoped);
        }
      }
    }
    if (notes.isEmpty()) {
      return;
    }
    line("### Notes");
    line("");
    for (int i = 0; i < notes.size(); i++) {
      line((i + 1) + ". " + cell(notes.get(i)));
    }
    line("");
  }

  private static String resolution(Source s) {
    return switch (s.resolution()) {
      case Source.HOUR -> "hour rollups";
      case Source.DAY -> "day rollups";
      case Source.HOUR_AND_DAY -> "hour rollups, and day rollups where retention dropped the hours";
      default -> "no stored history";
    };
  }

  private static String month(MonthWindow w) {
    String zone = w.zoneName();
    return zone + (zone.equals("UTC") ? "" : ", " + Figures.instant(w.read().start()) + " to "
        + Figures.instant(w.read().end())) + (w.partial() ? " (so far)" : "");
  }

  private static String met(SloReport s) {
    return s.met().map(m -> m ? "yes" : "**no**").orElse("");
  }

  /** Escapes text for a table cell or list item: no HTML, no cell breaks, one line. */
  static String cell(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '|' -> b.append("\\|");
        case '\\' -> b.append("\\\\");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '*', '_', '`', '[', ']' -> b.append('\\').append(c);
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Text inside a code span: backticks cannot be escaped there, so they are dropped. */
  private static String code(String text) {
    return text.replace("`", "").replace('\n', ' ').replace('\r', ' ');
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
