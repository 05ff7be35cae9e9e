package io.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.vigil.config.VigilConfig;
import io.vigil.history.Accountant;
import io.vigil.metrics.BoundaryMetrics;
import io.vigil.metrics.MetricNames;
import io.vigil.metrics.ProbeMetrics;
import io.vigil.status.StatusService;
import io.vigil.testing.Promtool;
import io.vigil.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config/grafana/vigil-dashboard.json}: an importable Grafana dashboard built only on Vigil's series. */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("config", "grafana", "vigil-dashboard.json");
  private static final String DATASOURCE = "${DS_PROMETHEUS}";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "by",
      "without", "on", "ignoring", "group_left", "group_right");

  private static JsonNode dashboard;

  @TempDir Path dir;

  @BeforeAll
  static void load() throws Exception {
    dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
  }

  /**
   * Every series name a Prometheus that scrapes Vigil and loads {@code vigil rules} can hold: what the
   * collectors ({@link ProbeMetrics}, {@link BoundaryMetrics}) and the scheduler-lag timer
   * ({@link MetricNames#SCHEDULER_LAG}) export, in exposition form, and every record of the generated rules.
   */
  static Set<String> exportedNames() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VigilConfig config = RuleGeneratorTest.fleet();
    registry.getPrometheusRegistry().register(new ProbeMetrics(config.location()));
    registry.getPrometheusRegistry().register(new BoundaryMetrics(
        new StatusService(Clock.systemUTC(), null, null, null, config, null), new Accountant(Clock.systemUTC(), null)));
    Timer.builder(MetricNames.SCHEDULER_LAG).serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10))
        .register(registry);
    Set<String> names = new TreeSet<>();
    for (MetricSnapshot s : registry.getPrometheusRegistry().scrape()) {
      String name = s.getMetadata().getPrometheusName();
      if (s instanceof CounterSnapshot) {
        names.add(name + "_total");
      } else if (s instanceof HistogramSnapshot) {
        names.addAll(List.of(name + "_bucket", name + "_count", name + "_sum"));
      } else if (s instanceof SummarySnapshot) {
        names.addAll(List.of(name, name + "_count", name + "_sum"));
      } else if (s instanceof GaugeSnapshot) {
        names.add(name);
      }
    }
    for (JsonNode group : new YAMLMapper().readTree(new RuleGenerator().generate(config)).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("record")) {
          names.add(rule.get("record").asText());
        }
      }
    }
    return names;
  }

  @Test
  void exportedNamesIncludeTheContractAndTheRuleInputs() throws Exception {
    Set<String> exported = exportedNames();
    assertThat(exported).contains("probe_success", "vigil_probe_runs_total", "vigil_boundary_state",
        "vigil_probe_phase_duration_seconds_bucket", "vigil_scheduler_lag_seconds_bucket",
        "vigil:slo_error_ratio:rate5m", "vigil:slo_error_ratio:rate28d", "vigil:slo_error_budget:ratio");
    // the rules themselves read only exported series
    assertThat(exported).contains(RuleGenerator.SLO_EVENTS, RuleGenerator.STATE_SECONDS, RuleGenerator.BOUNDARY_UP);
  }

  @Test
  void isAnImportableDashboardWithAPrometheusInput() {
    assertThat(dashboard.get("uid").asText()).isEqualTo("vigil-overview");
    assertThat(dashboard.get("title").asText()).isNotBlank();
    assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(dashboard.get("id").isNull()).isTrue();
    JsonNode input = dashboard.get("__inputs").get(0);
    assertThat(input.get("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(input.get("type").asText()).isEqualTo("datasource");
    assertThat(input.get("pluginId").asText()).isEqualTo("prometheus");

    List<String> variables = new ArrayList<>();
    for (JsonNode v : dashboard.get("templating").get("list")) {
      variables.add(v.get("name").asText());
      assertThat(v.get("datasource").get("uid").asText()).isEqualTo(DATASOURCE);
    }
    assertThat(variables).containsExactly("location", "boundary");
  }

  @Test
  void panelsHaveUniqueIdsAndFitTheGrid() {
    Set<Integer> ids = new HashSet<>();
    Map<String, Integer> types = new LinkedHashMap<>();
    for (JsonNode p : dashboard.get("panels")) {
      assertThat(ids.add(p.get("id").asInt())).as("unique id %s", p.get("id")).isTrue();
      JsonNode grid = p.get("gridPos");
      int x = grid.get("x").asInt();
      int w = grid.get("w").asInt();
      assertThat(x).isBetween(0, 23);
      assertThat(w).isBetween(1, 24 - x);
      assertThat(grid.get("h").asInt()).isPositive();
      assertThat(grid.get("y").asInt()).isNotNegative();
      assertThat(p.get("title").asText()).isNotBlank();
      types.merge(p.get("type").asText(), 1, Integer::sum);
      if (!p.get("type").asText().equals("row")) {
        assertThat(p.get("datasource").get("uid").asText()).isEqualTo(DATASOURCE);
        assertThat(p.get("targets")).isNotEmpty();
        for (JsonNode t : p.get("targets")) {
          assertThat(t.get("datasource").get("uid").asText()).isEqualTo(DATASOURCE);
          assertThat(t.get("expr").asText()).isNotBlank();
        }
      }
    }
    assertThat(types).containsKeys("row", "state-timeline", "timeseries", "bargauge", "table", "stat");
  }

  @Test
  void everyMetricInEveryQueryIsOneVigilExports() throws Exception {
    Set<String> exported = exportedNames();
    Set<String> used = new TreeSet<>();
    for (String query : queries()) {
      Set<String> names = metricNames(query);
      assertThat(names).as(query).isNotEmpty();
      assertThat(exported).as(query).containsAll(names);
      used.addAll(names);
    }
    assertThat(used).contains("vigil_boundary_state", "vigil_boundary_up", "vigil_boundary_availability_ratio",
        "vigil_slo_sli_ratio", "vigil_slo_target_ratio", "vigil_slo_error_budget_remaining_ratio",
        "vigil_slo_burn_rate", "vigil_slo_alert_condition", "probe_success",
        "vigil_probe_phase_duration_seconds_bucket", "vigil_scheduler_lag_seconds_bucket",
        "vigil:slo_error_ratio:rate1h", "vigil:slo_error_budget_remaining:ratio");
  }

  @Test
  void metricNameExtractionSkipsFunctionsLabelsRangesAndGrouping() {
    assertThat(metricNames("histogram_quantile(0.95, sum by (le, phase) (rate(a_bucket{phase=\"x\", b=~\"$y\"}"
        + "[$__rate_interval])))")).containsExactly("a_bucket");
    assertThat(metricNames("x:y:rate1h{boundary=~\"$boundary\"} / on (boundary, slo) z and bool w offset 5m"))
        .containsExactlyInAnyOrder("x:y:rate1h", "z", "w");
    assertThat(metricNames("label_values(probe_success{location=~\"$location\"}, boundary)"))
        .containsExactly("probe_success");
    assertThat(metricNames("count(up == 0) or vector(1e3)")).containsExactly("up");
  }

  @Test
  void everyQueryIsValidPromql() throws Exception {
    assumeTrue(Promtool.available(), "promtool is not installed");
    List<Object> rules = new ArrayList<>();
    int n = 0;
    for (String query : queries()) {
      String promql = query.replace("$__rate_interval", "5m").replace("$location", ".*").replace("$boundary", ".*");
      if (promql.startsWith("label_values(")) {
        Matcher m = Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(promql);
        assertThat(m.matches()).as(promql).isTrue();
        promql = m.group(1);
      }
      rules.add(Map.of("record", "dashboard_query_" + ++n, "expr", promql));
    }
    Path file = dir.resolve("dashboard-queries.yaml");
    Files.writeString(file, new YAMLMapper().writeValueAsString(
        Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));
    Promtool.Result result = Promtool.checkRules(file);
    assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
    assertThat(result.exit()).isZero();
  }

  /** Every PromQL query of the dashboard: panel targets and template-variable queries. */
  private static List<String> queries() {
    List<String> out = new ArrayList<>();
    for (JsonNode p : dashboard.get("panels")) {
      for (JsonNode t : p.path("targets")) {
        out.add(t.get("expr").asText());
      }
    }
    for (JsonNode v : dashboard.get("templating").get("list")) {
      JsonNode q = v.get("query");
      out.add(q.isTextual() ? q.asText() : q.get("query").asText());
    }
    return out;
  }

  /**
   * Metric names in a PromQL query (or a Grafana {@code label_values(selector, label)} query): the
   * identifiers left once strings, label matchers, ranges, grouping clauses, numbers, function names and
   * keywords are taken out.
   */
  static Set<String> metricNames(String query) {
    String q = query.replaceAll("^label_values\\((.*),\\s*\\w+\\)$", "$1")
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^\\]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
        .replaceAll("\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b", " ")
        .replaceAll("\\boffset\\s+\\w+", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(q);
    while (m.find()) {
      String token = m.group();
      boolean function = q.substring(m.end()).matches("(?s)\\s*\\(.*");
      if (!function && !KEYWORDS.contains(token.toLowerCase(Locale.ROOT))) {
        names.add(token);
      }
    }
    return names;
  }
}
