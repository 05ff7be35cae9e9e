package io.vigil.web.page;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.boundary.ProbeView;
import io.vigil.config.Durations;
import io.vigil.config.Owner;
import io.vigil.config.ProbeConfig;
import io.vigil.config.Redactor;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.incident.Incident;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.slo.Counts;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.TimeTotals;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.owasp.encoder.Encode;

/**
 * The status page as JSON ({@code /api/v1/status}): the same public boundaries and numbers. Ratios are
 * numbers between 0 and 1 truncated to six decimals (the exact counts sit beside them); times are RFC 3339
 * UTC; durations are seconds. Strings are escaped by the JSON encoder.
 */
final class StatusJson {
  static final int RATIO_SCALE = 6;

  private StatusJson() {}

  /** The public status: a boundary's owner is its team only. */
  static JsonObject status(StatusSnapshot snapshot, VigilConfig config) {
    return status(snapshot, config, false);
  }

  /**
   * The status as JSON.
   *
   * @param fullOwner whether owners show every field (for admins) or the team only (public)
   */
  static JsonObject status(StatusSnapshot snapshot, VigilConfig config, boolean fullOwner) {
    var boundaries = PublicStatus.boundaries(snapshot);
    PublicStatus.Overall overall = PublicStatus.overall(boundaries);
    JsonArray affected = new JsonArray();
    overall.affected().forEach(b -> affected.add(b.name()));
    JsonArray list = new JsonArray();
    for (BoundaryStatus b : boundaries) {
      list.add(boundary(b, snapshot, config.redactor(), fullOwner));
    }
    return new JsonObject()
        .put("title", config.statusPageTitle())
        .put("generated_at", snapshot.at().toString())
        .put("location", snapshot.location())
        .put("overall", new JsonObject().put("state", overall.state().label()).put("message", overall.headline())
            .put("affected", affected))
        .put("history", new JsonObject().put("degraded", snapshot.history().degraded()))
        .put("boundaries", list);
  }

  static JsonObject boundary(BoundaryStatus b, StatusSnapshot snapshot, Redactor redactor, boolean fullOwner) {
    var c = b.live().config();
    JsonObject availability = new JsonObject();
    for (Availability a : b.availability()) {
      availability.put(a.window(), new JsonObject().put("requests", counts(a.requests())).put("time", time(a.time()))
          .put("latency_bands", bands(a.bands())));
    }
    JsonArray slos = new JsonArray();
    b.slos().forEach(s -> slos.add(slo(s)));
    JsonArray days = new JsonArray();
    for (DayBar d : b.days()) {
      days.add(new JsonObject().put("date", d.date().toString()).put("availability", ratio(d.availability()))
          .put("downtime_minutes", d.downtimeMinutes()).put("coverage", ratio(d.time().coverage())));
    }
    JsonArray latency = new JsonArray();
    for (LatencyPoint p : b.latency()) {
      boolean none = p.runs() == 0 || p.p50Millis() < 0;
      latency.add(new JsonObject().put("hour", Instant.ofEpochMilli(p.hourStartMillis()).toString())
          .put("p50_ms", none ? null : bound(p.p50Millis())).put("p95_ms", none ? null : bound(p.p95Millis()))
          .put("p99_ms", none ? null : bound(p.p99Millis())).put("runs", p.runs()));
    }
    JsonArray probes = new JsonArray();
    for (ProbeView p : b.live().probes()) {
      probes.add(probe(p, b, redactor));
    }
    JsonArray incidents = new JsonArray();
    b.incidents().forEach(i -> incidents.add(incident(i, b, snapshot)
        .put("caused_by", new JsonArray(PublicStatus.causedBy(snapshot, b, i)))));
    JsonArray due = new JsonArray();
    b.incidents().stream().filter(i -> b.postmortemDue(i, snapshot.at())).forEach(i -> due.add(i.id()));
    JsonArray alerts = new JsonArray();
    for (ActiveAlert a : b.alerts()) {
      alerts.add(new JsonObject().put("alert", a.alert()).put("kind", a.kind()).put("slo", a.slo())
          .put("severity", a.severity()).put("since", a.since().toString()).put("summary", a.summary())
          .put("caused_by", new JsonArray(PublicStatus.visible(snapshot, a.causedBy()))).put("held", a.held()));
    }
    JsonArray maintenance = new JsonArray();
    for (MaintenanceSchedule.Occurrence o : b.maintenance()) {
      maintenance.add(new JsonObject().put("title", o.title()).put("start", o.span().start().toString())
          .put("end", o.span().end().toString()).put("active", o.span().contains(snapshot.at()))
          .put("counts_against_budget", o.countsAgainstBudget()));
    }
    return new JsonObject()
        .put("name", c.name())
        .put("title", c.title())
        .put("description", c.description())
        .put("owner", owner(fullOwner ? c.owner() : c.owner().teamOnly(), redactor, fullOwner))
        .put("depends_on", new JsonArray(PublicStatus.visible(snapshot, c.dependsOn())))
        .put("latency_bands", new JsonObject().put("fast_ms", c.latencyBands().fast().toNanos() / 1e6)
            .put("slow_ms", c.latencyBands().slow().toNanos() / 1e6))
        .put("state", b.live().state().label())
        .put("since", b.live().sinceMillis() > 0 ? Instant.ofEpochMilli(b.live().sinceMillis()).toString() : null)
        .put("page", "/boundaries/" + Encode.forUriComponent(c.name()))
        .put("availability", availability)
        .put("slos", slos)
        .put("days", days)
        .put("latency", latency)
        .put("probes", probes)
        .put("incidents", incidents)
        .put("postmortems_due", due)
        .put("alerts", alerts)
        .put("maintenance", maintenance)
        .put("mttr_seconds", b.mttr().map(StatusJson::seconds).orElse(null))
        .put("mtbf_seconds", b.mtbf().map(StatusJson::seconds).orElse(null))
        .put("accounted_until", b.accountedUntil() > 0 ? Instant.ofEpochMilli(b.accountedUntil()).toString() : null);
  }

  private static JsonObject slo(SloStatus s) {
    SloConfig c = s.config();
    JsonObject o = new JsonObject()
        .put("name", c.name())
        .put("sli", c.sli().key())
        .put("target", c.target().doubleValue())
        .put("window", c.window().toString())
        .put("threshold_ms", c.sli().threshold() == null ? null : c.sli().threshold().toNanos() / 1e6)
        .put("window_start", s.window().start().toString());
    if (s.counts() != null) {
      o.put("counts", counts(s.counts()));
    }
    if (s.time() != null) {
      o.put("time", time(s.time()));
    }
    o.put("ratio", s.budget().map(b -> ratio(b.sli())).orElse(null));
    o.put("met", s.budget().map(b -> b.met()).orElse(null));
    JsonObject budget = new JsonObject()
        .put("consumed", s.budget().map(b -> ratio(b.consumed())).orElse(null))
        .put("remaining", s.budget().map(b -> ratio(b.remaining())).orElse(null));
    if (s.allowedDowntime() != null) {
      budget.put("allowed_downtime_seconds", seconds(s.allowedDowntime()))
          .put("remaining_downtime_seconds", seconds(s.remainingDowntime()));
    }
    o.put("budget", budget);
    // the error-budget policy and its exact verdict, for vigil budget --url (nothing measured spends nothing)
    o.put("policy", new JsonObject().put("min_remaining", c.minRemaining().doubleValue())
        .put("met", c.keepsPolicy(s.budget().map(b -> b.remaining()))));
    JsonObject burn = new JsonObject();
    s.burnRates().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> burn.put(Durations.format(e.getKey()), ratio(e.getValue())));
    o.put("burn_rates", burn);
    o.put("alert", s.verdict().severity().map(sev -> sev.label()).orElse(null));
    return o;
  }

  private static JsonObject probe(ProbeView p, BoundaryStatus b, Redactor redactor) {
    ProbeConfig c = p.config();
    JsonObject o = new JsonObject().put("name", c.name()).put("title", c.title())
        .put("type", c.type().name().toLowerCase(Locale.ROOT)).put("role", c.role().label())
        .put("target", StatusPage.target(c, redactor)).put("labels", labels(c, redactor)).put("status", p.status())
        .put("locations", new JsonObject(new java.util.TreeMap<String, Object>(p.locations())));
    ProbeResult r = p.last();
    if (r == null) {
      o.putNull("last");
    } else {
      JsonObject phases = new JsonObject();
      for (Phase ph : Phase.all()) {
        if (r.phases().has(ph)) {
          phases.put(ph.label(), millis(r.phases().nanos(ph) / 1e6));
        }
      }
      o.put("last", new JsonObject().put("at", Instant.ofEpochMilli(r.startedAtMillis()).toString())
          .put("outcome", r.outcome().label()).put("reason", r.reason() == null ? null : r.reason().label())
          .put("duration_ms", millis(r.durationNanos() / 1e6))
          .put("http_status", r.httpStatus() > 0 ? r.httpStatus() : null).put("phases_ms", phases));
    }
    ProbeAvailability a = b.probes().stream().filter(x -> x.probe().equals(c.name())).findFirst().orElse(null);
    JsonObject avail = new JsonObject();
    avail.put("1d", counts(a == null ? Counts.NONE : a.day()));
    avail.put("7d", counts(a == null ? Counts.NONE : a.week()));
    avail.put("30d", counts(a == null ? Counts.NONE : a.month()));
    o.put("availability", avail);
    if (!c.counts()) {
      // a canary or experiment: its SLI beside the rest of the boundary's probes (which alone make the SLIs)
      ProbeAvailability rest = b.rest();
      o.put("rest_availability", new JsonObject().put("1d", counts(rest.day())).put("7d", counts(rest.week()))
          .put("30d", counts(rest.month())));
    }
    return o;
  }

  /**
   * The boundary's owner, or {@code null} when it names none (publicly: when it names no team): every field,
   * empty ones as empty strings, or just {@code {team}}.
   */
  private static JsonObject owner(Owner o, Redactor redactor, boolean full) {
    if (o.isEmpty()) {
      return null;
    }
    if (!full) {
      return new JsonObject().put("team", redactor.redact(o.team()));
    }
    return new JsonObject().put("team", redactor.redact(o.team())).put("primary", redactor.redact(o.primary()))
        .put("secondary", redactor.redact(o.secondary())).put("escalation", redactor.redact(o.escalation()))
        .put("runbook", redactor.redact(o.runbook())).put("chat", redactor.redact(o.chat()));
  }

  /** A probe's {@code labels}, in config order, with anything secret redacted. */
  private static JsonObject labels(ProbeConfig c, Redactor redactor) {
    JsonObject o = new JsonObject();
    c.labels().forEach((k, v) -> o.put(redactor.redact(k), redactor.redact(v)));
    return o;
  }

  private static JsonObject incident(Incident i, BoundaryStatus b, StatusSnapshot snapshot) {
    long end = i.open() ? snapshot.at().toEpochMilli() : i.endMillis();
    return new JsonObject().put("id", i.id()).put("open", i.open())
        .put("start", Instant.ofEpochMilli(i.startMillis()).toString())
        .put("detected", Instant.ofEpochMilli(i.detectedMillis()).toString())
        .put("end", i.open() ? null : Instant.ofEpochMilli(i.endMillis()).toString())
        .put("duration_seconds", Math.max(0, end - i.startMillis()) / 1000.0)
        .put("probes", new JsonArray(i.probes())).put("first_reason", i.firstReason())
        .put("suspected_change", b.suspect(i).map(ChangeEndpoint::json).orElse(null))
        .put("postmortem", b.postmortems().get(i.id()))
        .put("postmortem_due", b.postmortemDue(i, snapshot.at()));
  }

  /** Runs and share of the valid runs per band: {@code {fast: {runs, ratio}, acceptable: …, slow: …}}. */
  static JsonObject bands(LatencyBands b) {
    JsonObject o = new JsonObject();
    for (LatencyBands.Band band : LatencyBands.Band.values()) {
      o.put(band.label(), new JsonObject().put("runs", b.count(band)).put("ratio", ratio(b.share(band))));
    }
    return o;
  }

  static JsonObject counts(Counts c) {
    return new JsonObject().put("good", c.good()).put("valid", c.valid()).put("ratio", ratio(c.sli()));
  }

  static JsonObject time(TimeTotals t) {
    return new JsonObject().put("availability", ratio(t.availability())).put("coverage", ratio(t.coverage()))
        .put("up_seconds", seconds(t.up())).put("down_seconds", seconds(t.down()))
        .put("unknown_seconds", seconds(t.unknown())).put("maintenance_seconds", seconds(t.maintenance()));
  }

  /** A ratio truncated to {@value #RATIO_SCALE} decimals, as a JSON number. */
  static Double ratio(BigDecimal r) {
    return r.setScale(RATIO_SCALE, RoundingMode.DOWN).doubleValue();
  }

  static Double ratio(Optional<BigDecimal> r) {
    return r.map(StatusJson::ratio).orElse(null);
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static double millis(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  /** A histogram bucket bound in milliseconds; {@code "+Inf"} above the largest bucket (JSON has no infinity). */
  private static Object bound(double ms) {
    return Double.isInfinite(ms) ? "+Inf" : millis(ms);
  }
}
