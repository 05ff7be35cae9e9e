package io.vigil.web.page;

import io.vigil.boundary.BoundaryState;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.boundary.ProbeView;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.Durations;
import io.vigil.config.Owner;
import io.vigil.config.ProbeConfig;
import io.vigil.config.Redactor;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import io.vigil.probe.ProbeResult;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.Counts;
import io.vigil.slo.LatencyBands;
import io.vigil.status.ActiveAlert;
import io.vigil.status.Availability;
import io.vigil.status.BoundaryStatus;
import io.vigil.status.DayBar;
import io.vigil.status.LatencyPoint;
import io.vigil.status.ProbeAvailability;
import io.vigil.status.SloStatus;
import io.vigil.status.StatusSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the status page ({@code /}) and a boundary's page ({@code /boundaries/{name}}) from one snapshot,
 * as complete server-side HTML that reads the same with scripts off. The region the script refreshes is
 * {@code <main id="live">}; its {@code data-version} changes with every snapshot.
 */
final class StatusPage {
  /** Seconds between refreshes of the live region by the page's script. */
  static final int REFRESH_SECONDS = 10;
  private static final int PAST_INCIDENTS_SHOWN = 10;
  private static final int CHANGES_SHOWN = 20;
  private static final Duration PAST_INCIDENTS_WINDOW = Duration.ofDays(7);
  private static final List<String> PAGE_WINDOWS = List.of("1d", "7d", "30d", "90d");
  private static final List<String> WINDOW_LABELS = List.of("24 h", "7 days", "30 days", "90 days");

  private final Assets assets;

  StatusPage(Assets assets) {
    this.assets = assets;
  }

  String overview(StatusSnapshot snapshot, VigilConfig config) {
    List<BoundaryStatus> boundaries = PublicStatus.boundaries(snapshot);
    Html h = new Html(4096 + boundaries.size() * 9000);
    head(h, config.statusPageTitle(), config.statusPageTitle());
    h.raw("<main id=\"live\" data-version=\"").num(snapshot.at().toEpochMilli()).raw("\" data-refresh=\"")
        .num(REFRESH_SECONDS).raw("\">");
    banner(h, PublicStatus.overall(boundaries), snapshot);
    for (BoundaryStatus b : boundaries) {
      card(h, b, snapshot, config.redactor());
    }
    incidents(h, boundaries, snapshot);
    maintenance(h, boundaries, snapshot);
    h.raw("</main>");
    foot(h, snapshot);
    return h.toString();
  }

  /**
   * A boundary's page.
   *
   * @param fullOwner whether the owner block shows every field and the runbook (admins) or the team only
   */
  String boundary(StatusSnapshot snapshot, VigilConfig config, BoundaryStatus b, boolean fullOwner) {
    BoundaryConfig c = b.live().config();
    Html h = new Html(32_768);
    head(h, c.title() + " · " + config.statusPageTitle(), config.statusPageTitle());
    h.raw("<main id=\"live\" data-version=\"").num(snapshot.at().toEpochMilli()).raw("\" data-refresh=\"")
        .num(REFRESH_SECONDS).raw("\">");
    h.raw("<p class=\"back\"><a href=\"/\">← All systems</a></p>");
    h.raw("<section class=\"boundary detail\" aria-labelledby=\"h-b\"><div class=\"head\"><h2 id=\"h-b\">")
        .text(c.title()).raw("</h2>");
    state(h, b, snapshot);
    h.raw("</div>");
    if (!c.description().isEmpty()) {
      h.raw("<p class=\"desc\">").text(c.description()).raw("</p>");
    }
    owner(h, fullOwner ? c.owner() : c.owner().teamOnly(), config.redactor());
    updated(h, snapshot);
    h.raw("<h3>Availability</h3><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Window</th>"
        + "<th scope=\"col\">Uptime (time)</th><th scope=\"col\">Requests (good / valid)</th>"
        + "<th scope=\"col\">Downtime</th><th scope=\"col\">Coverage</th><th scope=\"col\">Fast / acceptable / slow"
        + " <span class=\"muted\">(").text(bandEdges(c)).raw(")</span></th></tr></thead><tbody>");
    for (Availability a : b.availability()) {
      h.raw("<tr><th scope=\"row\">").text(a.window()).raw("</th><td>").text(Formats.percent(a.timeRatio()))
          .raw("</td><td>").text(Formats.percent(a.requestRatio())).raw(" <span class=\"muted\">(")
          .num(a.requests().good()).raw(" / ").num(a.requests().valid()).raw(")</span></td><td>")
          .text(Formats.duration(a.time().down())).raw("</td><td>").text(Formats.percent(a.coverage()))
          .raw("</td><td>").text(bandShares(a.bands())).raw("</td></tr>");
    }
    h.raw("</tbody></table></div>");
    h.raw("<h3>Last 90 days</h3>");
    bars(h, b, snapshot, b.changes());
    if (b.mttr().isPresent() || b.mtbf().isPresent()) {
      h.raw("<p class=\"muted\">Over 30 days: mean time to restore ")
          .text(b.mttr().map(Formats::duration).orElse("n/a")).raw(", mean time between failures ")
          .text(b.mtbf().map(Formats::duration).orElse("n/a")).raw(".</p>");
    }
    if (!b.slos().isEmpty()) {
      h.raw("<h3>Objectives</h3>");
      slos(h, b, true);
    }
    h.raw("<h3>Latency, last 24 hours</h3>");
    latency(h, b, snapshot, true);
    probes(h, b, snapshot, config.redactor());
    h.raw("<h3>Incidents, last 90 days</h3>");
    List<Incident> incidents = b.incidents();
    long due = incidents.stream().filter(i -> b.postmortemDue(i, snapshot.at())).count();
    if (due > 0) {
      h.raw("<p class=\"due\">Postmortem due for ").num(due).raw(due == 1 ? " incident" : " incidents")
          .text(" (longer than " + Formats.duration(c.postmortemAfter()) + ", ended over 48 h ago, no postmortem linked).")
          .raw("</p>");
    }
    if (incidents.isEmpty()) {
      h.raw("<p class=\"muted\">No incidents in the last 90 days.</p>");
    } else {
      h.raw("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Started</th><th scope=\"col\">Duration</th>"
          + "<th scope=\"col\">Detected after</th><th scope=\"col\">Probes</th><th scope=\"col\">First failure</th>"
          + "<th scope=\"col\">Suspected change</th><th scope=\"col\">Postmortem</th></tr></thead><tbody>");
      for (Incident i : incidents) {
        h.raw("<tr><td>").text(Formats.minute(i.startMillis())).raw("</td><td>")
            .text(i.open() ? "ongoing, " + Formats.duration(since(i.startMillis(), snapshot)) : Formats.duration(
                Duration.ofMillis(Math.max(0, i.endMillis() - i.startMillis()))))
            .raw("</td><td>").text(Formats.duration(Duration.ofMillis(Math.max(0, i.detectedMillis() - i.startMillis()))))
            .raw("</td><td>").text(String.join(", ", titles(b, i.probes()))).raw("</td><td>")
            .text(i.firstReason() == null ? "" : i.firstReason());
        causedBy(h, PublicStatus.causedBy(snapshot, b, i), snapshot);
        h.raw("</td><td>");
        b.suspect(i).ifPresent(e -> change(h, e));
        h.raw("</td><td>");
        String postmortem = b.postmortems().get(i.id());
        if (postmortem != null) {
          h.raw("<a rel=\"noopener\" href=\"").attr(postmortem).raw("\">postmortem</a>");
        } else if (b.postmortemDue(i, snapshot.at())) {
          h.raw("<strong class=\"due\">postmortem due</strong>");
        }
        h.raw("</td></tr>");
      }
      h.raw("</tbody></table></div>");
    }
    if (!b.changes().isEmpty()) {
      h.raw("<h3>Changes, last 90 days</h3><ul class=\"list changes\">");
      b.changes().stream().limit(CHANGES_SHOWN).forEach(e -> {
        h.raw("<li>");
        change(h, e);
        h.raw("</li>");
      });
      h.raw("</ul>");
    }
    if (!b.maintenance().isEmpty()) {
      h.raw("<h3>Scheduled maintenance</h3><ul class=\"list\">");
      for (MaintenanceSchedule.Occurrence o : b.maintenance()) {
        h.raw("<li>");
        occurrence(h, o, snapshot);
        h.raw("</li>");
      }
      h.raw("</ul>");
    }
    h.raw("</section></main>");
    foot(h, snapshot);
    return h.toString();
  }

  String notFound(VigilConfig config) {
    Html h = new Html(2048);
    head(h, "Not found · " + config.statusPageTitle(), config.statusPageTitle());
    h.raw("<main id=\"live\"><p class=\"back\"><a href=\"/\">← All systems</a></p>"
        + "<section class=\"boundary\" aria-labelledby=\"h-nf\"><h2 id=\"h-nf\">Not found</h2>"
        + "<p>There is no public system by that name.</p></section></main>");
    h.raw("<footer class=\"foot\"><p>Vigil</p></footer></body></html>");
    return h.toString();
  }

  private void head(Html h, String title, String siteTitle) {
    h.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"color-scheme\" content=\"light dark\"><link rel=\"icon\" href=\"data:,\"><title>").text(title).raw("</title>"
        + "<link rel=\"stylesheet\" href=\"").attr(assets.cssUrl()).raw("\"><script src=\"").attr(assets.jsUrl())
        .raw("\" defer></script></head><body><header class=\"top\"><h1><a href=\"/\">").text(siteTitle)
        .raw("</a></h1></header><div id=\"announce\" class=\"sr-only\" aria-live=\"polite\"></div>");
  }

  private static void foot(Html h, StatusSnapshot snapshot) {
    h.raw("<footer class=\"foot\"><p>Monitored by Vigil from ").text(snapshot.location())
        .raw(" · <a href=\"/api/v1/status\">JSON</a></p></footer></body></html>");
  }

  private static void updated(Html h, StatusSnapshot snapshot) {
    h.raw("<p class=\"updated\">Updated <time datetime=\"").attr(snapshot.at().toString()).raw("\">")
        .text(Formats.seconds(snapshot.at())).raw("</time></p>");
  }

  private static void banner(Html h, PublicStatus.Overall overall, StatusSnapshot snapshot) {
    h.raw("<section class=\"banner st-").raw(overall.state().label()).raw("\" aria-labelledby=\"overall\">")
        .raw("<h2 id=\"overall\"><span class=\"icon\" aria-hidden=\"true\">").raw(icon(overall.state()))
        .raw("</span> <span class=\"headline\">").text(overall.headline()).raw("</span></h2>");
    if (!overall.affected().isEmpty() && overall.state() != BoundaryState.UP) {
      h.raw("<p>");
      List<String> parts = new ArrayList<>();
      for (BoundaryStatus b : overall.affected()) {
        parts.add(b.live().config().title() + " (" + b.live().state().label() + ")");
      }
      h.text("Affected: " + String.join(", ", parts)).raw("</p>");
    }
    if (snapshot.history().degraded()) {
      // the reason names files and errors of the host: it stays in /-/ready and the log, not on public pages
      h.raw("<p class=\"history-degraded\" role=\"status\">")
          .text("History is degraded: new results are not being stored right now, so availability figures may lag.")
          .raw("</p>");
    }
    updated(h, snapshot);
    h.raw("</section>");
  }

  private void card(Html h, BoundaryStatus b, StatusSnapshot snapshot, Redactor redactor) {
    BoundaryConfig c = b.live().config();
    h.raw("<section class=\"boundary\" id=\"b-").attr(c.name()).raw("\" aria-labelledby=\"h-").attr(c.name())
        .raw("\"><div class=\"head\"><h2 id=\"h-").attr(c.name()).raw("\"><a href=\"/boundaries/").path(c.name())
        .raw("\">").text(c.title()).raw("</a></h2>");
    state(h, b, snapshot);
    h.raw("</div>");
    if (!c.description().isEmpty()) {
      h.raw("<p class=\"desc\">").text(c.description()).raw("</p>");
    }
    if (!c.owner().team().isEmpty()) {
      // the public overview names the owning team only; responders and escalation are on the boundary's page
      h.raw("<p class=\"owner muted\">Team ").text(redactor.redact(c.owner().team())).raw("</p>");
    }
    h.raw("<dl class=\"uptime\">");
    for (int i = 0; i < PAGE_WINDOWS.size(); i++) {
      Availability a = b.availability(PAGE_WINDOWS.get(i));
      h.raw("<div><dt>").text(WINDOW_LABELS.get(i)).raw("</dt><dd>")
          .text(a == null ? "no data" : Formats.percent(a.timeRatio())).raw("</dd></div>");
    }
    h.raw("</dl>");
    bars(h, b, snapshot, List.of());
    h.raw("<div class=\"panels\">");
    if (!b.slos().isEmpty()) {
      h.raw("<div><h3>Objectives</h3>");
      slos(h, b, false);
      h.raw("</div>");
    }
    h.raw("<div><h3>Latency, last 24 hours</h3>");
    latency(h, b, snapshot, false);
    h.raw("</div></div></section>");
  }

  private static void state(Html h, BoundaryStatus b, StatusSnapshot snapshot) {
    BoundaryState s = b.live().state();
    h.raw("<p class=\"state st-").raw(s.label()).raw("\"><span class=\"icon\" aria-hidden=\"true\">").raw(icon(s))
        .raw("</span> <span class=\"word\">").raw(word(s)).raw("</span>");
    if (b.live().sinceMillis() > 0) {
      h.raw(" <span class=\"muted\">for ").text(Formats.duration(since(b.live().sinceMillis(), snapshot)))
          .raw("</span>");
    }
    h.raw("</p>");
  }

  static String word(BoundaryState s) {
    return switch (s) {
      case UP -> "Up";
      case DEGRADED -> "Degraded";
      case DOWN -> "Down";
      case UNKNOWN -> "Unknown";
      case MAINTENANCE -> "Maintenance";
    };
  }

  private static String icon(BoundaryState s) {
    return switch (s) {
      case UP -> "✓";
      case DEGRADED -> "!";
      case DOWN -> "✕";
      case UNKNOWN -> "?";
      case MAINTENANCE -> "⚙";
    };
  }

  private static void bars(Html h, BoundaryStatus b, StatusSnapshot snapshot, List<ChangeEvent> changes) {
    List<DayBar> days = b.days();
    LocalDate today = LocalDate.ofInstant(snapshot.at(), ZoneOffset.UTC);
    Availability ninety = b.availability("90d");
    String overall = ninety == null ? "no data" : Formats.percent(ninety.timeRatio());
    long down = days.stream().filter(d -> !d.time().down().isZero()).count();
    String summary = "Daily uptime for the last " + days.size() + " days: " + overall + " overall, "
        + (down == 0 ? "no day with downtime" : down + (down == 1 ? " day" : " days") + " with downtime")
        + (changes.isEmpty() ? "" : "; " + changes.size() + (changes.size() == 1 ? " change" : " changes")
            + " recorded");
    h.raw("<div class=\"bars\">");
    Charts.days(h, days, today, summary, changes);
    h.raw("<p class=\"axis\"><span>").num(days.size()).raw(" days ago</span><span>").text(overall)
        .raw(" uptime</span><span>Today</span></p></div>");
  }

  private static void slos(Html h, BoundaryStatus b, boolean detailed) {
    h.raw("<ul class=\"slos\">");
    for (SloStatus s : b.slos()) {
      SloConfig c = s.config();
      Optional<BudgetStatus> budget = s.budget();
      boolean met = budget.map(BudgetStatus::met).orElse(true);
      h.raw("<li class=\"slo").raw(budget.isEmpty() ? "" : met ? " met" : " missed").raw("\"><p class=\"slo-line\">")
          .raw("<span class=\"slo-name\">").text(c.name()).raw("</span> <span class=\"muted\">")
          .text(objective(c)).raw("</span> <span class=\"slo-value\">")
          .text(budget.map(x -> Formats.percent(x.sli())).orElse("no data"));
      if (budget.isPresent()) {
        h.raw(" <span class=\"tag\">").raw(met ? "met" : "missed").raw("</span>");
      }
      h.raw("</span></p>");
      if (budget.isPresent()) {
        BigDecimal remaining = budget.get().remaining();
        String left = Formats.wholePercent(remaining) + " of error budget left";
        String cls = remaining.signum() <= 0 ? "fill-bad" : remaining.compareTo(new BigDecimal("0.25")) < 0
            ? "fill-warn" : "fill-ok";
        Charts.budget(h, remaining, cls, left);
        h.raw("<p class=\"budget\">").text(left + " · " + timeLeft(s, remaining));
        s.verdict().severity().ifPresent(sev -> h.raw(" · <strong>").text("burning fast (" + sev.label() + ")")
            .raw("</strong>"));
        h.raw("</p>");
      }
      if (detailed && !s.burnRates().isEmpty()) {
        h.raw("<p class=\"muted\">Burn rate: ");
        List<String> parts = new ArrayList<>();
        s.burnRates().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
            parts.add(Durations.format(e.getKey()) + " " + e.getValue()
                .setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "×"));
        h.text(String.join(", ", parts)).raw("</p>");
      }
      h.raw("</li>");
    }
    h.raw("</ul>");
  }

  /** {@code < 400ms · ≤ 800ms · > 800ms}: what the three bands mean for this boundary. */
  static String bandEdges(BoundaryConfig c) {
    String fast = Durations.format(c.latencyBands().fast());
    String slow = Durations.format(c.latencyBands().slow());
    return "< " + fast + " · " + fast + "–" + slow + " · > " + slow + " or failed";
  }

  /** {@code 97.5% / 2% / 0.5%}, or {@code no data}. */
  static String bandShares(LatencyBands b) {
    if (b.valid() == 0) {
      return "no data";
    }
    List<String> parts = new ArrayList<>();
    for (LatencyBands.Band band : LatencyBands.Band.values()) {
      parts.add(Formats.percent(b.share(band)));
    }
    return String.join(" / ", parts);
  }

  /** {@code requests ≥ 99.5% over 30d}, {@code time ≥ 99% per month}, {@code ≤ 1s for 90% over 7d}. */
  static String objective(SloConfig c) {
    String window = switch (c.window().kind()) {
      case ROLLING -> "over " + c.window();
      case MONTH -> "per calendar month";
      case QUARTER -> "per calendar quarter";
    };
    return c.sli().measured() + " ≥ " + Formats.target(c.target()) + " " + window;
  }

  /** The budget left as time: downtime still allowed (time SLOs) or the full outage it would take. */
  static String timeLeft(SloStatus s, BigDecimal remaining) {
    if (s.remainingDowntime() != null) {
      Duration d = s.remainingDowntime();
      return d.isNegative() ? "overspent by " + Formats.duration(d.negated()) : Formats.duration(d)
          + " of downtime left";
    }
    if (remaining.signum() <= 0) {
      return "budget spent";
    }
    BigDecimal nanos = s.config().budgetRatio().multiply(BigDecimal.valueOf(s.period().toNanos())).multiply(remaining);
    return "≈ " + Formats.duration(Duration.ofNanos(nanos.longValue())) + " of full outage left";
  }

  private static void latency(Html h, BoundaryStatus b, StatusSnapshot snapshot, boolean detailed) {
    List<LatencyPoint> points = b.latency();
    LatencyPoint last = null;
    for (LatencyPoint p : points) {
      if (p.runs() > 0 && p.p50Millis() >= 0) {
        last = p;
      }
    }
    String summary = last == null ? "Latency over the last 24 hours: no good runs recorded yet"
        : "Latency over the last 24 hours; latest hour " + Charts.hourText(last);
    h.raw("<figure class=\"chart\">");
    Charts.latency(h, points, snapshot.at().toEpochMilli(), detailed, summary,
        detailed ? b.changes() : List.of());
    h.raw("<figcaption><span class=\"key p50\">p50</span> <span class=\"key p95\">p95</span>")
        .raw(detailed ? " <span class=\"key p99\">p99</span>" : "").raw(" <span class=\"muted\">")
        .text(last == null ? "no good runs yet" : "latest hour: p50 " + Formats.millis(last.p50Millis()) + ", p95 "
            + Formats.millis(last.p95Millis()))
        .raw("</span></figcaption></figure>");
    if (detailed && !points.isEmpty()) {
      h.raw("<details><summary>Hourly values</summary><div class=\"scroll\"><table><thead><tr>"
          + "<th scope=\"col\">Hour (UTC)</th><th scope=\"col\">p50</th><th scope=\"col\">p95</th>"
          + "<th scope=\"col\">p99</th><th scope=\"col\">Good runs</th></tr></thead><tbody>");
      for (LatencyPoint p : points) {
        boolean none = p.runs() == 0 || p.p50Millis() < 0;
        h.raw("<tr><th scope=\"row\">").text(Formats.clock(p.hourStartMillis())).raw("</th><td>")
            .text(none ? "–" : Formats.millis(p.p50Millis())).raw("</td><td>")
            .text(none ? "–" : Formats.millis(p.p95Millis())).raw("</td><td>")
            .text(none ? "–" : Formats.millis(p.p99Millis())).raw("</td><td>").num(p.runs()).raw("</td></tr>");
      }
      h.raw("</tbody></table></div></details>");
    }
  }

  private static void probes(Html h, BoundaryStatus b, StatusSnapshot snapshot, Redactor redactor) {
    h.raw("<h3>Probes</h3>");
    if (b.live().probes().stream().anyMatch(p -> !p.config().counts())) {
      h.raw("<p class=\"muted\">Canary and experiment probes are measured and shown with the rest of the"
          + " boundary's probes beside them; they never count in its SLIs, state, budgets or alerts.</p>");
    }
    h.raw("<div class=\"scroll\"><table class=\"probes\"><thead><tr><th scope=\"col\">Probe</th>"
        + "<th scope=\"col\">Status</th><th scope=\"col\">Last run</th><th scope=\"col\">Phases</th>"
        + "<th scope=\"col\">24 h</th><th scope=\"col\">7 days</th><th scope=\"col\">30 days</th></tr></thead><tbody>");
    for (ProbeView p : b.live().probes()) {
      ProbeConfig c = p.config();
      h.raw("<tr><th scope=\"row\">").text(c.title()).raw("<br><span class=\"muted\">")
          .text(target(c, redactor)).raw("</span>");
      if (!c.counts()) {
        h.raw(" <span class=\"tag role\">").raw(c.role().label()).raw("</span>");
      }
      labels(h, c, redactor);
      h.raw("</th><td class=\"pr-").attr(p.status()).raw("\">").text(p.status());
      p.locations().forEach((location, status) -> h.raw("<br><span class=\"muted\">").text(location).raw(": ")
          .text(status).raw("</span>"));
      h.raw("</td><td>");
      ProbeResult r = p.last();
      if (r == null) {
        h.raw("<span class=\"muted\">not run yet</span>");
      } else {
        h.text(r.outcome().label());
        if (r.reason() != null) {
          h.raw(" <span class=\"reason\">").text(r.reason().label()).raw("</span>");
        }
        if (r.httpStatus() > 0) {
          h.raw(" <span class=\"muted\">HTTP ").num(r.httpStatus()).raw("</span>");
        }
        h.raw("<br><span class=\"muted\">").text(Formats.millis(r.durationNanos() / 1e6)).raw(", ")
            .text(Formats.duration(since(r.startedAtMillis(), snapshot))).raw(" ago</span>");
      }
      h.raw("</td><td>");
      if (r != null) {
        Charts.phases(h, r.phases());
      }
      h.raw("</td>");
      ProbeAvailability a = b.probes().stream().filter(x -> x.probe().equals(c.name())).findFirst().orElse(null);
      List<Counts> own = a == null ? List.of(Counts.NONE, Counts.NONE, Counts.NONE)
          : List.of(a.day(), a.week(), a.month());
      List<Counts> rest = c.counts() ? null : List.of(b.rest().day(), b.rest().week(), b.rest().month());
      for (int i = 0; i < own.size(); i++) {
        h.raw("<td>").text(Formats.percent(own.get(i).sli()));
        if (rest != null) {
          h.raw("<br><span class=\"muted\">rest ").text(Formats.percent(rest.get(i).sli())).raw("</span>");
        }
        h.raw("</td>");
      }
      h.raw("</tr>");
    }
    h.raw("</tbody></table></div>");
  }

  /** The owner block of a boundary's page: team, responders, escalation, chat and the runbook link, as given. */
  /** A change: {@code deploy 1.4.2 at 2026-12-03 12:03 UTC}, linked when it has a link. */
  private static void change(Html h, ChangeEvent e) {
    String text = e.label() + " at " + Formats.minute(e.atMillis());
    if (e.link().isEmpty()) {
      h.text(text);
    } else {
      h.raw("<a rel=\"noopener\" href=\"").attr(e.link()).raw("\">").text(text).raw("</a>");
    }
  }

  private static void owner(Html h, Owner o, Redactor redactor) {
    if (o.isEmpty()) {
      return;
    }
    h.raw("<dl class=\"owner\">");
    ownerField(h, "Team", o.team(), redactor);
    ownerField(h, "Primary", o.primary(), redactor);
    ownerField(h, "Secondary", o.secondary(), redactor);
    ownerField(h, "Escalation", o.escalation(), redactor);
    ownerField(h, "Chat", o.chat(), redactor);
    if (!o.runbook().isEmpty()) {
      String url = redactor.redact(o.runbook());
      h.raw("<div><dt>Runbook</dt><dd><a rel=\"noopener\" href=\"").attr(url).raw("\">").text(url)
          .raw("</a></dd></div>");
    }
    h.raw("</dl>");
  }

  private static void ownerField(Html h, String label, String value, Redactor redactor) {
    if (!value.isEmpty()) {
      h.raw("<div><dt>").raw(label).raw("</dt><dd>").text(redactor.redact(value)).raw("</dd></div>");
    }
  }

  /** A probe's {@code labels} as {@code key=value} tags under its name (secrets redacted). */
  private static void labels(Html h, ProbeConfig c, Redactor redactor) {
    if (c.labels().isEmpty()) {
      return;
    }
    h.raw("<br><span class=\"labels\">");
    c.labels().forEach((k, v) -> h.raw("<span class=\"tag label\">").text(redactor.redact(k) + "=" + redactor.redact(v))
        .raw("</span> "));
    h.raw("</span>");
  }

  /**
   * What a probe exercises, without anything secret: the type and the host (HTTP, TCP) or the query (DNS).
   * Never the URL, its path or query, credentials or headers.
   */
  static String target(ProbeConfig c, Redactor redactor) {
    String what = switch (c.type()) {
      case HTTP -> "HTTP " + c.http().method() + " " + host(c.http().url());
      case TCP -> "TCP " + c.tcp().host() + (c.tcp().tls().enabled() ? " (TLS)" : "");
      case DNS -> "DNS " + c.dns().type() + " " + c.dns().name();
    };
    return redactor.redact(what);
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static List<String> titles(BoundaryStatus b, List<String> probes) {
    List<String> out = new ArrayList<>();
    for (String name : probes) {
      String title = name;
      for (ProbeView p : b.live().probes()) {
        if (p.config().name().equals(name)) {
          title = p.config().title();
        }
      }
      out.add(title);
    }
    return out;
  }

  private static void incidents(Html h, List<BoundaryStatus> boundaries, StatusSnapshot snapshot) {
    record Item(BoundaryStatus boundary, Incident incident) {}
    long oldest = snapshot.at().toEpochMilli() - PAST_INCIDENTS_WINDOW.toMillis();
    List<Item> active = new ArrayList<>();
    List<Item> past = new ArrayList<>();
    for (BoundaryStatus b : boundaries) {
      for (Incident i : b.incidents()) {
        if (i.open()) {
          active.add(new Item(b, i));
        } else if (i.endMillis() >= oldest) {
          past.add(new Item(b, i));
        }
      }
    }
    past.sort(Comparator.comparingLong((Item i) -> i.incident().startMillis()).reversed());
    h.raw("<section class=\"events\" aria-labelledby=\"h-incidents\"><h2 id=\"h-incidents\">Incidents</h2>");
    if (active.isEmpty()) {
      h.raw("<p class=\"muted\">No active incidents.</p>");
    } else {
      h.raw("<h3>Active</h3><ul class=\"list\">");
      for (Item i : active) {
        incident(h, i.boundary(), i.incident(), snapshot);
      }
      h.raw("</ul>");
    }
    List<BoundaryStatus> alerting = boundaries.stream().filter(b -> !b.alerts().isEmpty()).toList();
    if (!alerting.isEmpty()) {
      h.raw("<h3>Firing alerts</h3><ul class=\"list\">");
      for (BoundaryStatus b : alerting) {
        for (ActiveAlert a : b.alerts()) {
          h.raw("<li class=\"incident open\"><a href=\"/boundaries/").path(b.live().config().name()).raw("\">")
              .text(b.live().config().title()).raw("</a> ").text(a.summary())
              .raw("<br><span class=\"muted\">").text(a.severity() + " since " + Formats.minute(a.since().toEpochMilli())
                  + (a.held() ? ", notifications held" : ""));
          causedBy(h, PublicStatus.visible(snapshot, a.causedBy()), snapshot);
          h.raw("</span></li>");
        }
      }
      h.raw("</ul>");
    }
    h.raw("<h3>Past 7 days</h3>");
    if (past.isEmpty()) {
      h.raw("<p class=\"muted\">No incidents in the past 7 days.</p>");
    } else {
      h.raw("<ul class=\"list\">");
      for (Item i : past.subList(0, Math.min(PAST_INCIDENTS_SHOWN, past.size()))) {
        incident(h, i.boundary(), i.incident(), snapshot);
      }
      h.raw("</ul>");
      if (past.size() > PAST_INCIDENTS_SHOWN) {
        h.raw("<p class=\"muted\">").num(past.size() - PAST_INCIDENTS_SHOWN)
            .raw(" more on the systems' own pages.</p>");
      }
    }
    h.raw("</section>");
  }

  private static void incident(Html h, BoundaryStatus b, Incident i, StatusSnapshot snapshot) {
    h.raw("<li class=\"incident").raw(i.open() ? " open" : "").raw("\"><a href=\"/boundaries/")
        .path(b.live().config().name()).raw("\">").text(b.live().config().title()).raw("</a> ");
    if (i.open()) {
      h.text("down since " + Formats.minute(i.startMillis()) + " (" + Formats.duration(since(i.startMillis(), snapshot))
          + ")");
    } else {
      h.text(Formats.minute(i.startMillis()) + ", lasted "
          + Formats.duration(Duration.ofMillis(Math.max(0, i.endMillis() - i.startMillis()))));
    }
    h.raw("<br><span class=\"muted\">").text("Probes: " + String.join(", ", titles(b, i.probes()))
        + (i.firstReason() == null || i.firstReason().isEmpty() ? "" : " · first failure: " + i.firstReason())
        + b.suspect(i).map(e -> " · suspected change: " + e.label()).orElse(""));
    causedBy(h, PublicStatus.causedBy(snapshot, b, i), snapshot);
    h.raw("</span></li>");
  }

  /** {@code · caused by <a>Auth API</a>} linking each (public) upstream, or nothing. */
  private static void causedBy(Html h, List<String> upstreams, StatusSnapshot snapshot) {
    if (upstreams.isEmpty()) {
      return;
    }
    h.raw(" <span class=\"caused-by\">· caused by ");
    for (int n = 0; n < upstreams.size(); n++) {
      BoundaryStatus u = snapshot.boundary(upstreams.get(n));
      h.raw(n == 0 ? "" : ", ").raw("<a href=\"/boundaries/").path(upstreams.get(n)).raw("\">")
          .text(u == null ? upstreams.get(n) : u.live().config().title()).raw("</a>");
    }
    h.raw("</span>");
  }

  private static void maintenance(Html h, List<BoundaryStatus> boundaries, StatusSnapshot snapshot) {
    List<MaintenanceSchedule.Occurrence> all = new ArrayList<>();
    for (BoundaryStatus b : boundaries) {
      all.addAll(b.maintenance());
    }
    all.sort(Comparator.comparing(o -> o.span().start()));
    h.raw("<section class=\"events\" aria-labelledby=\"h-maintenance\"><h2 id=\"h-maintenance\">"
        + "Scheduled maintenance</h2>");
    if (all.isEmpty()) {
      h.raw("<p class=\"muted\">No maintenance scheduled in the next 7 days.</p>");
    } else {
      h.raw("<ul class=\"list\">");
      for (MaintenanceSchedule.Occurrence o : all) {
        BoundaryStatus b = boundaries.stream().filter(x -> x.name().equals(o.boundary())).findFirst().orElseThrow();
        h.raw("<li><a href=\"/boundaries/").path(b.name()).raw("\">").text(b.live().config().title()).raw("</a>: ");
        occurrence(h, o, snapshot);
        h.raw("</li>");
      }
      h.raw("</ul>");
    }
    h.raw("</section>");
  }

  private static void occurrence(Html h, MaintenanceSchedule.Occurrence o, StatusSnapshot snapshot) {
    boolean active = o.span().contains(snapshot.at());
    h.text((o.title().isEmpty() ? "Maintenance" : o.title()) + " — " + Formats.minute(o.span().start()) + " for "
        + Formats.duration(o.span().length()));
    if (active) {
      h.raw(" <strong>(in progress)</strong>");
    }
  }

  private static Duration since(long millis, StatusSnapshot snapshot) {
    return Duration.ofMillis(Math.max(0, snapshot.at().toEpochMilli() - millis));
  }
}
