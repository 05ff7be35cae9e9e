package io.vigil.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.config.AlertConfig;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.MetricNames;
import io.vigil.slo.BurnRate;
import io.vigil.slo.BurnWindowPair;
import io.vigil.slo.CalendarWindow;
import io.vigil.slo.ErrorBudget;
import io.vigil.slo.RollingWindow;
import io.vigil.slo.Severity;
import io.vigil.slo.Window;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds one Prometheus rule file for every SLO and boundary of a configuration ({@code vigil rules}).
 * The rules read only Vigil's own counters, summed over every Vigil instance (the {@code location} label is
 * aggregated away), so they need no other exporter:
 * <ul>
 *   <li>requests and latency SLOs: error ratio over W = (Δvalid − Δgood) / Δvalid of
 *       {@code vigil_slo_events_total{class="valid"|"good"}};</li>
 *   <li>time SLOs: error ratio over W = Δdown / Δ(up + degraded + down) of
 *       {@code vigil_boundary_state_seconds_total}; unknown and maintenance time count as neither.</li>
 * </ul>
 * A window without traffic (or without measured time) has no sample rather than NaN, so it cannot alert:
 * no data is not an outage, as in {@link io.vigil.slo.BurnRatePolicy}.
 *
 * <p>Alerts are the multiwindow, multi-burn-rate pairs of {@link BurnWindowPair#standard}: each pair fires
 * when both its windows' error ratios are strictly greater than burn × B; a ticket is suppressed while a page
 * condition holds for the same boundary and SLO. Thresholds are computed in exact decimals and printed as
 * such. The output depends only on the configuration: the same configuration gives the same bytes.
 */
public final class RuleGenerator {
  /** Prefix of the error-ratio records; the window follows ({@code vigil:slo_error_ratio:rate5m}). */
  public static final String ERROR_RATIO = "vigil:slo_error_ratio:rate";
  /** Error ratio over the SLO period, whatever its length. */
  public static final String PERIOD_ERROR_RATIO = "vigil:slo_error_ratio:period";
  public static final String OBJECTIVE = "vigil:slo_objective:ratio";
  public static final String ERROR_BUDGET = "vigil:slo_error_budget:ratio";
  public static final String PERIOD_DAYS = "vigil:slo_period:days";
  /** 1 − (error ratio over the period) / B: the budget left over the (rolling) period. */
  public static final String BUDGET_REMAINING = "vigil:slo_error_budget_remaining:ratio";
  public static final String BURN_ALERT = "VigilSLOErrorBudgetBurn";
  public static final String DOWN_ALERT = "VigilBoundaryDown";

  /**
   * Prometheus has no calendar ranges, so a calendar window is read as a rolling window of its typical
   * length: 30 days for a month (as the SRE Workbook does), 90 days for a quarter. Vigil's own status page
   * and reports use the real calendar period.
   */
  public static final Duration TYPICAL_MONTH = Duration.ofDays(30);
  public static final Duration TYPICAL_QUARTER = Duration.ofDays(90);

  /** {@code for} of the boundary-down alert unless the boundary's down alert asks for longer. */
  public static final Duration DOWN_FOR = Duration.ofMinutes(1);

  /**
   * Series exported by {@link io.vigil.metrics.BoundaryMetrics} that the rules read, named from
   * {@link MetricNames}; a counter's samples carry the {@code _total} the exposition adds.
   */
  static final String SLO_EVENTS = MetricNames.SLO_EVENTS + "_total";
  static final String STATE_SECONDS = MetricNames.STATE_SECONDS + "_total";
  static final String BOUNDARY_UP = MetricNames.BOUNDARY_UP;

  private static final String HEADER = """
      # Prometheus recording and alerting rules for Vigil's SLOs and boundaries, printed by `vigil rules`.
      # They read only Vigil's own counters, summed over every Vigil location. Regenerate after changing SLOs.
      """;

  private final YAMLMapper yaml = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  /** The rule file for every boundary and SLO of {@code config}, in configuration order. */
  public String generate(VigilConfig config) {
    List<Object> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (!config.boundaries().isEmpty()) {
      List<Object> down = new ArrayList<>();
      for (BoundaryConfig b : config.boundaries()) {
        down.add(downAlert(b));
      }
      groups.add(group(unique(names, "vigil-boundaries"), down));
    }
    for (BoundaryConfig b : config.boundaries()) {
      for (SloConfig slo : b.slos()) {
        String base = "vigil-slo-" + b.name() + "-" + slo.name();
        // records and the alerts that read them share a group: rules of a group run in order at one
        // evaluation, so an alert always sees this evaluation's ratios (groups run independently)
        List<Object> rules = new ArrayList<>(records(b, slo));
        rules.addAll(burnAlerts(b, slo));
        groups.add(group(unique(names, base), rules));
      }
    }
    try {
      return HEADER + yaml.writeValueAsString(ordered("groups", groups));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The period P the rules use for an SLO: the rolling window's length, or the typical length of a calendar
   * month or quarter ({@link #TYPICAL_MONTH}, {@link #TYPICAL_QUARTER}).
   */
  public static Duration period(SloConfig slo) {
    Window w = Window.of(slo);
    if (w instanceof RollingWindow rolling) {
      return rolling.length();
    }
    return ((CalendarWindow) w).unit() == CalendarWindow.Unit.MONTH ? TYPICAL_MONTH : TYPICAL_QUARTER;
  }

  /** The windows whose error ratios are recorded for an SLO: the burn-rate windows, then P if it is not one. */
  static List<Duration> windows(SloConfig slo) {
    List<Duration> windows = new ArrayList<>(BurnRate.STANDARD_WINDOWS);
    Duration p = period(slo);
    if (!windows.contains(p)) {
      windows.add(p);
    }
    return windows;
  }

  private List<Object> records(BoundaryConfig b, SloConfig slo) {
    Map<String, Object> labels = ordered("boundary", b.name(), "slo", slo.name());
    String select = selector(b, slo);
    Duration period = period(slo);
    List<Object> rules = new ArrayList<>();
    for (Duration w : windows(slo)) {
      rules.add(ordered("record", ERROR_RATIO + Promql.duration(w), "expr", errorRatio(b, slo, w), "labels", labels));
    }
    rules.add(ordered("record", PERIOD_ERROR_RATIO, "expr", ERROR_RATIO + Promql.duration(period) + select,
        "labels", labels));
    BigDecimal budget = ErrorBudget.of(slo).ratio();
    rules.add(ordered("record", OBJECTIVE, "expr", "vector(" + Promql.decimal(slo.target()) + ")", "labels", labels));
    rules.add(ordered("record", ERROR_BUDGET, "expr", "vector(" + Promql.decimal(budget) + ")", "labels", labels));
    BigDecimal days = new BigDecimal(period.toNanos()).divide(new BigDecimal(Duration.ofDays(1).toNanos()),
        MathContext.DECIMAL128);
    rules.add(ordered("record", PERIOD_DAYS, "expr", "vector(" + Promql.decimal(days) + ")", "labels", labels));
    rules.add(ordered("record", BUDGET_REMAINING,
        "expr", "1 - " + PERIOD_ERROR_RATIO + select + " / " + Promql.decimal(budget), "labels", labels));
    return rules;
  }

  /**
   * Error ratio over {@code w}, summed over locations; no sample when nothing was measured in {@code w}.
   * Written as (valid − good) / valid rather than 1 − good / valid: with whole counts the former is one
   * correctly rounded division, so a ratio exactly at a threshold equals it and does not fire.
   */
  private static String errorRatio(BoundaryConfig b, SloConfig slo, Duration w) {
    String range = "[" + Promql.duration(w) + "]";
    if (slo.sli() instanceof SloConfig.Sli.Time) {
      String boundary = "boundary=" + Promql.string(b.name());
      String down = sum(STATE_SECONDS + "{" + boundary + ",state=\"down\"}" + range);
      String measured = sum(STATE_SECONDS + "{" + boundary + ",state=~\"up|degraded|down\"}" + range);
      return down + "\n/\n(" + measured + " > 0)";
    }
    String events = SLO_EVENTS + "{boundary=" + Promql.string(b.name()) + ",slo=" + Promql.string(slo.name());
    String valid = sum(events + ",class=\"valid\"}" + range);
    String good = sum(events + ",class=\"good\"}" + range);
    return "(\n  " + valid + "\n  -\n  " + good + "\n)\n/\n(" + valid + " > 0)";
  }

  private static String sum(String rangeSelector) {
    return "sum by (boundary) (increase(" + rangeSelector + "))";
  }

  private static String selector(BoundaryConfig b, SloConfig slo) {
    return "{boundary=" + Promql.string(b.name()) + ",slo=" + Promql.string(slo.name()) + "}";
  }

  private List<Object> burnAlerts(BoundaryConfig b, SloConfig slo) {
    ErrorBudget budget = ErrorBudget.of(slo);
    Duration period = period(slo);
    List<BurnWindowPair> pairs = BurnWindowPair.standard(period);
    String select = selector(b, slo);
    String page = pairs.stream().filter(p -> p.severity() == Severity.PAGE)
        .map(p -> "(" + condition(p, budget, select, " ") + ")")
        .collect(Collectors.joining("\n  or\n  ", "(\n  ", "\n)"));
    List<Object> rules = new ArrayList<>();
    for (BurnWindowPair p : pairs) {
      String expr = condition(p, budget, select, "\n");
      if (p.severity() == Severity.TICKET) {
        expr = "(\n" + indent(expr) + "\n)\nunless on (boundary, slo)\n" + page;
      }
      rules.add(ordered(
          "alert", BURN_ALERT,
          "expr", expr,
          "labels", ordered("severity", p.severity().label(), "boundary", b.name(), "slo", slo.name(),
              "long_window", Promql.duration(p.longWindow()), "short_window", Promql.duration(p.shortWindow())),
          "annotations", burnAnnotations(p, budget, slo, period)));
    }
    return rules;
  }

  private static String condition(BurnWindowPair p, ErrorBudget budget, String select, String separator) {
    String threshold = Promql.decimal(p.burn().errorRatio(budget));
    return ERROR_RATIO + Promql.duration(p.longWindow()) + select + " > " + threshold + separator + "and"
        + separator + ERROR_RATIO + Promql.duration(p.shortWindow()) + select + " > " + threshold;
  }

  private static Map<String, Object> burnAnnotations(BurnWindowPair p, ErrorBudget budget, SloConfig slo,
      Duration period) {
    String burn = Promql.readable(p.burn().value());
    String threshold = Promql.readablePercent(p.burn().errorRatio(budget));
    String longWindow = Promql.duration(p.longWindow());
    String shortWindow = Promql.duration(p.shortWindow());
    String over = slo.window().kind() == SloConfig.SloWindow.Kind.ROLLING ? Promql.duration(period)
        : "a calendar " + slo.window() + ", read as " + Promql.duration(period);
    String lasts = p.burn().timeToExhaustion(period)
        .map(d -> " At that rate the whole budget lasts " + Promql.duration(d.withNanos(0)) + ".").orElse("");
    return ordered(
        "summary", "{{ $labels.boundary }}: SLO {{ $labels.slo }} is burning its error budget at over " + burn
            + "× the sustainable rate (" + longWindow + " and " + shortWindow + ")",
        "description", "SLO {{ $labels.slo }} of boundary {{ $labels.boundary }} (target "
            + Promql.percent(slo.target()) + " over " + over + ") has an error ratio of "
            + "{{ $value | humanizePercentage }} over " + longWindow + ", and above " + threshold + " over "
            + shortWindow + " as well (" + threshold + " = " + burn + " × its " + Promql.percent(budget.ratio())
            + " error budget)." + lasts);
  }

  private static Map<String, Object> downAlert(BoundaryConfig b) {
    Duration forDuration = DOWN_FOR;
    for (AlertConfig a : b.alerts()) {
      if (a.kind() == AlertConfig.Kind.DOWN && a.forDuration() != null && a.forDuration().compareTo(forDuration) > 0) {
        forDuration = a.forDuration();
      }
    }
    String lasted = Promql.duration(forDuration);
    return ordered(
        "alert", DOWN_ALERT,
        "expr", BOUNDARY_UP + "{boundary=" + Promql.string(b.name()) + "} == 0",
        "for", lasted,
        "labels", ordered("severity", "page", "boundary", b.name()),
        "annotations", ordered(
            "summary", "Boundary {{ $labels.boundary }} is down (seen from {{ $labels.location }})",
            "description", "Vigil at {{ $labels.location }} has reported boundary {{ $labels.boundary }} down for "
                + "at least " + lasted + " (down_when: " + b.downWhen() + "; a probe counts as failing after "
                + b.failuresBeforeDown() + " bad run" + (b.failuresBeforeDown() == 1 ? "" : "s in a row") + ")."));
  }

  private static Map<String, Object> group(String name, List<Object> rules) {
    return ordered("name", name, "rules", rules);
  }

  /** {@code name}, or {@code name-2}, {@code name-3}… when another group already took it. */
  private static String unique(Set<String> taken, String name) {
    String candidate = name;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = name + "-" + n;
    }
    return candidate;
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
