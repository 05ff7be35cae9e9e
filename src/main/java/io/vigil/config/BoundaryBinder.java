package io.vigil.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Binds one boundary of a probe file with its SLOs, alert rules and maintenance windows. */
final class BoundaryBinder {
  static final String[] KEYS = {"name", "title", "description", "public", "down_when", "failures_before_down",
      "successes_before_up", "slos", "alerts", "maintenance", "owner",
      "latency_bands", "depends_on", "postmortem_after", "locations_down_when"};
  static final String DEFAULT_MAINTENANCE_TITLE = "Planned maintenance";
  static final Duration MIN_REPEAT = Duration.ofMinutes(1);

  private BoundaryBinder() {}

  /**
   * @param notifiers the notifier names of the service file, or {@code null} when they are unknown
   *     (the service file had errors), so that references are not checked against a partial list
   * @param dependsOn the boundary's upstreams as {@link #dependsOn} read them (checked across files later)
   */
  static BoundaryConfig bind(MapReader r, Set<String> notifiers, List<String> dependsOn) {
    String name = r.required("name", Scalars::name);
    List<SloConfig> slos = new ArrayList<>();
    Set<String> sloNames = new LinkedHashSet<>();
    Map<String, Node.Pos> seenSlos = new HashMap<>();
    for (Node item : r.items("slos", false)) {
      MapReader s = MapReader.of(item, "slo", r.context(), "name", "sli", "target", "window", "threshold",
          "timezone", "policy");
      SloConfig slo = slo(s);
      if (slo.name() != null) {
        unique(s, "SLO", slo.name(), seenSlos);
        sloNames.add(slo.name());
      }
      slos.add(slo);
    }
    List<AlertConfig> alerts = new ArrayList<>();
    Map<String, Node.Pos> seenAlerts = new HashMap<>();
    for (Node item : r.items("alerts", false)) {
      MapReader a = MapReader.of(item, "alert", r.context(), "kind", "name", "slo", "notify", "after_failures",
          "after_successes", "for", "repeat_every", "silence_in_maintenance");
      AlertConfig alert = alert(a, name, sloNames, notifiers);
      if (alert.name() != null) {
        unique(a, "alert", alert.name(), seenAlerts);
      }
      alerts.add(alert);
    }
    List<MaintenanceConfig> maintenance = new ArrayList<>();
    for (Node item : r.items("maintenance", false)) {
      maintenance.add(maintenance(MapReader.of(item, "maintenance window", r.context(), "title", "start", "cron",
          "timezone", "duration", "counts_against_budget")));
    }
    return new BoundaryConfig(
        name,
        r.text("title", name),
        r.text("description", ""),
        r.flag("public", false),
        r.get("down_when", DownWhen.ANY, Scalars::downWhen),
        r.number("failures_before_down", 1, Scalars.atLeast(1)),
        r.number("successes_before_up", 1, Scalars.atLeast(1)),
        List.copyOf(slos),
        List.copyOf(alerts),
        List.copyOf(maintenance),
        r.pos().source(),
        owner(r.child("owner", "owner", "team", "primary", "secondary", "escalation", "runbook", "chat")),
        bands(r.child("latency_bands", "latency_bands", "fast", "slow")),
        dependsOn,
        r.get("postmortem_after", BoundaryConfig.DEFAULT_POSTMORTEM_AFTER, Scalars::positiveDuration),
        r.get("locations_down_when", BoundaryConfig.DEFAULT_LOCATIONS_DOWN_WHEN, Scalars::downWhen));
  }

  /**
   * The {@code depends_on} names with their positions, in order; a name listed twice or the boundary's own name
   * is reported here (names of other files and cycles are checked once every file is read).
   */
  static Map<Node.Pos, String> dependsOn(MapReader r) {
    String self = r.has("name") ? r.text("name", null) : null;
    Map<Node.Pos, String> out = new LinkedHashMap<>();
    for (Node item : r.items("depends_on", true)) {
      String upstream = r.convert(item, "depends_on", Scalars::name);
      if (upstream == null) {
        continue;
      }
      if (out.containsValue(upstream)) {
        r.context().error(item.pos(), "depends_on: '" + upstream + "' is listed twice");
      } else if (upstream.equals(self)) {
        r.context().error(item.pos(), "depends_on: boundary '" + upstream + "' cannot depend on itself");
      } else {
        out.put(item.pos(), upstream);
      }
    }
    return out;
  }

  private static LatencyBandsConfig bands(MapReader b) {
    LatencyBandsConfig d = LatencyBandsConfig.DEFAULT;
    Duration fast = b.get("fast", d.fast(), Scalars::positiveDuration);
    Duration slow = b.get("slow", d.slow(), Scalars::positiveDuration);
    if (fast == null || slow == null) {
      return d;
    }
    if (slow.compareTo(fast) <= 0) {
      if (b.has("slow")) {
        b.error("slow", "must be longer than fast (" + Durations.format(fast) + "), got " + Durations.format(slow));
      } else {
        b.error("fast", "must be shorter than slow (" + Durations.format(slow) + " by default), got "
            + Durations.format(fast));
      }
      return d;
    }
    return new LatencyBandsConfig(fast, slow);
  }

  private static Owner owner(MapReader o) {
    return new Owner(o.text("team", ""), o.text("primary", ""), o.text("secondary", ""), o.text("escalation", ""),
        o.get("runbook", "", Scalars::httpUrl), o.text("chat", ""));
  }

  private static void unique(MapReader r, String what, String name, Map<String, Node.Pos> seen) {
    Node.Pos first = seen.putIfAbsent(name, r.pos("name"));
    if (first != null) {
      r.error("name", "duplicate " + what + " name '" + name + "' in this boundary (first at line "
          + first.line() + ")");
    }
  }

  private static SloConfig slo(MapReader s) {
    String name = s.required("name", Scalars::name);
    SloConfig.Sli sli = s.required("sli", text -> SloConfig.Sli.parse(text, null));
    BigDecimal target = s.required("target", Scalars::target);
    SloConfig.SloWindow window = s.required("window", Scalars::window);
    if (sli instanceof SloConfig.Sli.Latency) {
      sli = new SloConfig.Sli.Latency(s.get("threshold", null, Scalars::positiveDuration));
      if (!s.has("threshold")) {
        s.missing("threshold", "(a latency SLO counts runs at most this long as good)");
      }
    } else if (sli != null) {
      s.forbid("threshold", "only latency SLOs have a threshold");
    }
    ZoneId timezone = s.get("timezone", ZoneOffset.UTC, Scalars::zone);
    BigDecimal minRemaining = s.child("policy", "policy", "min_remaining")
        .get("min_remaining", BigDecimal.ZERO, BoundaryBinder::share);
    return new SloConfig(name, sli, target, window, timezone, minRemaining);
  }

  /** A share of the error budget: {@code 10%} or {@code 0.1}, from 0 to 100%. */
  private static BigDecimal share(String text) {
    BigDecimal value = Scalars.ratio(text, "a share of the error budget like 10% or 0.1");
    if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("a share of the error budget lies between 0 and 100%, got '" + text + "'");
    }
    return value;
  }

  private static AlertConfig alert(MapReader a, String boundary, Set<String> sloNames, Set<String> notifiers) {
    AlertConfig.Kind kind = a.required("kind", Scalars.choice(AlertConfig.Kind.class));
    String slo = null;
    if (kind == AlertConfig.Kind.BURN_RATE) {
      slo = a.get("slo", null, Scalars::name);
      if (!a.has("slo")) {
        a.missing("slo", "(a burn_rate alert watches one SLO of its boundary)");
      }
      if (slo != null && !sloNames.contains(slo)) {
        a.error("slo", "boundary '" + boundary + "' has no SLO named '" + slo + "'" + didYouMean(slo, sloNames));
      }
      a.forbid("after_failures", "only down alerts count failures");
      a.forbid("after_successes", "only down alerts count successes");
    } else if (kind == AlertConfig.Kind.DOWN) {
      a.forbid("slo", "only burn_rate alerts watch an SLO");
    }
    List<String> notify;
    Map<String, List<String>> bySeverity = new LinkedHashMap<>();
    if (a.node("notify") instanceof Node.MapNode routes) {
      Set<String> all = new LinkedHashSet<>();
      for (Node.Entry e : routes.entries()) {
        if (!AlertConfig.SEVERITIES.contains(e.key())) {
          a.context().error(e.keyPos(), "notify: unknown severity '" + e.key() + "' (expected page or ticket)");
        } else if (kind == AlertConfig.Kind.DOWN && e.key().equals("ticket")) {
          a.context().error(e.keyPos(), "notify: down alerts are pages; they never raise a ticket");
        } else {
          List<String> names = notifierNames(a, severityItems(a, e), "notify." + e.key(), notifiers);
          bySeverity.put(e.key(), names);
          all.addAll(names);
        }
      }
      notify = List.copyOf(all);
    } else {
      notify = notifierNames(a, a.items("notify", true), "notify", notifiers);
    }
    String kindLabel = kind == null ? "alert" : kind.name().toLowerCase(Locale.ROOT);
    String defaultName = slo == null ? kindLabel : kindLabel + "-" + slo;
    return new AlertConfig(
        a.get("name", defaultName, Scalars::name),
        kind,
        slo,
        notify,
        a.number("after_failures", 3, Scalars.atLeast(1)),
        a.number("after_successes", 2, Scalars.atLeast(1)),
        a.get("for", Duration.ZERO, Scalars::duration),
        a.get("repeat_every", null, Scalars.durationAtLeast(MIN_REPEAT)), // more often is noise, not news
        a.flag("silence_in_maintenance", true),
        bySeverity);
  }

  /** The names of one {@code notify} map entry: a list, or one name. */
  private static List<Node> severityItems(MapReader a, Node.Entry e) {
    if (e.value() instanceof Node.ListNode l) {
      return l.items();
    }
    if (e.value() instanceof Node.Scalar s) {
      return s.isNull() ? List.of() : List.of(s);
    }
    a.context().error(e.value().pos(), "notify." + e.key() + ": expected a list of notifier names, got a map");
    return List.of();
  }

  /** Notifier names, each listed once and each declared in the service file (when its notifiers are known). */
  private static List<String> notifierNames(MapReader a, List<Node> items, String label, Set<String> notifiers) {
    List<String> out = new ArrayList<>();
    for (Node item : items) {
      String target = a.convert(item, label, Scalars::name);
      if (target == null) {
        continue;
      }
      if (out.contains(target)) {
        a.context().error(item.pos(), label + ": '" + target + "' is listed twice");
        continue;
      }
      if (notifiers != null && !notifiers.contains(target)) {
        a.context().error(item.pos(), label + ": no notifier named '" + target + "' in the service file"
            + didYouMean(target, notifiers));
      }
      out.add(target);
    }
    return List.copyOf(out);
  }

  private static MaintenanceConfig maintenance(MapReader m) {
    Instant start = null;
    String cron = null;
    ZoneId timezone = ZoneOffset.UTC;
    if (m.has("start") && m.has("cron")) {
      m.error("cron", "give either start (one-off) or cron (recurring), not both");
    } else if (m.has("start")) {
      start = m.get("start", null, Scalars::instant);
      m.forbid("timezone", "only cron windows take a timezone; start carries its own offset");
    } else if (m.has("cron")) {
      cron = m.get("cron", null, Scalars::cron);
      timezone = m.get("timezone", ZoneOffset.UTC, Scalars::zone);
    } else {
      m.context().error(m.pos(), "a maintenance window needs start (one-off) or cron (recurring)");
    }
    return new MaintenanceConfig(
        m.text("title", DEFAULT_MAINTENANCE_TITLE),
        start,
        cron,
        timezone,
        m.required("duration", Scalars::positiveDuration),
        m.flag("counts_against_budget", false));
  }

  static String didYouMean(String name, Set<String> candidates) {
    String close = Scalars.suggestion(name, candidates);
    return close == null ? "" : "; did you mean '" + close + "'?";
  }
}
