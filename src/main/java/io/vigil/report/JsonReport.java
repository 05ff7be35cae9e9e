package io.vigil.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.Counts;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.TimeTotals;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The report as JSON. Ratios are decimal numbers, exact where the quotient ends and otherwise to 34
 * significant digits, never rounded for display and never binary floating point; they lie in [0, 1] except
 * spent budget (above 1 when overspent) and remaining budget (negative then). Durations are exact
 * milliseconds ({@code _ms}, fractions kept); instants are ISO-8601 UTC; {@code null} means "not applicable"
 * or "nothing measured". Keys may be added, never renamed or removed.
 *
 * <pre>{@code
 * { "report": "vigil-sla", "version": 1, "month": "2026-10", "generated_at": "…", "location": "…",
 *   "boundaries": [ {
 *     "name", "title",
 *     "window": { "timezone": "UTC", "month_start", "month_end", "start", "end", "partial",
 *                 "resolution": "hour|day|hour+day|none", "day_rollups": ["2025-09-01", …], "unaccounted_ms" },
 *     "requests": { "good", "valid", "bad", "excluded", "availability" },
 *     "time": { "up_ms" (degraded included), "degraded_ms", "down_ms", "unknown_ms", "maintenance_ms",
 *               "availability", "coverage" },
 *     "incidents": { "count", "mttr_ms", "mtbf_ms", "downtime_ms",
 *                    "list": [ { "id", "start", "end", "ongoing", "duration_ms", "in_month_ms", "detected",
 *                                "detection_delay_ms", "probes": [..], "first_reason",
 *                                "suspected_change": id | null } ] },
 *     "changes": [ { "id", "kind", "version", "at", "link", "incidents": [ids that followed it] } ],
 *     "probes": [ { "name", "good", "valid", "excluded", "availability", "resolution" } ],
 *     "slos": [ { "name", "sli": "requests|time|latency", "target", "threshold_ms", "latency_bound_ms",
 *                 "window": { …as above, in the SLO's timezone… },
 *                 "events": { "good", "valid", "bad" } | null,
 *                 "time": { "up_ms", "down_ms", "unknown_ms", "maintenance_ms", "coverage" } | null,
 *                 "sli_value", "met",
 *                 "budget": { "ratio", "allowed_bad", "allowed_downtime_ms", "allowed_downtime_measured_ms",
 *                             "spent", "remaining", "remaining_downtime_ms" },
 *                 "notes": [..] } ],
 *     "notes": [..] } ] }
 * }</pre>
 */
final class JsonReport {
  static final int VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private JsonReport() {}

  static String render(MonthReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("report", "vigil-sla");
    root.put("version", VERSION);
    root.put("month", report.month().toString());
    root.put("generated_at", Figures.instant(report.generatedAt()));
    root.put("location", report.location());
    ArrayNode boundaries = root.putArray("boundaries");
    for (BoundaryReport b : report.boundaries()) {
      boundaries.add(boundary(b));
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode boundary(BoundaryReport b) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", b.name());
    n.put("title", b.config().title());
    n.set("window", window(b.window(), b.source()));
    ObjectNode requests = n.putObject("requests");
    counts(requests, b.requests());
    requests.put("excluded", b.excluded());
    ratio(requests, "availability", b.requests().sli());
    TimeTotals t = b.time();
    ObjectNode time = n.putObject("time");
    time.put("up_ms", ms(t.up()));
    time.put("degraded_ms", ms(b.degraded()));
    time.put("down_ms", ms(t.down()));
    time.put("unknown_ms", ms(t.unknown()));
    time.put("maintenance_ms", ms(t.maintenance()));
    ratio(time, "availability", t.availability());
    ratio(time, "coverage", t.coverage());
    ObjectNode bands = n.putObject("latency_bands");
    bands.put("fast_ms", b.config().latencyBands().fast().toNanos() / 1e6);
    bands.put("slow_ms", b.config().latencyBands().slow().toNanos() / 1e6);
    for (LatencyBands.Band band : LatencyBands.Band.values()) {
      ObjectNode one = bands.putObject(band.label());
      one.put("runs", b.bands().count(band));
      ratio(one, "ratio", b.bands().share(band));
    }
    ObjectNode incidents = n.putObject("incidents");
    incidents.put("count", b.stats().incidents());
    duration(incidents, "mttr_ms", b.stats().mttr());
    duration(incidents, "mtbf_ms", b.stats().mtbf());
    incidents.put("downtime_ms", ms(b.stats().downtime()));
    ArrayNode list = incidents.putArray("list");
    for (IncidentLine i : b.incidents()) {
      ObjectNode o = list.addObject();
      o.put("id", i.incident().id());
      o.put("start", Figures.instant(i.start()));
      o.put("end", i.end().map(Figures::instant).orElse(null));
      o.put("ongoing", i.ongoing());
      duration(o, "duration_ms", i.duration());
      o.put("in_month_ms", ms(i.inMonth().length()));
      o.put("detected", Figures.instant(Instant.ofEpochMilli(i.incident().detectedMillis())));
      o.put("detection_delay_ms", ms(i.detectionDelay()));
      ArrayNode probes = o.putArray("probes");
      i.incident().probes().forEach(probes::add);
      o.put("first_reason", i.incident().firstReason());
      o.put("suspected_change", i.suspect().map(e -> e.id()).orElse(null));
    }
    ArrayNode changes = n.putArray("changes");
    for (ChangeLine c : b.changes()) {
      ObjectNode o = changes.addObject();
      o.put("id", c.event().id());
      o.put("kind", c.event().kind());
      o.put("version", c.event().version());
      o.put("at", Figures.instant(Instant.ofEpochMilli(c.event().atMillis())));
      o.put("link", c.event().link().isEmpty() ? null : c.event().link());
      ArrayNode after = o.putArray("incidents");
      c.incidents().forEach(after::add);
    }
    ArrayNode probes = n.putArray("probes");
    for (ProbeLine p : b.probes()) {
      ObjectNode o = probes.addObject();
      o.put("name", p.name());
      o.put("good", p.requests().good());
      o.put("valid", p.requests().valid());
      o.put("excluded", p.excluded());
      ratio(o, "availability", p.requests().sli());
      o.put("resolution", p.source().resolution());
    }
    ArrayNode slos = n.putArray("slos");
    for (SloReport s : b.slos()) {
      slos.add(slo(s));
    }
    ArrayNode notes = n.putArray("notes");
    b.notes().forEach(notes::add);
    return n;
  }

  private static ObjectNode slo(SloReport s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", s.name());
    n.put("sli", s.config().sli().key());
    n.put("target", s.config().target());
    if (s.config().sli().threshold() == null) {
      n.putNull("threshold_ms");
      n.putNull("latency_bound_ms");
    } else {
      n.put("threshold_ms", ms(s.config().sli().threshold()));
      n.put("latency_bound_ms", ms(Duration.ofNanos(s.latencyBoundMicros() * 1000)));
    }
    n.set("window", window(s.window(), s.source()));
    if (s.events() == null) {
      n.putNull("events");
    } else {
      counts(n.putObject("events"), s.events());
    }
    if (s.time() == null) {
      n.putNull("time");
    } else {
      ObjectNode time = n.putObject("time");
      time.put("up_ms", ms(s.time().up()));
      time.put("down_ms", ms(s.time().down()));
      time.put("unknown_ms", ms(s.time().unknown()));
      time.put("maintenance_ms", ms(s.time().maintenance()));
      ratio(time, "coverage", s.time().coverage());
    }
    Optional<BudgetStatus> st = s.budget();
    ratio(n, "sli_value", st.map(BudgetStatus::sli));
    if (st.isPresent()) {
      n.put("met", st.get().met());
    } else {
      n.putNull("met");
    }
    ObjectNode budget = n.putObject("budget");
    budget.put("ratio", s.budgetRatio());
    budget.put("allowed_bad", s.allowedBad() == null ? null : exact(s.allowedBad()));
    duration(budget, "allowed_downtime_ms", Optional.ofNullable(s.allowedDowntime()));
    duration(budget, "allowed_downtime_measured_ms", Optional.ofNullable(s.allowedDowntimeMeasured()));
    ratio(budget, "spent", st.map(BudgetStatus::consumed));
    ratio(budget, "remaining", st.map(BudgetStatus::remaining));
    duration(budget, "remaining_downtime_ms", Optional.ofNullable(s.remainingDowntime()));
    ArrayNode notes = n.putArray("notes");
    s.notes().forEach(notes::add);
    return n;
  }

  private static ObjectNode window(MonthWindow w, Source source) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("timezone", w.zoneName());
    n.put("month_start", Figures.instant(w.exact().start()));
    n.put("month_end", Figures.instant(w.exact().end()));
    n.put("start", Figures.instant(w.read().start()));
    n.put("end", Figures.instant(w.read().end()));
    n.put("partial", w.partial());
    n.put("resolution", source.resolution());
    ArrayNode days = n.putArray("day_rollups");
    for (LocalDate d : source.dayRollups()) {
      days.add(d.toString());
    }
    n.put("unaccounted_ms", ms(source.unaccounted()));
    return n;
  }

  private static void counts(ObjectNode n, Counts c) {
    n.put("good", c.good());
    n.put("valid", c.valid());
    n.put("bad", c.bad());
  }

  private static void ratio(ObjectNode n, String key, Optional<BigDecimal> value) {
    if (value.isPresent()) {
      n.put(key, exact(value.get()));
    } else {
      n.putNull(key);
    }
  }

  private static void duration(ObjectNode n, String key, Optional<Duration> value) {
    if (value.isPresent()) {
      n.put(key, ms(value.get()));
    } else {
      n.putNull(key);
    }
  }

  private static BigDecimal ms(Duration d) {
    return Figures.millis(d);
  }

  private static BigDecimal exact(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
