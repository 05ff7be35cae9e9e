package io.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.config.AlertConfig;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.SloConfig.SloWindow;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.testing.Promtool;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleGeneratorTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern THRESHOLD = Pattern.compile(" > ([0-9.]+)\\n");

  @TempDir Path dir;

  /** Requests, latency and time SLOs; rolling and calendar windows; dots and dashes in names. */
  static VigilConfig fleet() {
    return TestConfigs.config(List.of(
        TestConfigs.boundary("shop-api", List.of(
            slo("availability", SloConfig.Sli.REQUESTS, "0.9995", SloWindow.rolling(Duration.ofDays(30))),
            slo("uptime", SloConfig.Sli.TIME, "0.999", SloWindow.MONTH),
            new SloConfig("latency", new SloConfig.Sli.Latency(Duration.ofMillis(100)), new BigDecimal("0.90"),
                SloWindow.rolling(Duration.ofDays(30)), null))),
        TestConfigs.boundary("db.main", List.of(
            slo("uptime", SloConfig.Sli.TIME, "0.9999", SloWindow.QUARTER),
            slo("reads.p-1", SloConfig.Sli.REQUESTS, "0.999", SloWindow.rolling(Duration.ofDays(7))))),
        TestConfigs.boundary("edge.eu-west-1", List.of(
            slo("availability", SloConfig.Sli.REQUESTS, "0.995", SloWindow.rolling(Duration.ofDays(28))),
            new SloConfig("quick", new SloConfig.Sli.Latency(Duration.ofMillis(250)), new BigDecimal("0.99"),
                SloWindow.rolling(Duration.ofHours(1)), null))),
        TestConfigs.boundary("a-b", List.of(slo("c", SloConfig.Sli.REQUESTS, "0.99", SloWindow.MONTH))),
        TestConfigs.boundary("a", List.of(slo("b-c", SloConfig.Sli.REQUESTS, "0.99", SloWindow.MONTH))),
        TestConfigs.boundary("internal", List.of())),
        List.of(), VigilConfig.HistogramsPer.PROBE);
  }

  @Test
  void rulesForEverySloKindAndWindowPassPromtoolCheck() throws Exception {
    assumeTrue(Promtool.available(), "promtool is not installed");
    VigilConfig config = fleet();
    Path file = dir.resolve("vigil-rules.yaml");
    Files.writeString(file, new RuleGenerator().generate(config));

    int expected = config.boundaries().size(); // one boundary-down alert each
    for (var b : config.boundaries()) {
      for (SloConfig slo : b.slos()) {
        expected += RuleGenerator.windows(slo).size() + 5 + 4; // ratios, meta records, four burn alerts
      }
    }
    Promtool.Result result = Promtool.checkRules(file);
    assertThat(result.output()).contains("SUCCESS: " + expected + " rules found");
    assertThat(result.exit()).isZero();
  }

  @Test
  void emptyConfigGivesAValidRuleFileWithoutRules() throws Exception {
    assumeTrue(Promtool.available(), "promtool is not installed");
    Path file = dir.resolve("empty.yaml");
    Files.writeString(file, new RuleGenerator().generate(TestConfigs.config(List.of(), List.of(),
        VigilConfig.HistogramsPer.PROBE)));
    Promtool.Result result = Promtool.checkRules(file);
    assertThat(result.output()).contains("SUCCESS: 0 rules found");
    assertThat(result.exit()).isZero();
  }

  @Test
  void sameConfigGivesByteIdenticalRules() {
    byte[] first = new RuleGenerator().generate(fleet()).getBytes(StandardCharsets.UTF_8);
    byte[] second = new RuleGenerator().generate(fleet()).getBytes(StandardCharsets.UTF_8);
    assertThat(second).isEqualTo(first);
    RuleGenerator one = new RuleGenerator();
    assertThat(one.generate(fleet())).isEqualTo(one.generate(fleet()));
  }

  static Stream<Arguments> thresholds() {
    return Stream.of(
        Arguments.of("0.999", SloWindow.rolling(Duration.ofDays(30)), List.of("0.0144", "0.006", "0.003", "0.001")),
        Arguments.of("0.9995", SloWindow.rolling(Duration.ofDays(30)), List.of("0.0072", "0.003", "0.0015", "0.0005")),
        Arguments.of("0.999", SloWindow.MONTH, List.of("0.0144", "0.006", "0.003", "0.001")),
        Arguments.of("0.9999", SloWindow.QUARTER, List.of("0.00432", "0.0018", "0.0009", "0.0003")),
        // 28d: 13.44, 5.6, 2.8, 0.9333… (SLO-MATH §7 TV5); the last does not terminate: 17 digits.
        Arguments.of("0.99", SloWindow.rolling(Duration.ofDays(28)),
            List.of("0.1344", "0.056", "0.028", "0.0093333333333333333")),
        Arguments.of("0.999", SloWindow.rolling(Duration.ofDays(7)),
            List.of("0.00336", "0.0014", "0.0007", "0.00023333333333333333")));
  }

  @ParameterizedTest
  @MethodSource("thresholds")
  void thresholdsArePrintedAsExactDecimalsOfBurnTimesBudget(String target, SloWindow window, List<String> expected)
      throws Exception {
    VigilConfig config = TestConfigs.config(List.of(TestConfigs.boundary("shop-api",
        List.of(slo("availability", SloConfig.Sli.REQUESTS, target, window)))), List.of(), VigilConfig.HistogramsPer.PROBE);
    JsonNode alerts = alertsOf(group(YAML.readTree(new RuleGenerator().generate(config)), "vigil-slo-shop-api-availability"));

    List<String> thresholds = new ArrayList<>();
    List<String> severities = new ArrayList<>();
    for (JsonNode rule : alerts.get("rules")) {
      assertThat(rule.get("alert").asText()).isEqualTo("VigilSLOErrorBudgetBurn");
      String expr = rule.get("expr").asText();
      Matcher m = THRESHOLD.matcher(expr);
      assertThat(m.find()).as(expr).isTrue();
      thresholds.add(m.group(1));
      // both windows of a pair compare against the same threshold, strictly
      assertThat(expr).containsPattern(Pattern.quote(" > " + m.group(1)) + "\\n\\s*and\\n\\s*"
          + "vigil:slo_error_ratio:rate\\w+\\{[^}]+} > " + Pattern.quote(m.group(1)) + "\\n?").doesNotContain(">=");
      severities.add(rule.get("labels").get("severity").asText() + " " + rule.get("labels").get("long_window").asText()
          + "/" + rule.get("labels").get("short_window").asText());
    }
    assertThat(thresholds).isEqualTo(expected);
    assertThat(severities).containsExactly("page 1h/5m", "page 6h/30m", "ticket 1d/2h", "ticket 3d/6h");
  }

  @Test
  void ticketsAreSuppressedWhilePageConditionsHoldForTheSameBoundaryAndSlo() throws Exception {
    JsonNode alerts = alertsOf(group(YAML.readTree(new RuleGenerator().generate(fleet())), "vigil-slo-shop-api-availability"));
    String pageFast = alerts.get("rules").get(0).get("expr").asText().replace("\n", " ");
    String pageSlow = alerts.get("rules").get(1).get("expr").asText().replace("\n", " ");
    for (int i = 2; i < 4; i++) {
      String ticket = alerts.get("rules").get(i).get("expr").asText();
      assertThat(ticket).contains("\nunless on (boundary, slo)\n")
          .contains("(" + pageFast + ")\n  or\n  (" + pageSlow + ")");
    }
    assertThat(pageFast).doesNotContain("unless");
  }

  @Test
  void recordsEveryBurnWindowAndThePeriodPerSloSummedOverLocations() throws Exception {
    JsonNode file = YAML.readTree(new RuleGenerator().generate(fleet()));
    assertThat(records(group(file, "vigil-slo-shop-api-availability"))).containsExactly(
        "vigil:slo_error_ratio:rate5m", "vigil:slo_error_ratio:rate30m", "vigil:slo_error_ratio:rate1h",
        "vigil:slo_error_ratio:rate2h", "vigil:slo_error_ratio:rate6h", "vigil:slo_error_ratio:rate1d",
        "vigil:slo_error_ratio:rate3d", "vigil:slo_error_ratio:rate30d", "vigil:slo_error_ratio:period",
        "vigil:slo_objective:ratio", "vigil:slo_error_budget:ratio", "vigil:slo_period:days",
        "vigil:slo_error_budget_remaining:ratio");
    // a 1h SLO's period is one of the burn windows: it is recorded once
    assertThat(records(group(file, "vigil-slo-edge.eu-west-1-quick"))).containsExactly(
        "vigil:slo_error_ratio:rate5m", "vigil:slo_error_ratio:rate30m", "vigil:slo_error_ratio:rate1h",
        "vigil:slo_error_ratio:rate2h", "vigil:slo_error_ratio:rate6h", "vigil:slo_error_ratio:rate1d",
        "vigil:slo_error_ratio:rate3d", "vigil:slo_error_ratio:period", "vigil:slo_objective:ratio",
        "vigil:slo_error_budget:ratio", "vigil:slo_period:days", "vigil:slo_error_budget_remaining:ratio");
    for (JsonNode g : file.get("groups")) {
      for (JsonNode rule : g.get("rules")) {
        String expr = rule.get("expr").asText();
        assertThat(expr).doesNotContain("location");
        if (rule.has("record")) {
          assertThat(fields(rule.get("labels"))).containsOnlyKeys("boundary", "slo");
        }
        if (rule.path("record").asText().startsWith(RuleGenerator.ERROR_RATIO)) {
          assertThat(expr).contains("sum by (boundary) (increase(").contains(" > 0)");
        }
      }
    }
    JsonNode uptime = group(file, "vigil-slo-db.main-uptime").get("rules");
    assertThat(uptime.get(0).get("expr").asText()).isEqualTo("""
        sum by (boundary) (increase(vigil_boundary_state_seconds_total{boundary="db.main",state="down"}[5m]))
        /
        (sum by (boundary) (increase(vigil_boundary_state_seconds_total{boundary="db.main",state=~"up|degraded|down"}[5m])) > 0)""");
    JsonNode meta = group(file, "vigil-slo-db.main-uptime").get("rules");
    assertThat(exprOf(meta, "vigil:slo_error_ratio:rate90d")).contains("[90d]");
    assertThat(exprOf(meta, "vigil:slo_objective:ratio")).isEqualTo("vector(0.9999)");
    assertThat(exprOf(meta, "vigil:slo_error_budget:ratio")).isEqualTo("vector(0.0001)");
    assertThat(exprOf(meta, "vigil:slo_period:days")).isEqualTo("vector(90)");
  }

  @Test
  void calendarMonthsAndQuartersAreReadAsThirtyAndNinetyDays() throws Exception {
    assertThat(RuleGenerator.period(slo("m", SloConfig.Sli.TIME, "0.999", SloWindow.MONTH))).isEqualTo(Duration.ofDays(30));
    assertThat(RuleGenerator.period(slo("q", SloConfig.Sli.TIME, "0.999", SloWindow.QUARTER))).isEqualTo(Duration.ofDays(90));
    JsonNode rules = alertsOf(group(YAML.readTree(new RuleGenerator().generate(fleet())), "vigil-slo-shop-api-uptime"))
        .get("rules");
    assertThat(rules.get(0).get("annotations").get("description").asText())
        .contains("(target 99.9% over a calendar month, read as 30d)");
  }

  @Test
  void groupNamesStayUniqueWhenDashedNamesCollide() throws Exception {
    List<String> names = new ArrayList<>();
    YAML.readTree(new RuleGenerator().generate(fleet())).get("groups").forEach(g -> names.add(g.get("name").asText()));
    assertThat(names).doesNotHaveDuplicates();
    assertThat(names).startsWith("vigil-boundaries", "vigil-slo-shop-api-availability", "vigil-slo-shop-api-uptime");
    // boundary "a-b" with SLO "c" and boundary "a" with SLO "b-c" would both be "vigil-slo-a-b-c"
    assertThat(names).containsSubsequence("vigil-slo-a-b-c", "vigil-slo-a-b-c-2");
  }

  @Test
  void boundaryDownAlertPerBoundaryWaitsAMinuteOnVigilBoundaryUp() throws Exception {
    JsonNode down = group(YAML.readTree(new RuleGenerator().generate(fleet())), "vigil-boundaries").get("rules");
    assertThat(down).hasSize(fleet().boundaries().size());
    JsonNode first = down.get(0);
    assertThat(first.get("alert").asText()).isEqualTo("VigilBoundaryDown");
    assertThat(first.get("expr").asText()).isEqualTo("vigil_boundary_up{boundary=\"shop-api\"} == 0");
    assertThat(first.get("for").asText()).isEqualTo("1m");
    assertThat(fields(first.get("labels"))).isEqualTo(Map.of("severity", "page", "boundary", "shop-api"));
  }

  @Test
  void boundaryDownAlertWaitsLongerWhenTheBoundarysDownAlertAsksForIt() throws Exception {
    AlertConfig down = new AlertConfig("down", AlertConfig.Kind.DOWN, null, List.of(), 3, 2, Duration.ofMinutes(5),
        null, true);
    BoundaryConfig slow = new BoundaryConfig("checkout", "Checkout", "", true, DownWhen.ANY, 3, 2, List.of(),
        List.of(down), List.of(), "test:1");
    JsonNode rule = group(YAML.readTree(new RuleGenerator().generate(TestConfigs.config(List.of(slow), List.of(),
        VigilConfig.HistogramsPer.PROBE))), "vigil-boundaries").get("rules").get(0);
    assertThat(rule.get("for").asText()).isEqualTo("5m");
    assertThat(rule.get("annotations").get("description").asText()).isEqualTo("Vigil at {{ $labels.location }} has "
        + "reported boundary {{ $labels.boundary }} down for at least 5m (down_when: any; a probe counts as failing "
        + "after 3 bad runs in a row).");
  }

  @Test
  void labelValuesWithQuotesAndBackslashesAreEscaped() throws Exception {
    assumeTrue(Promtool.available(), "promtool is not installed");
    String odd = "say \"hi\"\\now: #1";
    VigilConfig config = TestConfigs.config(List.of(TestConfigs.boundary(odd,
        List.of(slo("yes", SloConfig.Sli.REQUESTS, "0.999", SloWindow.rolling(Duration.ofDays(30)))))),
        List.of(), VigilConfig.HistogramsPer.PROBE);
    String rules = new RuleGenerator().generate(config);
    Path file = dir.resolve("odd.yaml");
    Files.writeString(file, rules);
    Promtool.Result result = Promtool.checkRules(file);
    assertThat(result.output()).contains("SUCCESS");
    assertThat(result.exit()).isZero();

    JsonNode g = group(YAML.readTree(rules), "vigil-slo-" + odd + "-yes");
    assertThat(g.get("rules").get(0).get("labels").get("boundary").asText()).isEqualTo(odd);
    assertThat(g.get("rules").get(0).get("labels").get("slo").asText()).isEqualTo("yes");
    assertThat(g.get("rules").get(0).get("expr").asText()).contains("{boundary=\"say \\\"hi\\\"\\\\now: #1\",slo=\"yes\",");
  }

  @Test
  void promqlLiteralsAreExactAndEscaped() {
    assertThat(Promql.decimal(new BigDecimal("14.4").multiply(new BigDecimal("0.001")))).isEqualTo("0.0144");
    assertThat(Promql.decimal(new BigDecimal("0.0050000"))).isEqualTo("0.005");
    assertThat(Promql.decimal(new BigDecimal("30.000"))).isEqualTo("30");
    assertThat(Promql.decimal(BigDecimal.ZERO.setScale(3))).isEqualTo("0");
    assertThat(Promql.decimal(BigDecimal.ONE.divide(new BigDecimal(3), MathContext.DECIMAL128)))
        .isEqualTo("0.33333333333333333");
    assertThat(Promql.duration(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Promql.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Promql.duration(Duration.ofNanos(1_000_001))).isEqualTo("2ms");
    assertThat(Promql.string("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    assertThat(Promql.percent(new BigDecimal("0.99999"))).isEqualTo("99.999%");
    assertThat(Promql.readablePercent(new BigDecimal("0.0093333333333333333"))).isEqualTo("0.9333%");
  }

  private static JsonNode group(JsonNode file, String name) {
    for (JsonNode g : file.get("groups")) {
      if (g.get("name").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no group " + name);
  }

  private static List<String> records(JsonNode group) {
    List<String> out = new ArrayList<>();
    group.get("rules").forEach(r -> {
      if (r.has("record")) {
        out.add(r.get("record").asText());
      }
    });
    return out;
  }

  /** The group with only its alerting rules left (they follow the records they read). */
  private static JsonNode alertsOf(JsonNode group) {
    com.fasterxml.jackson.databind.node.ArrayNode alerts = YAML.createArrayNode();
    group.get("rules").forEach(r -> {
      if (r.has("alert")) {
        alerts.add(r);
      }
    });
    return YAML.createObjectNode().put("name", group.get("name").asText()).set("rules", alerts);
  }

  private static String exprOf(JsonNode rules, String record) {
    for (JsonNode r : rules) {
      if (r.path("record").asText().equals(record)) {
        return r.get("expr").asText();
      }
    }
    throw new AssertionError("no record " + record);
  }

  private static Map<String, String> fields(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static SloConfig slo(String name, SloConfig.Sli sli, String target, SloWindow window) {
    return new SloConfig(name, sli, new BigDecimal(target), window, null);
  }
}
