package io.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import io.vigil.incident.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeEventsTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final long AT = NOW.toEpochMilli();
  private static final long MINUTE = 60_000;

  private static ChangeEvent parse(String json) throws ChangeEvents.Invalid {
    return ChangeEvents.parse(new JsonObject(json), Set.of("shop")::contains, NOW);
  }

  @Test
  void aFullEventIsTakenAsGivenAndAtDefaultsToNow() throws Exception {
    ChangeEvent e = parse("""
        {"boundary": "shop", "kind": "deploy", "version": "1.4.2", "at": "2026-12-03T13:30:00+02:00",
         "link": "https://ci.example.com/runs/7"}""");
    assertThat(e).extracting(ChangeEvent::boundary, ChangeEvent::kind, ChangeEvent::version, ChangeEvent::atMillis,
        ChangeEvent::link).containsExactly("shop", "deploy", "1.4.2", AT - 30 * MINUTE, "https://ci.example.com/runs/7");
    assertThat(e.id()).isNotBlank();
    assertThat(parse("{\"boundary\": \"shop\", \"kind\": \"config\"}"))
        .satisfies(x -> assertThat(x.atMillis()).isEqualTo(AT))
        .satisfies(x -> assertThat(x.label()).isEqualTo("config"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"boundary\": \" \", \"kind\": \"deploy\"}|boundary: required",
      "{\"kind\": \"deploy\"}|boundary: required",
      "{\"boundary\": \"nope\", \"kind\": \"deploy\"}|boundary: no boundary named 'nope'",
      "{\"boundary\": 7, \"kind\": \"deploy\"}|boundary: expected a string",
      "{\"boundary\": \"shop\"}|kind: required",
      "{\"boundary\": \"shop\", \"kind\": \"release\"}|kind: expected one of deploy, config, rollback, other, got 'release'",
      "{\"boundary\": \"shop\", \"kind\": \"deploy\", \"at\": \"yesterday\"}|at: expected an ISO-8601 time with offset",
      "{\"boundary\": \"shop\", \"kind\": \"deploy\", \"at\": \"2026-12-03T12:00:00\"}|at: expected an ISO-8601 time",
      "{\"boundary\": \"shop\", \"kind\": \"deploy\", \"at\": \"2026-12-03T12:05:01Z\"}|at: 2026-12-03T12:05:01Z lies in the future",
      "{\"boundary\": \"shop\", \"kind\": \"deploy\", \"link\": \"ftp://x.example.com/a\"}|link: expected an absolute http:// or https:// URL",
      "{\"boundary\": \"shop\", \"kind\": \"deploy\", \"link\": \"/runs/7\"}|link: expected an absolute http:// or https:// URL",
      "{\"boundary\": \"shop\", \"kind\": \"deploy\", \"version\": 12}|version: expected a string",
      "{\"boundary\": \"shop\", \"kind\": \"deploy\", \"who\": \"me\"}|who: unknown field"})
  void eachBadFieldHasItsOwnMessage(String body, String message) {
    assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ChangeEvents.Invalid.class,
        e -> assertThat(e.errors()).singleElement().asString().startsWith(message));
  }

  @Test
  void everyBadFieldIsReportedAtOnceInFieldOrder() {
    assertThatThrownBy(() -> parse("{\"boundary\": \"x\", \"kind\": \"k\", \"version\": \"" + "v".repeat(129)
        + "\", \"link\": \"mailto:a@b\"}")).isInstanceOfSatisfying(ChangeEvents.Invalid.class,
        e -> assertThat(e.errors()).extracting(m -> m.substring(0, m.indexOf(':')))
            .containsExactly("boundary", "kind", "version", "link"));
  }

  @Test
  void atExactlyFiveMinutesAheadIsStillAccepted() throws Exception {
    assertThat(parse("{\"boundary\": \"shop\", \"kind\": \"deploy\", \"at\": \"2026-12-03T12:05:00Z\"}").atMillis())
        .isEqualTo(AT + 5 * MINUTE);
  }

  /** Incident start relative to the event, and whether the event is its suspected change. Both edges count. */
  @ParameterizedTest(name = "incident {0} ms after the change: suspected {1}")
  @CsvSource({"-1, false", "0, true", "1, true", "1799999, true", "1800000, true", "1800001, false",
      "3600000, false"})
  void theSuspectWindowIsThirtyMinutesFromTheChangeInclusive(long after, boolean suspected) {
    ChangeEvent e = new ChangeEvent("e", "shop", "deploy", "1", AT, "");
    Incident i = incident("shop", AT + after);
    assertThat(ChangeEvents.suspects(e, i.startMillis())).isEqualTo(suspected);
    assertThat(ChangeEvents.suspect(i, List.of(e)).isPresent()).isEqualTo(suspected);
  }

  @Test
  void theLatestChangeOfTheSameBoundaryBeforeTheIncidentIsNamed() {
    ChangeEvent early = new ChangeEvent("a", "shop", "deploy", "1", AT - 20 * MINUTE, "");
    ChangeEvent late = new ChangeEvent("b", "shop", "config", "", AT - 5 * MINUTE, "");
    ChangeEvent after = new ChangeEvent("c", "shop", "deploy", "2", AT + MINUTE, "");
    ChangeEvent elsewhere = new ChangeEvent("d", "auth", "deploy", "9", AT - MINUTE, "");
    assertThat(ChangeEvents.suspect(incident("shop", AT), List.of(after, early, elsewhere, late)))
        .contains(late);
    assertThat(ChangeEvents.suspect(incident("cart", AT), List.of(early, late))).isEmpty();
  }

  private static Incident incident(String boundary, long start) {
    return new Incident(boundary + "-" + start, boundary, start, start + 1_000, 0, 0, List.of("p"), "timeout");
  }
}
