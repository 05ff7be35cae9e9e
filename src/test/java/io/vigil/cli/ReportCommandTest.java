package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.report.ReportFixture;
import io.vigil.testing.Csv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code vigil report} end to end: config and history on disk, every format, exit codes. */
class ReportCommandTest {
  @TempDir static Path dir;
  static Path service;

  /** What one run printed. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void history() throws Exception {
    service = ReportFixture.writeConfig(dir);
    ReportFixture.writeOctober(ReportFixture.database(dir));
  }

  static Run run(Instant now, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Vigil.execute(Clock.fixed(now, ZoneOffset.UTC), new PrintWriter(out, true), new PrintWriter(err, true),
        args);
    return new Run(exit, out.toString(), err.toString());
  }

  static Run report(String... extra) {
    List<String> args = new ArrayList<>(List.of("report", "--config", service.toString()));
    args.addAll(List.of(extra));
    return run(ReportFixture.NOW, args.toArray(String[]::new));
  }

  static JsonNode json(String text) throws Exception {
    return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text);
  }

  @Test
  void everyFormatParsesAndTheyAgree() throws Exception {
    Run md = report("--month", "2026-10");
    Run csv = report("--month", "2026-10", "--format", "csv");
    Run json = report("--month", "2026-10", "--format", "json");
    assertThat(List.of(md.exit(), csv.exit(), json.exit())).containsOnly(0);

    List<Map<String, String>> rows = Csv.parse(csv.out());
    assertThat(rows).hasSize(11); // shop-api 6 SLOs, search 2, quiet 1, never 1, bare (no SLO) 1
    JsonNode root = json(json.out());
    assertThat(root.path("month").asText()).isEqualTo("2026-10");
    assertThat(root.path("version").asInt()).isEqualTo(1);

    int compared = 0;
    for (Map<String, String> row : rows) {
      assertThat(row.get("month")).isEqualTo("2026-10");
      JsonNode b = find(root.path("boundaries"), row.get("boundary"));
      assertThat(row.get("title")).isEqualTo(b.path("title").asText());
      assertThat(row.get("boundary_availability_requests_percent"))
          .isEqualTo(down(b.path("requests").path("availability")));
      assertThat(row.get("boundary_availability_time_percent")).isEqualTo(down(b.path("time").path("availability")));
      assertThat(row.get("boundary_coverage_percent")).isEqualTo(down(b.path("time").path("coverage")));
      assertThat(row.get("boundary_unknown_ms")).isEqualTo(text(b.path("time").path("unknown_ms")));
      assertThat(row.get("incidents")).isEqualTo(b.path("incidents").path("count").asText());
      assertThat(row.get("mttr_ms")).isEqualTo(text(b.path("incidents").path("mttr_ms")));
      assertThat(row.get("boundary_resolution")).isEqualTo(b.path("window").path("resolution").asText());
      if (row.get("slo").isEmpty()) {
        assertThat(b.path("slos")).isEmpty();
        continue;
      }
      JsonNode s = find(b.path("slos"), row.get("slo"));
      assertThat(row.get("sli")).isEqualTo(s.path("sli").asText());
      assertThat(row.get("sli_percent")).isEqualTo(down(s.path("sli_value")));
      assertThat(row.get("met")).isEqualTo(text(s.path("met")));
      assertThat(row.get("budget_spent_percent")).isEqualTo(up(s.path("budget").path("spent")));
      assertThat(row.get("budget_remaining_percent")).isEqualTo(down(s.path("budget").path("remaining")));
      assertThat(row.get("allowed_downtime_ms")).isEqualTo(text(s.path("budget").path("allowed_downtime_ms")));
      assertThat(row.get("window_start")).isEqualTo(s.path("window").path("start").asText());
      assertThat(row.get("timezone")).isEqualTo(s.path("window").path("timezone").asText());
      if (!s.path("events").isNull()) {
        assertThat(row.get("good")).isEqualTo(s.path("events").path("good").asText());
        assertThat(row.get("valid")).isEqualTo(s.path("events").path("valid").asText());
      }
      String sli = row.get("sli").equals("latency") ? "latency ≤ " + s.path("threshold_ms").asText() + "ms"
          : row.get("sli");
      String actual = row.get("sli_percent").isEmpty() ? "no data" : row.get("sli_percent") + "%";
      assertThat(md.out()).contains("| " + row.get("slo") + " (" + sli + ") | ")
          .contains("| " + actual + " |");
      compared++;
    }
    assertThat(compared).isEqualTo(10);
  }

  @Test
  void figuresMatchTheHandComputationInEveryFormat() throws Exception {
    Map<String, String> uptime = Csv.parse(report("--month", "2026-10", "--format", "csv").out()).stream()
        .filter(r -> r.get("boundary").equals("shop-api") && r.get("slo").equals("uptime")).findFirst().orElseThrow();
    assertThat(uptime.get("sli_percent")).isEqualTo("99.93261");
    assertThat(uptime.get("allowed_downtime_ms")).isEqualTo("2678400");
    assertThat(uptime.get("budget_spent_percent")).isEqualTo("67.38545");
    assertThat(uptime.get("boundary_coverage_percent")).isEqualTo("99.73118");
    assertThat(uptime.get("boundary_maintenance_ms")).isEqualTo("3600000");
    assertThat(uptime.get("boundary_excluded")).isEqualTo("360");
    assertThat(uptime.get("mttr_ms")).isEqualTo("900000");
    assertThat(uptime.get("mtbf_ms")).isEqualTo("1334700000");

    JsonNode root = json(report("--month", "2026-10", "--format", "json").out());
    JsonNode search = find(root.path("boundaries"), "search");
    JsonNode time = find(search.path("slos"), "uptime");
    // 1 − 5,400,000 / 267,840, exact to 34 significant digits
    assertThat(time.path("budget").path("remaining").decimalValue()).isEqualByComparingTo(
        BigDecimal.ONE.subtract(new BigDecimal("5400000").divide(new BigDecimal("267840"), MathContext.DECIMAL128)));
    assertThat(time.path("met").asBoolean()).isFalse();
    JsonNode open = search.path("incidents").path("list").get(1);
    assertThat(open.path("ongoing").asBoolean()).isTrue();
    assertThat(open.path("end").isNull()).isTrue();
    assertThat(open.path("in_month_ms").asLong()).isEqualTo(3_600_000);

    String md = report("--month", "2026-10").out();
    assertThat(md).startsWith("# SLA report: October 2026");
    assertThat(md).contains("| Shop API | uptime (time) | 99.9% | 99.93261% | yes | 67.38545% | 32.61455% |");
    assertThat(md).contains("0.1% = 44m 38.4s of downtime over the month");
    assertThat(md).contains("| 2026-10-03T10:05:00Z | 2026-10-03T10:15:00Z | 10m | 30s | users, db-port | timeout |");
    assertThat(md).contains("| users | 99.95507% | 133500 | 133560 | 180 |");
    assertThat(md).contains("| Search \\| Browse, &lt;b&gt;all&lt;/b&gt; | uptime (time) | 99.99% | 99.79838% | **no** |"
        + " 2016.12904% | -1916.12904% |").doesNotContain("<b>");
  }

  @Test
  void defaultMonthIsThePreviousUtcMonth() throws Exception {
    Run r = run(Instant.parse("2026-11-01T00:30:00Z"), "report", "--config", service.toString(), "--format", "json");
    assertThat(r.exit()).isZero();
    JsonNode root = json(r.out());
    assertThat(root.path("month").asText()).isEqualTo("2026-10");
    JsonNode shop = find(root.path("boundaries"), "shop-api");
    assertThat(shop.path("window").path("partial").asBoolean()).isFalse();
    // New York's October is not over yet at 00:30Z on November 1
    JsonNode ny = find(shop.path("slos"), "uptime-ny");
    assertThat(ny.path("window").path("partial").asBoolean()).isTrue();
    assertThat(ny.path("window").path("end").asText()).isEqualTo("2026-11-01T00:00:00Z");
  }

  @Test
  void outputFileHoldsWhatStdoutWouldShow() throws Exception {
    Path file = dir.resolve("october.csv");
    Run written = report("--month", "2026-10", "--format", "csv", "--output", file.toString());
    assertThat(written.exit()).isZero();
    assertThat(written.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(report("--month", "2026-10", "--format", "csv").out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13", "2026-00", "2026-1", "October", "2026/10", "26-10"})
  void malformedMonthExitsTwo(String month) {
    Run r = report("--month", month);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is not a month; use YYYY-MM, e.g. 2026-10");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void monthNotBegunExitsTwo() {
    Run r = report("--month", "2026-12");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--month 2026-12 has not begun (it is 2026-11 in UTC)");
  }

  @Test
  void unknownFormatExitsTwo() {
    Run r = report("--format", "xml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'xml' is not a report format; use md, csv or json");
  }

  @Test
  void invalidConfigurationExitsTwoWithPositions() throws Exception {
    Path broken = dir.resolve("broken");
    Path file = ReportFixture.writeConfig(broken);
    Files.writeString(broken.resolve("probes/shop.yaml"), """
        boundaries:
          - name: api
            slos:
              - {name: availability, sli: requests, target: 120%, window: 30d}
        """);
    Run r = run(ReportFixture.NOW, "report", "--config", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).containsPattern("shop\\.yaml:4:\\d+: ");
  }

  @Test
  void missingDatabaseIsAClearErrorAndCreatesNothing() throws Exception {
    Path fresh = dir.resolve("fresh");
    Path file = ReportFixture.writeConfig(fresh);
    Path output = fresh.resolve("report.md");
    Run r = run(ReportFixture.NOW, "report", "--config", file.toString(), "--output", output.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no history database at " + ReportFixture.database(fresh).toAbsolutePath())
        .contains("vigil run creates it");
    assertThat(fresh.resolve("data")).doesNotExist();
    assertThat(output).doesNotExist();
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (n.path("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no entry named " + name + " in " + array);
  }

  /** A JSON ratio as the CSV shows it: a percentage with five decimals, rounded down; empty for null. */
  private static String down(JsonNode ratio) {
    return ratio.isNull() ? "" : ratio.decimalValue().movePointRight(2).setScale(5, RoundingMode.FLOOR).toPlainString();
  }

  private static String up(JsonNode ratio) {
    return ratio.isNull() ? ""
        : ratio.decimalValue().movePointRight(2).setScale(5, RoundingMode.CEILING).toPlainString();
  }

  private static String text(JsonNode value) {
    return value.isNull() ? "" : value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
  }
}
