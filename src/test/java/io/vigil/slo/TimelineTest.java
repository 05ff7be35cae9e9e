package io.vigil.slo;

import static io.vigil.slo.Exact.round;
import static io.vigil.slo.Exact.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.DownWhen;
import io.vigil.config.MaintenanceConfig;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** State timelines: the coverage rule, quorum combination (SLO-MATH §7 vector 10), maintenance, clipping. */
class TimelineTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
  private static final Instant T0 = CLOCK.instant();
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static Instant min(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private static Timeline.Run up(long minute) {
    return new Timeline.Run(min(minute), State.UP);
  }

  private static Timeline.Run down(long minute) {
    return new Timeline.Run(min(minute), State.DOWN);
  }

  @Test
  @DisplayName("Coverage rule: a run covers until the next run starts")
  void runCoversUntilTheNextRun() {
    Timeline t = Timeline.ofRuns(new Span(min(0), min(3)), MINUTE, List.of(up(0), down(1), up(2)));
    assertThat(t.segments()).containsExactly(
        new Timeline.Segment(min(0), min(1), State.UP),
        new Timeline.Segment(min(1), min(2), State.DOWN),
        new Timeline.Segment(min(2), min(3), State.UP));
  }

  @Test
  @DisplayName("Coverage rule: a gap longer than 2 × interval is unknown past 2 × interval")
  void gapLongerThanTwoIntervalsBecomesUnknown() {
    Timeline t = Timeline.ofRuns(new Span(min(0), min(12)), MINUTE, List.of(up(0), up(1), down(2), up(10), up(11)));
    assertThat(t.segments()).containsExactly(
        new Timeline.Segment(min(0), min(2), State.UP),
        new Timeline.Segment(min(2), min(4), State.DOWN),
        new Timeline.Segment(min(4), min(10), State.UNKNOWN),
        new Timeline.Segment(min(10), min(12), State.UP));
    TimeTotals totals = t.totals();
    assertThat(totals.unknown()).isEqualTo(Duration.ofMinutes(6));
    assertThat(totals.down()).isEqualTo(Duration.ofMinutes(2));
    assertThat(totals.up()).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  @DisplayName("Coverage rule: a gap of exactly 2 × interval is still fully covered (at most, not less than)")
  void gapOfExactlyTwoIntervalsIsCovered() {
    Timeline t = Timeline.ofRuns(new Span(min(0), min(3)), MINUTE, List.of(up(0), up(2)));
    assertThat(t.totals().unknown()).isZero();
    assertThat(t.segments()).containsExactly(new Timeline.Segment(min(0), min(3), State.UP));
  }

  @Test
  @DisplayName("Coverage rule: the last run covers at most 2 × interval; before the first run is unknown")
  void edgesOfTheRunsAreUnknown() {
    Timeline t = Timeline.ofRuns(new Span(min(0), min(10)), MINUTE, List.of(up(3)));
    assertThat(t.segments()).containsExactly(
        new Timeline.Segment(min(0), min(3), State.UNKNOWN),
        new Timeline.Segment(min(3), min(5), State.UP),
        new Timeline.Segment(min(5), min(10), State.UNKNOWN));
  }

  @Test
  @DisplayName("Coverage rule: a run started before the span reaches into it; runs may come in any order")
  void earlierRunReachesIntoTheSpan() {
    Timeline t = Timeline.ofRuns(new Span(min(10), min(12)), MINUTE, List.of(up(11), down(9), up(1)));
    assertThat(t.segments()).containsExactly(
        new Timeline.Segment(min(10), min(11), State.DOWN),
        new Timeline.Segment(min(11), min(12), State.UP));
  }

  @Test
  @DisplayName("An invalid run covers its time as unknown (it did not measure the service)")
  void invalidRunIsUnknown() {
    Timeline t = Timeline.ofRuns(new Span(min(0), min(3)), MINUTE, List.of(
        Timeline.Run.of(min(0), true, true), Timeline.Run.of(min(1), false, false),
        Timeline.Run.of(min(2), true, false)));
    assertThat(t.totals()).isEqualTo(new TimeTotals(MINUTE, MINUTE, MINUTE, Duration.ZERO));
  }

  @Test
  @DisplayName("Clipping to a window longer than the history: the rest of the window is unknown")
  void clipBeyondHistoryIsUnknown() {
    Timeline t = Timeline.ofRuns(new Span(min(0), min(10)), MINUTE,
        List.of(up(0), up(1), up(2), up(3), up(4), up(5), up(6), up(7), up(8), up(9)));
    TimeTotals totals = t.totals(new Span(min(-10), min(5)));
    assertThat(totals).isEqualTo(new TimeTotals(Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(10),
        Duration.ZERO));
    assertThat(value(totals.coverage())).isEqualByComparingTo(BigDecimal.ONE.divide(BigDecimal.valueOf(3),
        Decimals.MC));
    assertThat(t.stateAt(min(-1))).isEqualTo(State.UNKNOWN);
    assertThat(t.stateAt(min(4))).isEqualTo(State.UP);
  }

  @Test
  @DisplayName("Timeline.of fills gaps with unknown, merges equal neighbours, and refuses overlaps")
  void segmentsAreNormalised() {
    Timeline t = Timeline.of(new Span(min(0), min(4)), List.of(
        new Timeline.Segment(min(1), min(2), State.UP), new Timeline.Segment(min(2), min(3), State.UP)));
    assertThat(t.segments()).containsExactly(
        new Timeline.Segment(min(0), min(1), State.UNKNOWN),
        new Timeline.Segment(min(1), min(3), State.UP),
        new Timeline.Segment(min(3), min(4), State.UNKNOWN));
    assertThatThrownBy(() -> Timeline.of(new Span(min(0), min(4)), List.of(
        new Timeline.Segment(min(0), min(2), State.UP), new Timeline.Segment(min(1), min(3), State.DOWN))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // TV10: probes A, B, C; ten one-minute points t0..t9; fails t3{A}, t4{A,B}, t5{A,B,C}, t7{B}.
  private static final Map<String, Set<Integer>> TV10_FAILS =
      Map.of("A", Set.of(3, 4, 5), "B", Set.of(4, 5, 7), "C", Set.of(5));
  private static final Span TV10_SPAN = new Span(min(0), min(10));

  private static List<Timeline.Run> tv10Runs(String probe) {
    List<Timeline.Run> runs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      runs.add(Timeline.Run.of(min(i), true, !TV10_FAILS.get(probe).contains(i)));
    }
    return runs;
  }

  private static Timeline tv10Boundary(DownWhen rule) {
    List<Timeline> probes = Stream.of("A", "B", "C")
        .map(p -> Timeline.ofRuns(TV10_SPAN, MINUTE, tv10Runs(p))).toList();
    return Timeline.combine(TV10_SPAN, probes, rule);
  }

  static Stream<Arguments> tv10Rules() {
    return Stream.of(
        Arguments.of("any", DownWhen.ANY, "0.6"),
        Arguments.of("majority", new DownWhen(DownWhen.Mode.MAJORITY, 0), "0.8"),
        Arguments.of("at least 2", new DownWhen(DownWhen.Mode.AT_LEAST, 2), "0.8"),
        Arguments.of("all (Grafana uptime)", new DownWhen(DownWhen.Mode.ALL, 0), "0.9"));
  }

  @ParameterizedTest(name = "TV10 quorum: down_when {0} over A/B/C → time availability {2}")
  @MethodSource("tv10Rules")
  void quorumAvailability(String name, DownWhen rule, String availability) {
    TimeTotals totals = tv10Boundary(rule).totals();
    assertThat(totals.unknown()).isZero();
    assertThat(totals.measured()).isEqualTo(Duration.ofMinutes(10));
    assertThat(value(totals.availability())).isEqualByComparingTo(availability);
  }

  @Test
  @DisplayName("TV10 quorum: under majority, t3 {A} and t7 {B} are degraded (some failing, not down) and count as up")
  void majorityLeavesSingleFailuresDegraded() {
    Timeline boundary = tv10Boundary(new DownWhen(DownWhen.Mode.MAJORITY, 0));
    assertThat(boundary.stateAt(min(3))).isEqualTo(State.DEGRADED);
    assertThat(boundary.stateAt(min(4))).isEqualTo(State.DOWN);
    assertThat(boundary.stateAt(min(5))).isEqualTo(State.DOWN);
    assertThat(boundary.stateAt(min(6))).isEqualTo(State.UP);
    assertThat(boundary.stateAt(min(7))).isEqualTo(State.DEGRADED);
    assertThat(boundary.spansIn(State.DOWN)).containsExactly(new Span(min(4), min(6)));
  }

  @Test
  @DisplayName("TV10 reachability (Grafana): successful / all executions = 23/30 = 76.667%")
  void reachabilityIsSuccessfulOverAllExecutions() {
    Counts all = Counts.NONE;
    for (String p : List.of("A", "B", "C")) {
      for (Timeline.Run r : tv10Runs(p)) {
        all = all.plus(Counts.ofRun(true, r.state() == State.UP));
      }
    }
    assertThat(all).isEqualTo(new Counts(23, 30));
    assertThat(round(value(all.sli()), 5)).isEqualByComparingTo("0.76667");
  }

  @Test
  @DisplayName("Combine: the quorum counts only probes known in each slice; none known → unknown")
  void quorumOverKnownProbesOnly() {
    Span span = new Span(min(0), min(6));
    Timeline a = Timeline.ofRuns(span, MINUTE, List.of(down(0), down(1), down(2), down(3)));
    Timeline b = Timeline.ofRuns(span, MINUTE, List.of(up(0), up(1)));
    Timeline boundary = Timeline.combine(span, List.of(a, b), new DownWhen(DownWhen.Mode.ALL, 0));
    // a is down over [0, 5) (its last run reaches 2 × interval); b is up over [0, 3).
    assertThat(boundary.segments()).containsExactly(
        new Timeline.Segment(min(0), min(3), State.DEGRADED),
        new Timeline.Segment(min(3), min(5), State.DOWN),
        new Timeline.Segment(min(5), min(6), State.UNKNOWN));
  }

  @Test
  @DisplayName("Excused maintenance turns every state inside into maintenance, out of both parts")
  void excusedMaintenanceMasksEverything() {
    Span span = new Span(min(0), min(4));
    Timeline t = Timeline.ofRuns(span, MINUTE, List.of(up(0), down(1), down(2), up(3)));
    Timeline m = t.withMaintenance(List.of(new MaintenanceWindow(new Span(min(1), min(3)), false)));
    assertThat(m.totals()).isEqualTo(new TimeTotals(Duration.ofMinutes(2), Duration.ZERO, Duration.ZERO,
        Duration.ofMinutes(2)));
    assertThat(value(m.totals().availability())).isEqualByComparingTo("1");
  }

  @Test
  @DisplayName("Maintenance with counts_against_budget: downtime inside still counts as down")
  void countingMaintenanceKeepsDowntime() {
    Span span = new Span(min(0), min(4));
    Timeline t = Timeline.ofRuns(span, MINUTE, List.of(up(0), down(1), down(2), up(3)));
    Timeline m = t.withMaintenance(List.of(new MaintenanceWindow(new Span(min(1), min(3)), true)));
    assertThat(m.totals().down()).isEqualTo(Duration.ofMinutes(2));
    assertThat(value(m.totals().availability())).isEqualByComparingTo("0.5");
  }

  @Test
  @DisplayName("Combine: a boundary whose probes are all in maintenance is in maintenance, not unknown")
  void allProbesInMaintenance() {
    Span span = new Span(min(0), min(2));
    Timeline a = Timeline.ofRuns(span, MINUTE, List.of(up(0), up(1)))
        .withMaintenance(List.of(new MaintenanceWindow(span, false)));
    assertThat(Timeline.combine(span, List.of(a), DownWhen.ANY).totals().maintenance())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(Timeline.combine(span, List.of(), DownWhen.ANY).totals().unknown())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  @DisplayName("Combine: a boundary of boundaries is degraded while one member is degraded and none is down")
  void degradedMemberMakesTheBoundaryDegraded() {
    Span span = new Span(min(0), min(4));
    Timeline degraded = Timeline.of(span, List.of(new Timeline.Segment(min(0), min(2), State.DEGRADED),
        new Timeline.Segment(min(2), min(4), State.UP)));
    Timeline up = Timeline.ofRuns(span, MINUTE, List.of(up(0), up(1), up(2), up(3)));
    for (List<Timeline> members : List.of(List.of(degraded), List.of(degraded, up))) {
      Timeline boundary = Timeline.combine(span, members, DownWhen.ANY);
      assertThat(boundary.segments()).containsExactly(
          new Timeline.Segment(min(0), min(2), State.DEGRADED),
          new Timeline.Segment(min(2), min(4), State.UP));
      assertThat(value(boundary.totals().availability())).isEqualByComparingTo("1");
    }
  }

  @Test
  @DisplayName("Segments in any order give the same timeline; overlapping ones are refused")
  void segmentsInAnyOrder() {
    Span span = new Span(min(0), min(3));
    Timeline.Segment a = new Timeline.Segment(min(0), min(1), State.UP);
    Timeline.Segment b = new Timeline.Segment(min(1), min(2), State.DOWN);
    Timeline.Segment c = new Timeline.Segment(min(2), min(3), State.UP);
    Timeline ordered = Timeline.of(span, List.of(a, b, c));
    Timeline reversed = Timeline.of(span, List.of(c, b, a));
    assertThat(reversed).isEqualTo(ordered).hasSameHashCodeAs(ordered);
    assertThat(reversed.spansIn(State.DOWN)).containsExactly(new Span(min(1), min(2)));
    assertThat(reversed.span()).isEqualTo(span);
    assertThatThrownBy(() -> Timeline.of(span, List.of(new Timeline.Segment(min(1), min(3), State.UP), a, b)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
  }

  @Test
  @DisplayName("Timelines are equal only with the same span and the same segments")
  void equality() {
    Span span = new Span(min(0), min(2));
    Timeline t = Timeline.ofRuns(span, MINUTE, List.of(up(0), up(1)));
    assertThat(t).isEqualTo(Timeline.ofRuns(span, MINUTE, List.of(up(1), up(0))));
    assertThat(t).isNotEqualTo(Timeline.ofRuns(span, MINUTE, List.of(up(0), down(1))));
    assertThat(t).isNotEqualTo(Timeline.ofRuns(new Span(min(0), min(3)), MINUTE, List.of(up(0), up(1))));
    assertThat(t).isNotEqualTo(span);
    assertThat(t.toString()).contains(span.toString()).contains("UP");
    assertThat(Timeline.unknown(span).segments()).containsExactly(new Timeline.Segment(min(0), min(2), State.UNKNOWN));
  }

  @Test
  @DisplayName("Unknown time is one stretch, whether no segment covers it or a segment says unknown")
  void unknownStretchesMerge() {
    Span span = new Span(min(0), min(3));
    Timeline t = Timeline.of(span, List.of(new Timeline.Segment(min(1), min(2), State.UNKNOWN)));
    assertThat(t.spansIn(State.UNKNOWN)).containsExactly(span);
    assertThat(t).isEqualTo(Timeline.unknown(span));
  }

  @Test
  @DisplayName("Runs of one state across a gap longer than 2 × interval stay two stretches with unknown between")
  void sameStateAcrossAGap() {
    Span span = new Span(min(0), min(10));
    Timeline t = Timeline.ofRuns(span, MINUTE, List.of(down(0), down(1), down(7)));
    assertThat(t.spansIn(State.DOWN)).containsExactly(new Span(min(0), min(3)), new Span(min(7), min(9)));
    assertThat(t.stateAt(min(5))).isEqualTo(State.UNKNOWN);
  }

  @Test
  @DisplayName("A configured maintenance window starting at a cron or one-off start lasts its duration")
  void maintenanceOccurrence() {
    MaintenanceConfig config = new MaintenanceConfig("upgrade", null, "0 2 * * *", ZoneOffset.UTC,
        Duration.ofMinutes(30), false);
    MaintenanceWindow w = MaintenanceWindow.of(config, min(0));
    assertThat(w).isEqualTo(new MaintenanceWindow(new Span(min(0), min(30)), false));
    assertThat(w.excusesTime()).isTrue();
  }
}
