package io.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.DownWhen;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MTTR and MTBF from incident spans. */
class IncidentStatsTest {
  private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

  private static Instant min(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  @Test
  @DisplayName("MTTR is the mean incident duration; MTBF is total uptime / number of failures")
  void meanTimesFromIncidents() {
    List<Span> incidents = List.of(new Span(min(100), min(110)), new Span(min(700), min(720)));
    IncidentStats stats = IncidentStats.of(incidents, Duration.ofMinutes(1_410));
    assertThat(stats.incidents()).isEqualTo(2);
    assertThat(stats.downtime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(stats.mttr()).hasValue(Duration.ofMinutes(15));
    assertThat(stats.mtbf()).hasValue(Duration.ofMinutes(705));
    assertThat(IncidentStats.meanTimeBetweenStarts(incidents)).hasValue(Duration.ofMinutes(600));
  }

  @Test
  @DisplayName("Without incidents there is no MTTR or MTBF; one incident has no time between starts")
  void noIncidents() {
    IncidentStats none = IncidentStats.of(List.of(), Duration.ofDays(1));
    assertThat(none.mttr()).isEmpty();
    assertThat(none.mtbf()).isEmpty();
    assertThat(IncidentStats.meanTimeBetweenStarts(List.of(new Span(min(0), min(1))))).isEmpty();
  }

  @Test
  @DisplayName("Incidents read off a boundary timeline: its down spans and its uptime")
  void incidentsFromATimeline() {
    Span day = new Span(min(0), min(60));
    List<Timeline.Run> runs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean good = !(i >= 10 && i < 13) && !(i >= 40 && i < 45);
      runs.add(Timeline.Run.of(min(i), true, good));
    }
    Timeline boundary = Timeline.combine(day, List.of(Timeline.ofRuns(day, Duration.ofMinutes(1), runs)),
        DownWhen.ANY);
    List<Span> down = boundary.spansIn(State.DOWN);
    assertThat(down).containsExactly(new Span(min(10), min(13)), new Span(min(40), min(45)));
    IncidentStats stats = IncidentStats.of(down, boundary.totals().up());
    assertThat(stats.mttr()).hasValue(Duration.ofMinutes(4));
    assertThat(stats.mtbf()).hasValue(Duration.ofMinutes(26));
  }

  @Test
  @DisplayName("Time between starts does not depend on the order incidents are listed in")
  void startsInAnyOrder() {
    List<Span> incidents = List.of(new Span(min(600), min(610)), new Span(min(1_200), min(1_205)),
        new Span(min(0), min(5)));
    assertThat(IncidentStats.meanTimeBetweenStarts(incidents)).hasValue(Duration.ofMinutes(600));
  }
}
