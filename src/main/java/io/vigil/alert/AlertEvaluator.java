package io.vigil.alert;

import io.vigil.alert.notify.Notice;
import io.vigil.boundary.BoundaryState;
import io.vigil.boundary.BoundaryView;
import io.vigil.boundary.Maintenance;
import io.vigil.change.ChangeEvent;
import io.vigil.change.ChangeEvents;
import io.vigil.config.AlertConfig;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.Durations;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.BurnRateVerdict;
import io.vigil.slo.ErrorBudget;
import io.vigil.slo.Severity;
import io.vigil.status.BoundaryStatus;
import io.vigil.status.SloStatus;
import io.vigil.status.StatusSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, at the injected clock's time, when each alert rule fires, repeats and resolves. Pure state: it reads
 * nothing and sends nothing; each call returns the {@link Transition}s to announce, in order.
 *
 * <ul>
 *   <li>A {@code burn_rate} rule is two alerts on its SLO's multiwindow, multi-burn-rate verdict: {@code page}
 *       while a page pair fires, {@code ticket} while a ticket pair fires. A ticket does not start, and is not
 *       repeated, while a page pair fires for the same SLO (a ticket that already fires stays until its own
 *       condition clears).
 *   <li>A {@code down} rule (severity page) holds once {@code after_failures} consecutive evaluations found the
 *       boundary down, and stops holding after {@code after_successes} consecutive good ones. Each probe result
 *       of the boundary is one evaluation; one that knows no probe's status counts neither way.
 *   <li>A condition must hold for {@code for} before the alert fires; a firing alert is repeated every
 *       {@code repeat_every} and resolves as soon as its condition stops holding.
 *   <li>During a maintenance window a rule with {@code silence_in_maintenance} starts no incident and sends no
 *       reminder; an incident already firing still resolves.
 *   <li>Dependencies ({@code depends_on}): an incident that fires while one of its boundary's upstreams is down
 *       is <em>held</em>: stored with the upstreams that caused it, nothing sent. If it resolves while held, its
 *       messages are never sent. The hold ends, and the first message goes out saying what it was caused by,
 *       once every upstream is out of down (up, degraded or in maintenance; unknown, as just after a restart,
 *       keeps the hold) and the boundary still fails on its own: a down rule after {@code after_failures}
 *       failing runs since, a burn-rate rule once a firing pair's short window lies wholly after the
 *       upstreams came back. A reminder is not sent while an upstream is down.
 *   <li>An incident that starts within 30 minutes after a change event of its boundary names it as the suspected
 *       change in every message ({@link ChangeEvents#suspect}, read when the incident starts).
 * </ul>
 *
 * <p>An incident is identified by {@code <boundary>:<alert>:<severity>:<start millis>}; it starts when its
 * condition first held (for down rules: at the first failing evaluation of the streak).
 */
final class AlertEvaluator {
  private final Clock clock;
  private final Function<String, BoundaryView> boundaries;
  private Map<String, Instance> instances = new LinkedHashMap<>();
  private Map<String, AlertIncident> restored = new LinkedHashMap<>();
  private Maintenance maintenance = Maintenance.NONE;
  private String location = "";
  private volatile Set<String> downBoundaries = Set.of();
  private volatile Function<String, List<ChangeEvent>> changes = boundary -> List.of();

  AlertEvaluator(Clock clock) {
    this(clock, name -> null);
  }

  /** @param boundaries the live view of a boundary by name (for {@code depends_on}), {@code null} if unknown */
  AlertEvaluator(Clock clock, Function<String, BoundaryView> boundaries) {
    this.clock = clock;
    this.boundaries = boundaries;
  }

  /** Where the change events of a boundary are read, to name an incident's suspected change in its messages. */
  void changesFrom(Function<String, List<ChangeEvent>> source) {
    this.changes = source;
  }

  /**
   * Where an alert's upstreams stand: those down now, whether all are out of down and known, and since when.
   */
  private record Upstreams(List<String> down, boolean clear, long clearSinceMillis) {
    static final Upstreams NONE = new Upstreams(List.of(), true, Long.MIN_VALUE);
  }

  private Upstreams upstreams(Instance in) {
    List<String> names = in.boundary.dependsOn();
    if (names.isEmpty()) {
      return Upstreams.NONE;
    }
    List<String> down = new ArrayList<>();
    boolean clear = true;
    long since = Long.MIN_VALUE;
    for (String name : names) {
      BoundaryView v = boundaries.apply(name);
      if (v == null) {
        continue;
      }
      if (v.state() == BoundaryState.DOWN) {
        down.add(name);
        clear = false;
      } else if (v.state() == BoundaryState.UNKNOWN) {
        clear = false;
      } else {
        since = Math.max(since, v.sinceMillis());
      }
    }
    return new Upstreams(List.copyOf(down), clear, since);
  }

  /** One alert: a rule at one severity, and where it stands. */
  private static final class Instance {
    final String key;
    final BoundaryConfig boundary;
    final AlertConfig rule;
    final Severity severity;
    int failures;
    int successes;
    long streakStart;
    boolean latched;
    DownSample lastSample = DownSample.UNKNOWN;
    /** Failing runs since every upstream came back, while a held down incident waits. */
    int ownFailures;
    long pendingSince = -1;
    AlertIncident firing;

    Instance(BoundaryConfig boundary, AlertConfig rule, Severity severity) {
      this.key = key(boundary.name(), rule.name(), severity);
      this.boundary = boundary;
      this.rule = rule;
      this.severity = severity;
    }

    boolean sameRule(Instance other) {
      return rule.kind() == other.rule.kind() && Objects.equals(rule.slo(), other.rule.slo());
    }

    /** Whether a stored incident was raised by a rule of this kind on this SLO. */
    boolean sameRule(Notice raised) {
      return kindLabel(rule.kind()).equals(raised.kind()) && Objects.equals(rule.slo(), raised.slo());
    }
  }

  static String kindLabel(AlertConfig.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  static String key(String boundary, String alert, Severity severity) {
    return boundary + ":" + alert + ":" + severity.label();
  }

  /**
   * Incidents that were firing when Vigil last stopped; they fire on (without being announced again) once
   * {@link #configure} finds their rule. Call before the first {@link #configure}.
   */
  synchronized void restore(List<AlertIncident> firing) {
    for (AlertIncident i : firing) {
      restored.put(i.alertKey(), i);
    }
  }

  /**
   * Takes the incidents of {@code boundaries} over from their previous owner: the stored ones ({@code stored},
   * those firing in the store) become the truth, replacing what this node's own evaluation made of the same
   * runs. The conditions (streaks, latches) stay, so an incident the previous owner never stored fires at the
   * next evaluation and one it stored but whose condition has ended resolves.
   */
  synchronized void adopt(Set<String> boundaries, List<AlertIncident> stored) {
    Map<String, AlertIncident> byKey = new HashMap<>();
    for (AlertIncident i : stored) {
      byKey.put(i.alertKey(), i);
    }
    for (Instance in : instances.values()) {
      if (boundaries.contains(in.boundary.name())) {
        AlertIncident s = byKey.get(in.key);
        in.firing = s != null && in.sameRule(s.notice()) ? s : null;
      }
    }
  }

  /**
   * Sets the rules. A rule that keeps its boundary, name, kind and SLO keeps its state; an incident whose rule
   * is gone (or changed kind or SLO) resolves, to the notifiers it was announced to.
   */
  synchronized List<Transition> configure(VigilConfig config, Maintenance schedule) {
    long now = clock.millis();
    Map<String, Instance> next = new LinkedHashMap<>();
    Set<String> down = new HashSet<>();
    for (BoundaryConfig b : config.boundaries()) {
      for (AlertConfig rule : b.alerts()) {
        List<Severity> severities = rule.kind() == AlertConfig.Kind.BURN_RATE
            ? List.of(Severity.PAGE, Severity.TICKET) : List.of(Severity.PAGE);
        if (rule.kind() == AlertConfig.Kind.DOWN) {
          down.add(b.name());
        }
        for (Severity s : severities) {
          Instance fresh = new Instance(b, rule, s);
          Instance old = instances.get(fresh.key);
          if (old != null && old.sameRule(fresh)) {
            fresh.failures = old.failures;
            fresh.successes = old.successes;
            fresh.streakStart = old.streakStart;
            fresh.latched = old.latched;
            fresh.lastSample = old.lastSample;
            fresh.pendingSince = old.pendingSince;
            fresh.ownFailures = old.ownFailures;
            fresh.firing = old.firing;
          } else if (restored.containsKey(fresh.key) && fresh.sameRule(restored.get(fresh.key).notice())) {
            fresh.firing = restored.remove(fresh.key);
            fresh.latched = true;
          }
          next.put(fresh.key, fresh);
        }
      }
    }
    List<Transition> out = new ArrayList<>();
    for (Instance old : instances.values()) {
      Instance kept = next.get(old.key);
      if (old.firing != null && (kept == null || kept.firing != old.firing)) {
        out.add(resolve(old.firing, now, "The alert rule was removed or changed.", null));
      }
    }
    for (AlertIncident orphan : restored.values()) {
      out.add(resolve(orphan, now, "The alert rule was removed or changed.", null));
    }
    restored = new LinkedHashMap<>();
    instances = next;
    maintenance = schedule;
    location = config.location();
    downBoundaries = Set.copyOf(down);
    return out;
  }

  /** Whether any down rule watches this boundary (cheap; no lock). */
  boolean watchesDown(String boundary) {
    return downBoundaries.contains(boundary);
  }

  /** One evaluation of a boundary's state for its down rules. */
  synchronized List<Transition> observe(String boundary, DownSample sample) {
    long now = clock.millis();
    List<Transition> out = new ArrayList<>();
    for (Instance in : instances.values()) {
      if (in.rule.kind() != AlertConfig.Kind.DOWN || !in.boundary.name().equals(boundary)) {
        continue;
      }
      if (sample.known()) {
        in.lastSample = sample;
        if (sample.down()) {
          if (in.failures == 0) {
            in.streakStart = now;
          }
          in.failures++;
          in.successes = 0;
        } else {
          in.successes++;
          in.failures = 0;
        }
        if (!in.latched && in.failures >= in.rule.afterFailures()) {
          in.latched = true;
        } else if (in.latched && in.successes >= in.rule.afterSuccesses()) {
          in.latched = false;
        }
        if (in.firing != null && in.firing.held()) {
          in.ownFailures = sample.down() && upstreams(in).clear() ? in.ownFailures + (sample.runFailed() ? 1 : 0) : 0;
        }
      }
      step(in, in.latched, silenced(in, now), now, out);
    }
    return out;
  }

  /**
   * Evaluates burn-rate rules against the snapshot's SLO verdicts, and lets time pass for every rule
   * ({@code for}, reminders). Call after each new snapshot.
   */
  synchronized List<Transition> evaluate(StatusSnapshot snapshot) {
    long now = clock.millis();
    List<Transition> out = new ArrayList<>();
    for (Instance in : instances.values()) {
      if (in.rule.kind() == AlertConfig.Kind.DOWN) {
        step(in, in.latched, silenced(in, now), now, out);
        continue;
      }
      BoundaryStatus b = snapshot.boundary(in.boundary.name());
      SloStatus slo = b == null ? null : b.slos().stream()
          .filter(s -> s.config().name().equals(in.rule.slo())).findFirst().orElse(null);
      if (slo == null) {
        continue;
      }
      BurnRateVerdict verdict = slo.verdict();
      boolean active = verdict.fires(in.severity);
      boolean silenced = silenced(in, now) || (in.severity == Severity.TICKET && verdict.fires(Severity.PAGE));
      step(in, active, silenced, now, out, slo);
    }
    return out;
  }

  private boolean silenced(Instance in, long now) {
    return in.rule.silenceInMaintenance() && maintenance.active(in.boundary.name(), Instant.ofEpochMilli(now));
  }

  private void step(Instance in, boolean active, boolean silenced, long now, List<Transition> out) {
    step(in, active, silenced, now, out, null);
  }

  /** Advances one alert: fire after {@code for}, repeat, or resolve. */
  private void step(Instance in, boolean active, boolean silenced, long now, List<Transition> out, SloStatus slo) {
    if (in.firing == null) {
      if (!active || silenced) {
        in.pendingSince = -1;
        return;
      }
      if (in.pendingSince < 0) {
        in.pendingSince = now;
      }
      if (now - in.pendingSince < in.rule.forDuration().toMillis()) {
        return;
      }
      long start = in.rule.kind() == AlertConfig.Kind.DOWN ? Math.min(in.streakStart, in.pendingSince)
          : in.pendingSince;
      Notice notice = firingNotice(in, start, slo);
      List<String> causes = upstreams(in).down();
      in.firing = new AlertIncident(in.key, notice, in.rule.notifiers(in.severity.label()), 0, now, causes, !causes.isEmpty());
      in.ownFailures = 0;
      out.add(new Transition(in.firing, notice, "firing", 0, in.firing.held()));
      return;
    }
    if (!active) {
      String description = in.rule.kind() == AlertConfig.Kind.DOWN
          ? in.boundary.title() + " is up again (" + in.successes + " consecutive good evaluations)."
          : "The error ratio is back under the " + in.severity.label() + " thresholds." + budgetSentence(slo);
      out.add(resolve(in.firing, now, description, budget(slo)));
      in.firing = null;
      in.pendingSince = -1;
      return;
    }
    Upstreams upstreams = upstreams(in);
    if (in.firing.held()) {
      if (!silenced && released(in, upstreams, now, slo)) {
        Notice first = in.firing.notice();
        String causes = String.join(", ", in.firing.causedBy());
        // said in the description, not the summary: public pages show the summary, an upstream may not be public
        String description = "Caused by " + causes + " (held while " + (in.firing.causedBy().size() == 1 ? "it was"
            : "they were") + " down); " + in.boundary.title() + " still fails now that " + causes
            + (in.firing.causedBy().size() == 1 ? " is" : " are") + " back. "
            + (in.rule.kind() == AlertConfig.Kind.DOWN ? downDescription(in) : burnDescription(in, slo));
        Notice announced = first.next(Notice.Status.FIRING, 0, null, description,
            slo == null ? first.budgetRemaining() : budget(slo));
        in.firing = in.firing.released(announced, now);
        out.add(new Transition(in.firing, announced, "firing", 0));
      }
      return;
    }
    Duration repeat = in.rule.repeatEvery();
    if (repeat != null && !silenced && upstreams.down().isEmpty()
        && now - in.firing.lastNotifiedMillis() >= repeat.toMillis()) {
      in.firing = in.firing.reminded(now);
      Notice first = in.firing.notice();
      String description = in.rule.kind() == AlertConfig.Kind.DOWN ? downDescription(in) : burnDescription(in, slo);
      Notice reminder = first.next(Notice.Status.FIRING, in.firing.reminders(), null, description,
          slo == null ? first.budgetRemaining() : budget(slo));
      out.add(new Transition(in.firing, reminder, "reminder-" + in.firing.reminders(), 0));
    }
  }

  /** Whether a held incident goes out now: its upstreams are back and it still fails on its own. */
  private static boolean released(Instance in, Upstreams upstreams, long now, SloStatus slo) {
    if (!upstreams.clear()) {
      return false;
    }
    if (in.rule.kind() == AlertConfig.Kind.DOWN) {
      return in.ownFailures >= in.rule.afterFailures();
    }
    if (slo == null) {
      return false;
    }
    for (BurnRateVerdict.PairVerdict v : slo.verdict().pairs()) {
      if (v.fires() && v.pair().severity() == in.severity
          && now - upstreams.clearSinceMillis() >= v.pair().shortWindow().toMillis()) {
        return true;
      }
    }
    return false;
  }

  /** The resolution; held (never sent) when the incident's first message was never sent either. */
  private Transition resolve(AlertIncident incident, long now, String description, BigDecimal budget) {
    Notice first = incident.notice();
    Notice resolved = first.next(Notice.Status.RESOLVED, incident.reminders(), Instant.ofEpochMilli(now),
        description, budget != null ? budget : first.budgetRemaining());
    return new Transition(incident, resolved, "resolved", now, incident.held());
  }

  private Notice firingNotice(Instance in, long start, SloStatus slo) {
    BoundaryConfig b = in.boundary;
    String incident = in.key + ":" + start;
    boolean burn = in.rule.kind() == AlertConfig.Kind.BURN_RATE;
    String summary = burn
        ? b.title() + ": SLO " + in.rule.slo() + " is burning its error budget"
            + (in.severity == Severity.PAGE ? " fast" : "")
        : b.title() + " is down";
    String objective = burn ? objective(b, in.rule.slo()) : null;
    return new Notice(incident, Notice.Status.FIRING, 0, b.name(), b.title(), b.isPublic(), in.rule.name(),
        kindLabel(in.rule.kind()), in.rule.slo(), objective, in.severity.label(), location,
        Instant.ofEpochMilli(start), null, summary, burn ? burnDescription(in, slo) : downDescription(in),
        burn ? budget(slo) : null, b.owner(),
        ChangeEvents.suspect(b.name(), start, changes.apply(b.name())).orElse(null));
  }

  private static String downDescription(Instance in) {
    DownSample s = in.lastSample;
    StringBuilder out = new StringBuilder();
    if (in.failures > 0) {
      out.append(in.failures).append(in.failures == 1 ? " evaluation" : " consecutive evaluations")
          .append(" found ").append(in.boundary.title()).append(" down");
    } else {
      out.append(in.boundary.title()).append(" is down");
    }
    if (!s.failing().isEmpty()) {
      out.append("; failing: ").append(String.join(", ", s.failing()));
    }
    if (!s.reason().isEmpty()) {
      out.append(" (latest reason: ").append(s.reason()).append(")");
    }
    return out.append('.').toString();
  }

  /** Each firing pair of the alert's severity, then the budget left. */
  private static String burnDescription(Instance in, SloStatus slo) {
    if (slo == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (BurnRateVerdict.PairVerdict v : slo.verdict().pairs()) {
      if (v.fires() && v.pair().severity() == in.severity) {
        BigDecimal threshold = v.pair().burn().errorRatio(ErrorBudget.of(slo.config()));
        parts.add("error ratio " + percent(v.longRatio()) + " over " + Durations.format(v.pair().longWindow())
            + " and " + percent(v.shortRatio()) + " over " + Durations.format(v.pair().shortWindow())
            + ", above " + number(v.pair().burn().value()) + "× the budget (" + percent(threshold) + ")");
      }
    }
    String pairs = parts.isEmpty() ? "" : String.join("; ", parts);
    if (!pairs.isEmpty()) {
      pairs = Character.toUpperCase(pairs.charAt(0)) + pairs.substring(1) + ".";
    }
    return (pairs + budgetSentence(slo)).trim();
  }

  private static String budgetSentence(SloStatus slo) {
    BigDecimal left = budget(slo);
    return left == null ? "" : " " + percent(left) + " of the error budget is left.";
  }

  private static BigDecimal budget(SloStatus slo) {
    return slo == null ? null : slo.budget().map(BudgetStatus::remaining).orElse(null);
  }

  private static String objective(BoundaryConfig b, String sloName) {
    for (SloConfig s : b.slos()) {
      if (s.name().equals(sloName)) {
        String target = number(s.target().movePointRight(2)) + "%";
        return target + s.sli().afterTarget() + " over " + s.window();
      }
    }
    return null;
  }

  /** A ratio as a percentage with up to three decimals: 0.0065 is {@code 0.65%}. */
  static String percent(BigDecimal ratio) {
    return number(ratio.movePointRight(2).setScale(3, RoundingMode.HALF_EVEN)) + "%";
  }

  private static String number(BigDecimal value) {
    BigDecimal v = value.setScale(Math.min(Math.max(value.scale(), 0), 4), RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
  }

  /** Alerts firing now, in rule order. */
  synchronized List<FiringAlert> firing() {
    List<FiringAlert> out = new ArrayList<>();
    for (Instance in : instances.values()) {
      if (in.firing != null) {
        Notice n = in.firing.notice();
        out.add(new FiringAlert(n.boundary(), n.boundaryTitle(), n.alert(), n.kind(), n.slo(), n.severity(),
            n.incident(), n.startsAt(), n.summary(), n.description(), in.firing.causedBy(), in.firing.held()));
      }
    }
    return out;
  }

  /** One alert's labels and whether it fires. */
  record Series(String boundary, String alert, String severity, boolean firing) {}

  /** Every alert, firing or not, for {@code vigil_alerts_firing}. */
  synchronized List<Series> series() {
    List<Series> out = new ArrayList<>();
    for (Instance in : instances.values()) {
      out.add(new Series(in.boundary.name(), in.rule.name(), in.severity.label(), in.firing != null));
    }
    return out;
  }
}
