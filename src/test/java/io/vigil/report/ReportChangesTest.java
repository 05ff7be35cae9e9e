package io.vigil.report;

import static io.vigil.report.ReportFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.change.ChangeEvent;
import io.vigil.config.ConfigLoader;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.store.SqliteHistoryReader;
import io.vigil.store.SqliteStore;
import io.vigil.testing.Csv;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents per change in the month report: a deploy just before the month whose incident starts early in it,
 * a deploy followed by two incidents (within 30 minutes each, the second exactly at 30 minutes), a config change
 * followed by none, and an incident 31 minutes after a change that names none.
 */
class ReportChangesTest {
  @TempDir Path dir;

  private static long at(String t) {
    return Instant.parse(t).toEpochMilli();
  }

  @Test
  void eachChangeOfTheMonthListsTheIncidentsThatStartedWithinThirtyMinutesAfterIt() throws Exception {
    VigilConfig config = ConfigLoader.load(ReportFixture.writeConfig(dir), Map.of());
    try (SqliteStore store = SqliteStore.open(ReportFixture.database(dir), StorageConfig.Retention.DEFAULT,
        Clock.fixed(NOW, ZoneOffset.UTC))) {
      store.boundaryId("shop-api");
      store.saveChange(new ChangeEvent("before", "shop-api", "deploy", "0.9", at("2026-09-30T23:50:00Z"), ""));
      store.saveChange(new ChangeEvent("d1", "shop-api", "deploy", "1.0", at("2026-10-10T10:00:00Z"),
          "https://ci.example.com/1"));
      store.saveChange(new ChangeEvent("c1", "shop-api", "config", "", at("2026-10-20T10:00:00Z"), ""));
      store.saveIncident(ReportFixture.incident("shop-api", "2026-10-01T00:05:00Z", 60_000, "2026-10-01T00:15:00Z",
          List.of("users"), "status"));
      store.saveIncident(ReportFixture.incident("shop-api", "2026-10-10T10:10:00Z", 60_000, "2026-10-10T10:15:00Z",
          List.of("users"), "status"));
      store.saveIncident(ReportFixture.incident("shop-api", "2026-10-10T10:30:00Z", 60_000, "2026-10-10T10:40:00Z",
          List.of("users"), "timeout"));
      store.saveIncident(ReportFixture.incident("shop-api", "2026-10-20T10:31:00Z", 60_000, "2026-10-20T10:40:00Z",
          List.of("users"), "timeout"));
    }
    MonthReport october;
    try (SqliteHistoryReader history = SqliteHistoryReader.open(ReportFixture.database(dir))) {
      october = new ReportBuilder(history).build(config, YearMonth.of(2026, 10), NOW);
    }
    BoundaryReport shop = october.boundaries().get(0);
    assertThat(shop.changes()).extracting(c -> c.event().id(), ChangeLine::incidents).containsExactly(
        org.assertj.core.groups.Tuple.tuple("d1", List.of("shop-api-" + at("2026-10-10T10:10:00Z"),
            "shop-api-" + at("2026-10-10T10:30:00Z"))),
        org.assertj.core.groups.Tuple.tuple("c1", List.of()));
    assertThat(shop.incidents()).extracting(l -> l.suspect().map(ChangeEvent::id).orElse("-"))
        .containsExactly("before", "d1", "d1", "-");

    String md = MarkdownReport.render(october);
    assertThat(md).contains("| Changes | 2, 1 followed by an incident within 30 minutes |", "### Changes",
        "| 2026-10-10T10:00:00Z | deploy 1.0 | https://ci.example.com/1 | 2 |", "| config |  | 0 |",
        "| deploy 0.9 at 2026-09-30T23:50:00Z |");
    JsonNode json = new ObjectMapper().readTree(JsonReport.render(october)).path("boundaries").get(0);
    assertThat(json.path("changes").get(0).path("incidents").size()).isEqualTo(2);
    assertThat(json.path("incidents").path("list").get(3).path("suspected_change").isNull()).isTrue();
    assertThat(json.path("incidents").path("list").get(1).path("suspected_change").asText()).isEqualTo("d1");

    List<Map<String, String>> rows = Csv.parse(CsvReport.render(october));
    List<Map<String, String>> changes = rows.stream().filter(r -> r.get("record").equals("change")).toList();
    assertThat(changes).extracting(r -> r.get("boundary"), r -> r.get("change_id"), r -> r.get("change_at"),
        r -> r.get("change_kind"), r -> r.get("change_version"), r -> r.get("change_link"),
        r -> r.get("change_incidents"), r -> r.get("change_incident_ids")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("shop-api", "d1", "2026-10-10T10:00:00Z", "deploy", "1.0",
            "https://ci.example.com/1", "2", "shop-api-" + at("2026-10-10T10:10:00Z") + "; shop-api-"
                + at("2026-10-10T10:30:00Z")),
        org.assertj.core.groups.Tuple.tuple("shop-api", "c1", "2026-10-20T10:00:00Z", "config", "", "", "0", ""));
    // a change row carries no figures, so summing a column over rows counts nothing twice
    assertThat(changes).allSatisfy(r -> assertThat(r.get("boundary_valid") + r.get("incidents") + r.get("slo"))
        .isEmpty());
    assertThat(rows.stream().filter(r -> !r.get("record").equals("change")))
        .allSatisfy(r -> assertThat(r.get("record")).isIn("slo", "boundary"))
        .allSatisfy(r -> assertThat(r.get("change_id")).isEmpty());
  }
}
