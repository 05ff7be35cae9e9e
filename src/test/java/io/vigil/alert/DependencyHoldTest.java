package io.vigil.alert;

import static io.vigil.alert.AlertFixtures.AVAILABILITY;
import static io.vigil.alert.AlertFixtures.CALM;
import static io.vigil.alert.AlertFixtures.VECTOR_4;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.BoundaryState;
import io.vigil.boundary.BoundaryView;
import io.vigil.boundary.Maintenance;
import io.vigil.config.AlertConfig;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.LatencyBandsConfig;
import io.vigil.config.Owner;
import io.vigil.config.VigilConfig;
import io.vigil.testing.ManualClock;
import io.vigil.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Holding notifications for an upstream ({@code depends_on}): when an incident is held, when the hold ends, and
 * what is sent then. Boundary states are set by hand; each down rule fires after 2 evaluations and resolves
 * after 1.
 */
class DependencyHoldTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private final ManualClock clock = new ManualClock(T0);
  private final Map<String, BoundaryView> states = new HashMap<>();
  private final AlertEvaluator evaluator = new AlertEvaluator(clock, states::get);
  private static final Maintenance NONE = (boundary, at) -> false;

  private static final DownSample FAILED = new DownSample(true, true, List.of("p"), "status", true);
  private static final DownSample RECOVERING = new DownSample(true, true, List.of("p"), "status", false);
  private static final DownSample UP = new DownSample(true, false, List.of(), "", false);

  private static AlertConfig down() {
    return new AlertConfig("down", AlertConfig.Kind.DOWN, null, List.of("hook"), 2, 1, Duration.ZERO,
        Duration.ofMinutes(5), true);
  }

  private static BoundaryConfig boundary(String name, List<AlertConfig> alerts, String... dependsOn) {
    return new BoundaryConfig(name, name, "", true, DownWhen.ANY, 1, 1, List.of(AVAILABILITY), alerts, List.of(),
        "test:1", Owner.NONE, LatencyBandsConfig.DEFAULT, List.of(dependsOn));
  }

  private static VigilConfig config(BoundaryConfig... boundaries) {
    return TestConfigs.config(List.of(boundaries), List.of(), VigilConfig.HistogramsPer.PROBE);
  }

  private void state(String boundary, BoundaryState state) {
    states.put(boundary, new BoundaryView(null, state, clock.millis(), null, List.of()));
  }

  /** {@code firing}, {@code firing:held}, {@code reminder-1}, {@code resolved:held}... */
  private static List<String> messages(List<Transition> transitions) {
    return transitions.stream().map(t -> t.message() + (t.held() ? ":held" : "")).toList();
  }

  /**
   * Steps, one minute apart: {@code U=down|up|unknown} sets the upstream's state; {@code F} is an evaluation of
   * the downstream finding it down after a failed run, {@code R} down after a good run (recovering, its probes not
   * yet passing), {@code G} not down.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      upstream down first, both recover             | U=down F F U=up R G     | firing:held resolved:held
      downstream recovers while upstream still down | U=down F F G            | firing:held resolved:held
      upstream recovers first, downstream stays down| U=down F F U=up F F     | firing:held firing
      released incident resolves to its notifiers   | U=down F F U=up F F G   | firing:held firing resolved
      downstream down first pages at once           | F F U=down G            | firing resolved
      upstream down before the streak fires holds   | F U=down F              | firing:held
      a recovering run does not end the hold        | U=down F F U=up F R F   | firing:held firing
      upstream down again resets the count          | U=down F F U=up F U=down F U=up F | firing:held
      unknown upstream keeps the hold               | U=down F F U=unknown F F F | firing:held
      unknown upstream starts no hold               | U=unknown F F           | firing
      reminders wait while the upstream is down     | F F U=down +10m F +10m G | firing resolved
      reminders resume once it is back              | F F U=down +10m F U=up +1m F | firing reminder-1
      """)
  void holdsAndReleases(String name, String steps, String expected) {
    evaluator.configure(config(boundary("auth", List.of()), boundary("shop", List.of(down()), "auth")), NONE);
    state("auth", BoundaryState.UP);
    List<Transition> out = new ArrayList<>();
    for (String step : steps.trim().split("\\s+")) {
      clock.advance(Duration.ofMinutes(1));
      if (step.startsWith("+")) {
        clock.advance(Duration.parse("PT" + step.substring(1).toUpperCase()));
      } else if (step.startsWith("U=")) {
        state("auth", BoundaryState.valueOf(step.substring(2).toUpperCase()));
      } else {
        out.addAll(evaluator.observe("shop", switch (step) {
          case "F" -> FAILED;
          case "R" -> RECOVERING;
          default -> UP;
        }));
      }
    }
    assertThat(messages(out)).isEqualTo(List.of(expected.trim().split("\\s+")));
  }

  @Test
  void theReleasedMessageSaysWhatItWasCausedBy() {
    evaluator.configure(config(boundary("auth", List.of()), boundary("shop", List.of(down()), "auth")), NONE);
    state("auth", BoundaryState.DOWN);
    evaluator.observe("shop", FAILED);
    Transition held = evaluator.observe("shop", FAILED).get(0);
    assertThat(held.incident().causedBy()).containsExactly("auth");
    assertThat(evaluator.firing()).singleElement().satisfies(a -> {
      assertThat(a.held()).isTrue();
      assertThat(a.causedBy()).containsExactly("auth");
    });

    state("auth", BoundaryState.UP);
    evaluator.observe("shop", FAILED);
    Transition sent = evaluator.observe("shop", FAILED).get(0);

    assertThat(sent.held()).isFalse();
    assertThat(sent.notice().incident()).isEqualTo(held.notice().incident());
    assertThat(sent.notice().summary()).isEqualTo("shop is down");
    assertThat(sent.notice().description()).startsWith("Caused by auth (held while it was down); shop still fails "
        + "now that auth is back. 4 consecutive evaluations found shop down");
    assertThat(evaluator.firing()).singleElement().satisfies(a -> assertThat(a.held()).isFalse());
  }

  @Test
  void aChainHoldsEachLinkForItsOwnUpstream() {
    // a ← b ← c: c depends on b, b on a
    evaluator.configure(config(boundary("a", List.of()), boundary("b", List.of(down()), "a"),
        boundary("c", List.of(down()), "b")), NONE);
    state("a", BoundaryState.DOWN);
    state("b", BoundaryState.DOWN);
    evaluator.observe("b", FAILED);
    evaluator.observe("c", FAILED);
    assertThat(messages(evaluator.observe("b", FAILED))).containsExactly("firing:held");
    assertThat(messages(evaluator.observe("c", FAILED))).containsExactly("firing:held");
    assertThat(evaluator.firing()).extracting(FiringAlert::boundary, FiringAlert::causedBy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", List.of("a")),
            org.assertj.core.groups.Tuple.tuple("c", List.of("b")));

    clock.advance(Duration.ofMinutes(1));
    state("a", BoundaryState.UP);
    assertThat(evaluator.observe("c", FAILED)).as("b is still down: c stays held").isEmpty();
    assertThat(evaluator.observe("c", FAILED)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    state("b", BoundaryState.UP);
    assertThat(messages(evaluator.observe("b", UP))).containsExactly("resolved:held");
    assertThat(messages(evaluator.observe("c", RECOVERING))).isEmpty();
    assertThat(messages(evaluator.observe("c", UP))).containsExactly("resolved:held");
  }

  @Test
  void aHeldIncidentStaysHeldAcrossARestart() {
    VigilConfig config = config(boundary("auth", List.of()), boundary("shop", List.of(down()), "auth"));
    evaluator.configure(config, NONE);
    state("auth", BoundaryState.DOWN);
    evaluator.observe("shop", FAILED);
    AlertIncident held = evaluator.observe("shop", FAILED).get(0).incident();
    AlertIncident stored = AlertIncident.fromJson(held.toJson());
    assertThat(stored).isEqualTo(held);

    Map<String, BoundaryView> after = new HashMap<>();
    AlertEvaluator restarted = new AlertEvaluator(clock, after::get);
    restarted.restore(List.of(stored));
    assertThat(restarted.configure(config, NONE)).isEmpty();
    after.put("auth", new BoundaryView(null, BoundaryState.UNKNOWN, clock.millis(), null, List.of()));
    assertThat(restarted.observe("shop", FAILED)).as("auth not known yet").isEmpty();
    assertThat(restarted.observe("shop", FAILED)).isEmpty();
    after.put("auth", new BoundaryView(null, BoundaryState.UP, clock.millis(), null, List.of()));
    restarted.observe("shop", FAILED);

    assertThat(messages(restarted.observe("shop", FAILED))).containsExactly("firing");
  }

  @Test
  void aHeldBurnRatePageGoesOutOnceAFiringShortWindowLiesAfterTheUpstreamCameBack() {
    AlertConfig burn = new AlertConfig("burn", AlertConfig.Kind.BURN_RATE, "availability", List.of("oncall"), 3, 2,
        Duration.ZERO, null, true);
    VigilConfig config = config(boundary("auth", List.of()), boundary("shop", List.of(burn), "auth"));
    evaluator.configure(config, NONE);
    state("auth", BoundaryState.DOWN);
    assertThat(messages(evaluator.evaluate(AlertFixtures.snapshot(config, VECTOR_4, clock.instant()))))
        .containsExactly("firing:held");
    clock.advance(Duration.ofMinutes(5));
    state("auth", BoundaryState.UP);

    clock.advance(Duration.ofMinutes(29));
    assertThat(evaluator.evaluate(AlertFixtures.snapshot(config, VECTOR_4, clock.instant())))
        .as("vector 4 pages on the 6h/30m pair: its 30m window still reaches into the upstream's outage").isEmpty();
    clock.advance(Duration.ofMinutes(1));
    List<Transition> sent = evaluator.evaluate(AlertFixtures.snapshot(config, VECTOR_4, clock.instant()));
    assertThat(messages(sent)).containsExactly("firing");
    assertThat(sent.get(0).notice().description()).startsWith("Caused by auth");
    clock.advance(Duration.ofMinutes(1));
    assertThat(messages(evaluator.evaluate(AlertFixtures.snapshot(config, CALM, clock.instant()))))
        .containsExactly("resolved");
  }
}
