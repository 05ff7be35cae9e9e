package io.vigil.report;

import io.vigil.change.ChangeEvent;
import io.vigil.change.ChangeEvents;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.incident.Incident;
import io.vigil.probe.Outcome;
import io.vigil.slo.ErrorBudget;
import io.vigil.slo.Window;
import io.vigil.store.HistoryReader;
import io.vigil.store.StoredResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code vigil postmortem ID}: a Markdown draft of an incident's postmortem from what Vigil knows — the timeline
 * (suspected change, first failure, detection, recovery), the probes that failed with their reasons and location,
 * the error budget the incident spent per SLO, the suspected change — and headings for what only people know.
 * Text from the configuration and history is escaped as in the report.
 */
public final class PostmortemDraft {
  private PostmortemDraft() {}

  /**
   * The draft of incident {@code id} ({@code <boundary>-<startMillis>}).
   *
   * @throws IllegalArgumentException when the id is malformed, names no configured boundary, or no such incident
   *     is in history
   */
  public static String render(VigilConfig config, HistoryReader history, String id) {
    int dash = id.lastIndexOf('-');
    long start;
    try {
      start = Long.parseLong(id.substring(dash + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("expected an incident id like shop-api-1764763200000 (boundary-start), got '"
          + id + "'");
    }
    String name = id.substring(0, Math.max(0, dash));
    BoundaryConfig b = config.boundary(name);
    if (b == null) {
      throw new IllegalArgumentException("incident '" + id + "': no boundary named '" + name + "' in the configuration");
    }
    Incident i = history.incidents(name, start, start + 1).stream().filter(x -> x.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no incident '" + id + "' in history"));
    long end = i.endMillis();
    Optional<ChangeEvent> suspect = ChangeEvents.suspect(i,
        history.changes(name, start - ChangeEvents.SUSPECT_WINDOW.toMillis(), start + 1));
    String link = history.postmortems(name).get(id);
    StringBuilder md = new StringBuilder();
    line(md, "# Postmortem: " + MarkdownReport.cell(b.title()) + ", " + at(start));
    line(md, "");
    line(md, "_Draft from Vigil's history of incident `" + id + "`; the facts below are measured, the sections marked"
        + " TODO are yours._");
    line(md, "");
    line(md, "## Summary");
    line(md, "");
    line(md, "- Boundary: " + MarkdownReport.cell(b.title()) + " (`" + name + "`)"
        + (b.owner().team().isEmpty() ? "" : ", owned by " + MarkdownReport.cell(b.owner().team())));
    line(md, "- Down: " + at(start) + " to " + (end == 0 ? "ongoing" : at(end) + ", "
        + Figures.human(Duration.ofMillis(end - start))));
    line(md, "- Detected after " + Figures.human(Duration.ofMillis(Math.max(0, i.detectedMillis() - start)))
        + (i.resolvedMillis() == 0 ? "" : ", resolved after "
            + Figures.human(Duration.ofMillis(Math.max(0, i.resolvedMillis() - start)))));
    line(md, "- Suspected change: " + suspect.map(PostmortemDraft::change).orElse("none recorded in the "
        + ChangeEvents.SUSPECT_WINDOW.toMinutes() + " minutes before"));
    if (link != null) {
      line(md, "- Postmortem: " + MarkdownReport.cell(link));
    }
    line(md, "");
    line(md, "## Timeline (UTC)");
    line(md, "");
    line(md, "| Time | What |");
    line(md, "|---|---|");
    suspect.ifPresent(e -> line(md, "| " + at(e.atMillis()) + " | change: " + change(e) + " (suspected) |"));
    line(md, "| " + at(start) + " | first failure" + (i.firstReason() == null ? "" : " ("
        + MarkdownReport.cell(i.firstReason()) + ")") + " |");
    line(md, "| " + at(i.detectedMillis()) + " | detected: the boundary turned down |");
    if (end != 0) {
      line(md, "| " + at(end) + " | recovery: first good run |");
    }
    if (i.resolvedMillis() != 0) {
      line(md, "| " + at(i.resolvedMillis()) + " | resolved: the boundary left down |");
    }
    line(md, "");
    line(md, "## Probes, locations and reasons");
    line(md, "");
    line(md, "Location: " + MarkdownReport.cell(config.location()) + ".");
    line(md, "");
    line(md, "| Probe | Type | Failed runs | Reasons |");
    line(md, "|---|---|---:|---|");
    long to = end == 0 ? Long.MAX_VALUE : end + 1;
    int stalled = 0;
    for (String probe : i.probes()) {
      Map<String, Integer> reasons = new TreeMap<>();
      int failed = 0;
      for (int pid : history.probeIds(probe)) {
        for (StoredResult r : history.results(pid, start, to)) {
          stalled += r.stalled() ? 1 : 0;
          if (r.outcome() != Outcome.GOOD) {
            failed++;
            reasons.merge(r.reason() == null ? "unknown" : r.reason().label(), 1, Integer::sum);
          }
        }
      }
      String type = config.probesOf(name).stream().filter(p -> p.name().equals(probe)).findFirst()
          .map(p -> p.type().name().toLowerCase(java.util.Locale.ROOT)).orElse("");
      StringBuilder why = new StringBuilder();
      reasons.forEach((r, n) -> why.append(why.length() == 0 ? "" : ", ").append(r).append(" ×").append(n));
      line(md, "| " + MarkdownReport.cell(probe) + " | " + type + " | " + failed + " | " + why + " |");
    }
    if (stalled > 0) {
      line(md, "");
      line(md, stalled + (stalled == 1 ? " run was" : " runs were") + " measured while the prober stalled: their "
          + "durations may include Vigil's own pause.");
    }
    line(md, "");
    line(md, "## Error budget spent");
    line(md, "");
    if (b.slos().isEmpty()) {
      line(md, "No SLOs are declared on this boundary.");
    } else if (end == 0) {
      line(md, "The incident is still open; the budget it spends is still growing.");
    } else {
      Duration down = Duration.ofMillis(end - start);
      for (SloConfig slo : b.slos()) {
        Duration period = Window.of(slo).period(Instant.ofEpochMilli(start)).length();
        Duration allowed = ErrorBudget.of(slo).allowedDowntime(period);
        String share = allowed.isZero() ? "all of it" : Figures.percentUp(BigDecimal.valueOf(down.toMillis())
            .divide(BigDecimal.valueOf(allowed.toMillis()), MathContext.DECIMAL64)) + "%";
        line(md, "- " + MarkdownReport.cell(slo.name()) + " (" + Figures.exactPercent(slo.target()) + "% over "
            + slo.window() + "): " + Figures.human(down) + " of downtime is " + share + " of the "
            + Figures.human(allowed) + " the budget allows"
            + (slo.sli() instanceof SloConfig.Sli.Time ? ""
                : " (as time; this SLO counts runs, so its own share differs)"));
      }
    }
    line(md, "");
    line(md, "## Impact");
    line(md, "");
    line(md, "TODO: who was affected and how.");
    line(md, "");
    line(md, "## Root cause");
    line(md, "");
    line(md, "TODO");
    line(md, "");
    line(md, "## Action items");
    line(md, "");
    line(md, "- TODO");
    return md.toString();
  }

  private static String change(ChangeEvent e) {
    return MarkdownReport.cell(e.label()) + " at " + at(e.atMillis())
        + (e.link().isEmpty() ? "" : ", " + MarkdownReport.cell(e.link()));
  }

  private static String at(long millis) {
    return Figures.instant(Instant.ofEpochMilli(millis));
  }

  private static void line(StringBuilder md, String text) {
    md.append(text).append('\n');
  }
}
