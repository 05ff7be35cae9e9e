package io.vigil.alert;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vigil.alert.notify.Notifier;
import io.vigil.alert.notify.Notifiers;
import io.vigil.alert.notify.Poster;
import io.vigil.boundary.BoundaryTracker;
import io.vigil.boundary.BoundaryView;
import io.vigil.boundary.Maintenance;
import io.vigil.boundary.ProbeView;
import io.vigil.change.ChangeEvent;
import io.vigil.config.NotifierConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.ProbeResult;
import io.vigil.schedule.ResultSink;
import io.vigil.status.StatusSnapshot;
import io.vigil.store.AlertRecord;
import io.vigil.store.HistoryStore;
import io.vigil.store.OutboxEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting as the service runs it: evaluates the rules ({@link AlertEvaluator}) on every probe result (down
 * rules) and every status snapshot (burn-rate rules, {@code for}, reminders), stores each incident's state
 * together with one outbox entry per notifier and message before anything is sent, and delivers the outbox
 * ({@link Dispatcher}). Incidents firing when Vigil stops fire on after a restart without being announced again.
 *
 * <p>Threads: {@link #accept} runs on event loops and only queues writes; {@link #configure} and
 * {@link #evaluate} block briefly (the first {@code configure} reads the store) and belong on a worker.
 */
public final class AlertService implements ResultSink {
  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

  private final Vertx vertx;
  private final Clock clock;
  private final HistoryStore store;
  private final BoundaryTracker tracker;
  private final DeliveryTuning tuning;
  private final AlertEvaluator evaluator;
  private final Dispatcher dispatcher;
  private final WebClient client;
  private final AlertMetrics metrics;
  private volatile VigilConfig config;
  private boolean restored;
  /** The boundaries whose alerts this node stores and sends; null for all of them (one process). */
  private volatile Set<String> owned;

  /**
   * @param tracker live boundary state, read on each result for down rules
   * @param tuning retry, timeout and polling settings ({@link DeliveryTuning#DEFAULT} in production)
   * @param random jitter source, values in [0, 1)
   */
  public AlertService(Vertx vertx, Clock clock, HistoryStore store, BoundaryTracker tracker, DeliveryTuning tuning,
      DoubleSupplier random) {
    this.vertx = vertx;
    this.clock = clock;
    this.store = store;
    this.tracker = tracker;
    this.tuning = tuning;
    this.evaluator = new AlertEvaluator(clock, tracker::view);
    this.dispatcher = new Dispatcher(vertx, clock, store, tuning,
        new Backoff(tuning.firstRetry(), tuning.maxRetry(), random));
    this.client = WebClient.create(vertx, Poster.clientOptions(tuning.sendTimeout()));
    this.metrics = new AlertMetrics(evaluator, dispatcher, () -> config == null ? "" : config.location(),
        b -> owned == null || owned.contains(b));
  }

  /** Where the change events of a boundary are read, for the suspected change in an incident's messages. */
  public void changesFrom(Function<String, List<ChangeEvent>> source) {
    evaluator.changesFrom(source);
  }

  /**
   * Applies a validated configuration: rules, notifiers, expiry. Rules that stay keep their state; incidents of
   * rules that are gone resolve. The first call also resumes the incidents that were firing when Vigil last
   * stopped (reading the store: call it on a worker).
   */
  public void configure(VigilConfig next, Maintenance maintenance) {
    List<AlertIncident> firing = new ArrayList<>();
    boolean first;
    synchronized (this) {
      first = !restored;
    }
    if (first) {
      for (AlertRecord r : store.firingAlerts()) {
        try {
          firing.add(AlertIncident.fromJson(r.state()));
        } catch (IllegalArgumentException e) {
          LOG.warn("alert incident {} cannot be resumed: {}", r.incident(), e.getMessage());
        }
      }
    }
    Poster poster = new Poster(client, tuning.sendTimeout(), next.redactor());
    Map<String, Notifier> notifiers = new LinkedHashMap<>();
    for (NotifierConfig n : next.notifiers()) {
      notifiers.put(n.name(), Notifiers.create(n, next.publicUrl(), poster, vertx));
    }
    synchronized (this) {
      if (first && !restored) {
        evaluator.restore(firing);
        restored = true;
      }
      config = next;
      dispatcher.configure(notifiers, next.redactor());
      record(evaluator.configure(next, maintenance));
    }
  }

  /**
   * Sets the boundaries this node owns in a cluster: every node evaluates every boundary's rules, only the owner
   * stores their incidents and sends their notifications. A boundary gained takes the stored state of its
   * incidents as the truth (reading the store: call it on a worker), so that what the previous owner announced is
   * not announced again and what it never stored is announced now.
   */
  public void own(Set<String> boundaries) {
    Set<String> before = owned;
    owned = Set.copyOf(boundaries);
    dispatcher.deliverOnly(owned);
    if (before == null) {
      return;
    }
    Set<String> gained = new HashSet<>(boundaries);
    gained.removeAll(before);
    if (gained.isEmpty()) {
      return;
    }
    List<AlertIncident> stored = new ArrayList<>();
    for (AlertRecord r : store.firingAlerts()) {
      try {
        stored.add(AlertIncident.fromJson(r.state()));
      } catch (IllegalArgumentException e) {
        LOG.warn("alert incident {} cannot be taken over: {}", r.incident(), e.getMessage());
      }
    }
    synchronized (this) {
      evaluator.adopt(gained, stored);
    }
    dispatcher.wake();
  }

  /** Starts delivering the outbox (call once, after the first {@link #configure}). */
  public void start() {
    dispatcher.start();
  }

  /**
   * Stops delivering: no new attempt starts; completes when attempts under way have ended (bounded by the send
   * timeout). Call before the store closes, so their outcome is written.
   */
  public Future<Void> stop() {
    return dispatcher.stop().andThen(ignored -> client.close());
  }

  /** One evaluation of the result's boundary for its down rules. Quick; safe on an event loop. */
  @Override
  public void accept(ProbeConfig probe, ProbeResult result) {
    String boundary = probe.boundary();
    if (!probe.counts() || !evaluator.watchesDown(boundary)) {
      return;
    }
    BoundaryView view = tracker.view(boundary);
    if (view == null) {
      return;
    }
    DownSample sample = sample(view, !result.good());
    synchronized (this) {
      record(evaluator.observe(boundary, sample));
    }
  }

  /** Evaluates burn-rate rules on a new snapshot and lets time pass for all rules; call after each refresh. */
  public void evaluate(StatusSnapshot snapshot) {
    synchronized (this) {
      record(evaluator.evaluate(snapshot));
    }
  }

  /** Alerts firing now, in rule order (every boundary; public paths show only public boundaries' alerts). */
  public List<FiringAlert> firing() {
    return evaluator.firing();
  }

  /** The alerting series for {@code /metrics}. */
  public MultiCollector metrics() {
    return metrics;
  }

  /** Notifications neither delivered nor expired, as of the last delivery pass. */
  public int queueDepth() {
    return dispatcher.depth();
  }

  /** The boundary's probes' thresholded statuses against its {@code down_when}, after a run that failed or not. */
  static DownSample sample(BoundaryView view, boolean runFailed) {
    int known = 0;
    List<String> failing = new ArrayList<>();
    String reason = "";
    long latest = Long.MIN_VALUE;
    for (ProbeView p : view.probes()) {
      if ("unknown".equals(p.status()) || !p.config().counts()) {
        continue;
      }
      known++;
      if ("failing".equals(p.status())) {
        failing.add(p.config().name());
        ProbeResult last = p.last();
        if (last != null && last.reason() != null && last.startedAtMillis() > latest) {
          latest = last.startedAtMillis();
          reason = last.reason().label();
        }
      }
    }
    if (known == 0) {
      return DownSample.UNKNOWN;
    }
    return new DownSample(true, view.config().downWhen().isDown(failing.size(), known), List.copyOf(failing),
        reason, runFailed);
  }

  /**
   * Queues each transition's incident state with its outbox entries (one transaction), then wakes delivery. A held
   * transition stores the incident (held, with its causes) and no entry: it is recorded, never sent.
   */
  private void record(List<Transition> transitions) {
    if (transitions.isEmpty()) {
      return;
    }
    long now = clock.millis();
    long expires = now + config.notificationExpiry().toMillis();
    Set<String> mine = owned;
    for (Transition t : transitions) {
      if (mine != null && !mine.contains(t.notice().boundary())) {
        continue; // its owner stores and sends it
      }
      AlertIncident incident = t.incident();
      String payload = t.notice().toJson();
      List<OutboxEntry> entries = new ArrayList<>();
      for (String notifier : t.held() ? List.<String>of() : incident.notifiers()) {
        entries.add(OutboxEntry.of(incident.id() + "/" + t.message() + "/" + notifier, incident.id(), notifier,
            payload, now, expires));
      }
      store.saveAlert(new AlertRecord(incident.id(), incident.alertKey(), incident.startedMillis(),
          t.resolvedMillis(), incident.toJson()), entries);
      LOG.info("alert {} {}: {} ({})", incident.alertKey(), t.message(),
          t.notice().firing() ? t.notice().summary() : t.notice().description(),
          t.held() ? "held, caused by " + String.join(", ", incident.causedBy()) + "; not sent"
              : "notifying " + (incident.notifiers().isEmpty() ? "nobody" : String.join(", ", incident.notifiers())));
    }
    dispatcher.wake();
  }
}
