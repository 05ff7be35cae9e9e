package io.vigil.alert;

import static io.vigil.alert.AlertFixtures.AVAILABILITY;
import static io.vigil.alert.AlertFixtures.CALM;
import static io.vigil.alert.AlertFixtures.TICKET_ONLY;
import static io.vigil.alert.AlertFixtures.VECTOR_4;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alert.notify.Notice;
import io.vigil.boundary.Maintenance;
import io.vigil.config.AlertConfig;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.VigilConfig;
import io.vigil.slo.BurnRateVerdict;
import io.vigil.slo.Severity;
import io.vigil.status.StatusSnapshot;
import io.vigil.testing.ManualClock;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alert rules driven by an injected clock: burn-rate alerts from real multiwindow, multi-burn-rate verdicts
 * (SLO-MATH §7 vector 4 and neighbours), {@code for}, reminders, maintenance, down streaks, reload and resuming
 * after a restart.
 */
class AlertEvaluatorTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private final ManualClock clock = new ManualClock(T0);
  private final AlertEvaluator evaluator = new AlertEvaluator(clock);
  private boolean inMaintenance;
  private final Maintenance maintenance = (boundary, at) -> inMaintenance;

  private static AlertConfig burn(Duration forDuration, Duration repeat, boolean silence) {
    return new AlertConfig("burn", AlertConfig.Kind.BURN_RATE, "availability", List.of("oncall"), 3, 2, forDuration,
        repeat, silence);
  }

  private static AlertConfig down(int failures, int successes, Duration forDuration) {
    return new AlertConfig("down", AlertConfig.Kind.DOWN, null, List.of("chat", "hook"), failures, successes,
        forDuration, null, true);
  }

  private static BoundaryConfig boundary(AlertConfig... alerts) {
    return new BoundaryConfig("shop", "Shop", "", true, DownWhen.ANY, 1, 1, List.of(AVAILABILITY), List.of(alerts),
        List.of(), "test:1");
  }

  private static VigilConfig config(AlertConfig... alerts) {
    return TestConfigs.config(List.of(boundary(alerts)), List.of(), VigilConfig.HistogramsPer.PROBE);
  }

  private StatusSnapshot snapshot(Map<Duration, BigDecimal> ratios) {
    return AlertFixtures.snapshot(config(), ratios, clock.instant());
  }

  private static final DownSample DOWN = new DownSample(true, true, List.of("home"), "status");
  private static final DownSample UP = new DownSample(true, false, List.of(), "");

  private static List<String> messages(List<Transition> transitions) {
    return transitions.stream().map(t -> t.incident().alertKey() + " " + t.message()).toList();
  }

  @Test
  void vectorFourPagesOnTheSlowPairAndSuppressesTheTicket() {
    evaluator.configure(config(burn(Duration.ZERO, null, true)), maintenance);
    StatusSnapshot s = snapshot(VECTOR_4);
    BurnRateVerdict verdict = s.boundaries().get(0).slos().get(0).verdict();
    assertThat(verdict.fires(Severity.TICKET)).as("the ticket condition holds").isTrue();
    assertThat(verdict.ticketSuppressed()).isTrue();

    List<Transition> t = evaluator.evaluate(s);

    assertThat(messages(t)).containsExactly("shop:burn:page firing");
    Notice n = t.get(0).notice();
    assertThat(n.incident()).isEqualTo("shop:burn:page:" + T0.toEpochMilli());
    assertThat(n.severity()).isEqualTo("page");
    assertThat(n.startsAt()).isEqualTo(T0);
    assertThat(n.endsAt()).isNull();
    assertThat(n.summary()).isEqualTo("Shop: SLO availability is burning its error budget fast");
    assertThat(n.description()).isEqualTo("Error ratio 0.7% over 6h and 0.65% over 30m, above 6× the budget "
        + "(0.6%). 42.1% of the error budget is left.");
    assertThat(n.objective()).isEqualTo("99.9% over 30d");
    assertThat(n.budgetRemaining()).isEqualByComparingTo("0.421");
    assertThat(t.get(0).incident().notifiers()).containsExactly("oncall");
    assertThat(evaluator.series()).containsExactly(
        new AlertEvaluator.Series("shop", "burn", "page", true),
        new AlertEvaluator.Series("shop", "burn", "ticket", false));

    clock.advance(Duration.ofMinutes(1));
    assertThat(evaluator.evaluate(snapshot(VECTOR_4))).as("no second message while it fires").isEmpty();
    assertThat(evaluator.firing()).extracting(FiringAlert::severity).containsExactly("page");
  }

  @Test
  void aNotifyMapSendsEachSeverityToItsOwnNotifiers() {
    AlertConfig routed = new AlertConfig("burn", AlertConfig.Kind.BURN_RATE, "availability", List.of("oncall", "mail"),
        3, 2, Duration.ZERO, null, true, Map.of("page", List.of("oncall"), "ticket", List.of("mail")));
    evaluator.configure(config(routed), maintenance);

    assertThat(evaluator.evaluate(snapshot(VECTOR_4))).singleElement()
        .satisfies(t -> assertThat(t.incident().notifiers()).containsExactly("oncall"));
    clock.advance(Duration.ofMinutes(10));
    assertThat(evaluator.evaluate(snapshot(TICKET_ONLY))).extracting(t -> t.message() + " " + t.notice().severity()
        + " " + t.incident().notifiers()).containsExactly("resolved page [oncall]", "firing ticket [mail]");
  }

  @Test
  void ticketStartsWhenThePageStopsAndEachResolvesOnItsOwn() {
    evaluator.configure(config(burn(Duration.ZERO, null, true)), maintenance);
    evaluator.evaluate(snapshot(VECTOR_4));
    clock.advance(Duration.ofMinutes(10));

    List<Transition> t = evaluator.evaluate(snapshot(TICKET_ONLY));

    assertThat(messages(t)).containsExactly("shop:burn:page resolved", "shop:burn:ticket firing");
    assertThat(t.get(0).notice().endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(t.get(0).notice().incident()).isEqualTo("shop:burn:page:" + T0.toEpochMilli());
    assertThat(t.get(0).resolvedMillis()).isEqualTo(clock.millis());
    assertThat(t.get(1).notice().summary()).isEqualTo("Shop: SLO availability is burning its error budget");
    assertThat(t.get(1).notice().description()).startsWith("Error ratio 0.12% over 3d and 0.12% over 6h, above 1×");

    clock.advance(Duration.ofMinutes(10));
    assertThat(messages(evaluator.evaluate(snapshot(CALM)))).containsExactly("shop:burn:ticket resolved");
    assertThat(evaluator.firing()).isEmpty();
  }

  @Test
  void aFiringTicketIsNotResolvedWhenAPageStartsButIsNotRepeatedWhileItFires() {
    evaluator.configure(config(burn(Duration.ZERO, Duration.ofHours(1), true)), maintenance);
    assertThat(messages(evaluator.evaluate(snapshot(TICKET_ONLY)))).containsExactly("shop:burn:ticket firing");
    clock.advance(Duration.ofMinutes(30));
    assertThat(messages(evaluator.evaluate(snapshot(VECTOR_4)))).containsExactly("shop:burn:page firing");
    clock.advance(Duration.ofMinutes(40));

    assertThat(messages(evaluator.evaluate(snapshot(VECTOR_4)))).as("the page is due no reminder yet; the ticket "
        + "is due one but suppressed").isEmpty();
    clock.advance(Duration.ofMinutes(30));
    assertThat(messages(evaluator.evaluate(snapshot(VECTOR_4)))).containsExactly("shop:burn:page reminder-1");
  }

  @Test
  void forDelaysFiringUntilTheConditionHeldThatLongWithoutABreak() {
    evaluator.configure(config(burn(Duration.ofMinutes(2), null, true)), maintenance);
    assertThat(evaluator.evaluate(snapshot(VECTOR_4))).isEmpty();
    clock.advance(Duration.ofSeconds(90));
    assertThat(evaluator.evaluate(snapshot(CALM))).as("a break resets the wait").isEmpty();
    clock.advance(Duration.ofSeconds(30));
    Instant restart = clock.instant();
    assertThat(evaluator.evaluate(snapshot(VECTOR_4))).isEmpty();
    clock.advance(Duration.ofSeconds(119));
    assertThat(evaluator.evaluate(snapshot(VECTOR_4))).isEmpty();
    clock.advance(Duration.ofSeconds(1));

    List<Transition> t = evaluator.evaluate(snapshot(VECTOR_4));

    assertThat(messages(t)).containsExactly("shop:burn:page firing");
    assertThat(t.get(0).notice().startsAt()).as("the incident began when the condition began").isEqualTo(restart);
  }

  @Test
  void remindersRepeatEveryIntervalWhileFiringButNotDuringMaintenance() {
    evaluator.configure(config(burn(Duration.ZERO, Duration.ofHours(1), true)), maintenance);
    evaluator.evaluate(snapshot(VECTOR_4));
    clock.advance(Duration.ofMinutes(59));
    assertThat(evaluator.evaluate(snapshot(VECTOR_4))).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    List<Transition> first = evaluator.evaluate(snapshot(VECTOR_4));
    clock.advance(Duration.ofHours(1));
    List<Transition> second = evaluator.evaluate(snapshot(VECTOR_4));
    clock.advance(Duration.ofHours(1));
    inMaintenance = true;
    assertThat(evaluator.evaluate(snapshot(VECTOR_4))).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    inMaintenance = false;
    List<Transition> third = evaluator.evaluate(snapshot(VECTOR_4));

    assertThat(messages(first)).containsExactly("shop:burn:page reminder-1");
    assertThat(messages(second)).containsExactly("shop:burn:page reminder-2");
    assertThat(messages(third)).containsExactly("shop:burn:page reminder-3");
    assertThat(third.get(0).notice().reminder()).isEqualTo(3);
    assertThat(third.get(0).notice().incident()).isEqualTo(first.get(0).notice().incident());
    assertThat(third.get(0).notice().status()).isEqualTo(Notice.Status.FIRING);
  }

  @Test
  void maintenanceStartsNoIncidentButAFiringOneStillResolves() {
    evaluator.configure(config(burn(Duration.ZERO, null, true)), maintenance);
    inMaintenance = true;
    assertThat(evaluator.evaluate(snapshot(VECTOR_4))).isEmpty();
    inMaintenance = false;
    clock.advance(Duration.ofMinutes(1));
    assertThat(messages(evaluator.evaluate(snapshot(VECTOR_4)))).containsExactly("shop:burn:page firing");
    inMaintenance = true;
    clock.advance(Duration.ofMinutes(1));
    assertThat(messages(evaluator.evaluate(snapshot(CALM)))).containsExactly("shop:burn:page resolved");
  }

  @Test
  void aRuleNotSilencedInMaintenanceFiresDuringIt() {
    evaluator.configure(config(burn(Duration.ZERO, null, false)), maintenance);
    inMaintenance = true;

    assertThat(messages(evaluator.evaluate(snapshot(VECTOR_4)))).containsExactly("shop:burn:page firing");
  }

  @Test
  void downFiresAfterConsecutiveFailingEvaluationsAndResolvesAfterConsecutiveGoodOnes() {
    evaluator.configure(config(down(3, 2, Duration.ZERO)), maintenance);
    assertThat(evaluator.observe("shop", DOWN)).isEmpty();
    assertThat(evaluator.observe("shop", DOWN)).isEmpty();
    assertThat(evaluator.observe("shop", UP)).as("a good evaluation breaks the streak").isEmpty();
    Instant streak = clock.instant().plusSeconds(10);
    clock.set(streak);
    assertThat(evaluator.observe("shop", DOWN)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(evaluator.observe("shop", DownSample.UNKNOWN)).as("knowing nothing counts neither way").isEmpty();
    assertThat(evaluator.observe("shop", DOWN)).isEmpty();
    clock.advance(Duration.ofSeconds(10));

    List<Transition> fired = evaluator.observe("shop", DOWN);

    assertThat(messages(fired)).containsExactly("shop:down:page firing");
    Notice n = fired.get(0).notice();
    assertThat(n.startsAt()).as("the incident began with the streak").isEqualTo(streak);
    assertThat(n.summary()).isEqualTo("Shop is down");
    assertThat(n.description()).isEqualTo("3 consecutive evaluations found Shop down; failing: home "
        + "(latest reason: status).");
    assertThat(n.kind()).isEqualTo("down");
    assertThat(n.slo()).isNull();
    assertThat(fired.get(0).incident().notifiers()).containsExactly("chat", "hook");

    assertThat(evaluator.observe("shop", UP)).isEmpty();
    assertThat(evaluator.observe("shop", DOWN)).as("a failure restarts the recovery count").isEmpty();
    assertThat(evaluator.observe("shop", UP)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    List<Transition> resolved = evaluator.observe("shop", UP);
    assertThat(messages(resolved)).containsExactly("shop:down:page resolved");
    assertThat(resolved.get(0).notice().incident()).isEqualTo(n.incident());
    assertThat(resolved.get(0).notice().description()).isEqualTo("Shop is up again (2 consecutive good "
        + "evaluations).");
    assertThat(evaluator.observe("other", DOWN)).isEmpty();
  }

  @Test
  void downWithForFiresAsTimePassesEvenWithoutNewResults() {
    evaluator.configure(config(down(1, 1, Duration.ofMinutes(1))), maintenance);
    assertThat(evaluator.observe("shop", DOWN)).isEmpty();
    clock.advance(Duration.ofSeconds(59));
    assertThat(evaluator.evaluate(snapshot(CALM))).isEmpty();
    clock.advance(Duration.ofSeconds(1));

    assertThat(messages(evaluator.evaluate(snapshot(CALM)))).containsExactly("shop:down:page firing");
  }

  @Test
  void reloadKeepsFiringIncidentsOfKeptRulesAndResolvesThoseOfRemovedRules() {
    evaluator.configure(config(down(1, 1, Duration.ZERO), burn(Duration.ZERO, null, true)), maintenance);
    evaluator.observe("shop", DOWN);
    evaluator.evaluate(snapshot(VECTOR_4));
    assertThat(evaluator.firing()).hasSize(2);

    assertThat(evaluator.configure(config(down(5, 5, Duration.ZERO), burn(Duration.ZERO, null, true)), maintenance))
        .isEmpty();
    clock.advance(Duration.ofMinutes(3));
    List<Transition> t = evaluator.configure(config(burn(Duration.ZERO, null, true)), maintenance);

    assertThat(messages(t)).containsExactly("shop:down:page resolved");
    assertThat(t.get(0).notice().endsAt()).isEqualTo(clock.instant());
    assertThat(t.get(0).notice().description()).isEqualTo("The alert rule was removed or changed.");
    assertThat(t.get(0).incident().notifiers()).containsExactly("chat", "hook");
    assertThat(evaluator.firing()).extracting(FiringAlert::alert).containsExactly("burn");
  }

  @Test
  void incidentsResumedAfterARestartFireOnUnannouncedAndResolveToTheirNotifiers() {
    evaluator.configure(config(down(1, 1, Duration.ZERO)), maintenance);
    AlertIncident before = evaluator.observe("shop", DOWN).get(0).incident();
    AlertIncident stored = AlertIncident.fromJson(before.toJson());
    assertThat(stored).isEqualTo(before);

    AlertEvaluator restarted = new AlertEvaluator(clock);
    restarted.restore(List.of(stored));
    assertThat(restarted.configure(config(down(1, 1, Duration.ZERO)), maintenance)).isEmpty();
    assertThat(restarted.observe("shop", DOWN)).as("still down: nothing new to say").isEmpty();
    assertThat(restarted.firing()).extracting(FiringAlert::incident).containsExactly(before.id());
    List<Transition> resolved = restarted.observe("shop", UP);

    assertThat(messages(resolved)).containsExactly("shop:down:page resolved");
    assertThat(resolved.get(0).notice().incident()).isEqualTo(before.id());
    assertThat(resolved.get(0).incident().notifiers()).containsExactly("chat", "hook");

    AlertEvaluator ruleGone = new AlertEvaluator(clock);
    ruleGone.restore(List.of(stored));
    assertThat(messages(ruleGone.configure(config(), maintenance))).containsExactly("shop:down:page resolved");

    AlertEvaluator kindChanged = new AlertEvaluator(clock);
    kindChanged.restore(List.of(stored));
    AlertConfig burnNamedDown = new AlertConfig("down", AlertConfig.Kind.BURN_RATE, "availability", List.of(), 3, 2,
        Duration.ZERO, null, true);
    assertThat(messages(kindChanged.configure(config(burnNamedDown), maintenance)))
        .containsExactly("shop:down:page resolved");
    assertThat(kindChanged.firing()).isEmpty();
  }
}
