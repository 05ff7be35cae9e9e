package io.vigil.boundary;

import io.vigil.config.BoundaryConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.incident.Incident;
import io.vigil.probe.ProbeResult;
import io.vigil.schedule.ResultSink;
import io.vigil.store.HistoryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every boundary's live state from its probes' results (thresholded), opens and closes incidents and
 * stores them, and tells listeners (alerting, logs) about state changes. {@link #tick} must be called about
 * once a second so that silent probes turn unknown and maintenance windows start and end on time.
 */
public final class BoundaryTracker implements ResultSink {
  private static final Logger LOG = LoggerFactory.getLogger(BoundaryTracker.class);

  private final Clock clock;
  private final HistoryStore store;
  private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, BoundaryMonitor> monitors = Map.of();
  private volatile Maintenance maintenance = Maintenance.NONE;
  /** The boundaries whose incidents this node writes; null for all of them (one process). */
  private volatile Set<String> owned;
  private final Map<String, Deque<Incident>> recent = new ConcurrentHashMap<>();
  static final int RECENT_INCIDENTS = 200;
  static final long RECENT_MILLIS = 90L * 86_400_000;

  public BoundaryTracker(Clock clock, HistoryStore store) {
    this.clock = clock;
    this.store = store;
  }

  public void onStateChange(Consumer<StateChange> listener) {
    listeners.add(listener);
  }

  /**
   * Sets the boundaries to track. Unchanged probes keep their streaks; boundaries keep their open incident. A
   * boundary tracked for the first time (at start-up or added by a reload) resumes the incident an earlier run
   * of Vigil left open.
   */
  public synchronized void configure(VigilConfig config, Maintenance schedule) {
    Map<String, List<ProbeConfig>> byBoundary = config.probesByBoundary();
    Map<String, BoundaryMonitor> old = monitors;
    Map<String, BoundaryMonitor> next = new LinkedHashMap<>();
    long now = clock.millis();
    List<Incident> stillOpen = null;
    for (BoundaryConfig b : config.boundaries()) {
      BoundaryMonitor previous = old.get(b.name());
      boolean same = previous != null && previous.config.sameDefinition(b);
      BoundaryMonitor m = new BoundaryMonitor(b, byBoundary.getOrDefault(b.name(), List.of()),
          same ? previous.probes() : Map.of(), same ? previous.elsewhere() : Map.of(), config.location(), now);
      if (previous != null) {
        Incident open = previous.view().openIncident();
        if (open != null) {
          m.resume(open);
        }
      } else {
        stillOpen = stillOpen == null ? store.openIncidents() : stillOpen;
        for (Incident open : stillOpen) {
          if (open.boundary().equals(b.name())) {
            m.resume(open);
          }
        }
      }
      next.put(b.name(), m);
    }
    for (BoundaryConfig b : config.boundaries()) {
      recent.computeIfAbsent(b.name(), name -> {
        Deque<Incident> d = new ArrayDeque<>();
        List<Incident> stored = store.incidents(name, now - RECENT_MILLIS, now + 1);
        for (int i = 0; i < Math.min(stored.size(), RECENT_INCIDENTS); i++) {
          d.addLast(stored.get(i));
        }
        return d;
      });
    }
    recent.keySet().retainAll(next.keySet());
    this.maintenance = schedule;
    this.monitors = next;
  }

  @Override
  public void accept(ProbeConfig probe, ProbeResult result) {
    accept(probe, null, result);
  }

  /** Records a run made at {@code location} (another node's, in a cluster; null for this node's own). */
  public void accept(ProbeConfig probe, String location, ProbeResult result) {
    BoundaryMonitor m = monitors.get(probe.boundary());
    if (m != null) {
      long now = clock.millis();
      apply(m, m.record(probe, location, result, now,
          maintenance.active(probe.boundary(), Instant.ofEpochMilli(now))), now);
    }
  }

  /** Expires silent probes and applies maintenance windows; call about once a second. */
  public void tick() {
    long now = clock.millis();
    Instant at = Instant.ofEpochMilli(now);
    for (BoundaryMonitor m : monitors.values()) {
      apply(m, m.tick(now, maintenance.active(m.config.name(), at)), now);
    }
  }

  /** Marks a boundary degraded while one of its latency SLOs burns budget (set by SLO evaluation). */
  public void latencyBurning(String boundary, boolean burning) {
    BoundaryMonitor m = monitors.get(boundary);
    if (m != null) {
      m.latencyBurning(burning);
    }
  }

  /**
   * Sets the boundaries this node owns in a cluster that shares its history: every node keeps every boundary's
   * state and incidents from every location's runs, only the owner writes them. A boundary gained has its open
   * incident written at once (the previous owner may have died before it could).
   */
  public void own(Set<String> boundaries) {
    Set<String> before = owned;
    owned = Set.copyOf(boundaries);
    for (BoundaryMonitor m : monitors.values()) {
      Incident open = m.view().openIncident();
      if (open != null && before != null && !before.contains(m.config.name()) && boundaries.contains(m.config.name())) {
        store.saveIncident(open);
      }
    }
  }

  private void apply(BoundaryMonitor m, BoundaryMonitor.Change change, long now) {
    if (change.incident() != null) {
      Set<String> mine = owned;
      if (mine == null || mine.contains(m.config.name())) {
        store.saveIncident(change.incident());
      }
      remember(change.incident());
    }
    if (change.stateChanged()) {
      if (change.from() != BoundaryState.UNKNOWN || change.to() != BoundaryState.UP) {
        LOG.info("boundary {} is {} (was {})", m.config.name(), change.to().label(), change.from().label());
      }
      StateChange event = new StateChange(m.config.name(), change.from(), change.to(), now);
      for (Consumer<StateChange> l : listeners) {
        l.accept(event);
      }
    }
  }

  private void remember(Incident incident) {
    Deque<Incident> d = recent.get(incident.boundary());
    if (d == null) {
      return;
    }
    synchronized (d) {
      d.removeIf(i -> i.id().equals(incident.id()));
      d.addFirst(incident);
      while (d.size() > RECENT_INCIDENTS) {
        d.removeLast();
      }
    }
  }

  /** Incidents of the last 90 days (at most 200), newest first, the open one included. */
  public List<Incident> incidents(String boundary) {
    Deque<Incident> d = recent.get(boundary);
    if (d == null) {
      return List.of();
    }
    long oldest = clock.millis() - RECENT_MILLIS;
    synchronized (d) {
      return d.stream().filter(i -> i.open() || i.endMillis() >= oldest).toList();
    }
  }

  public List<BoundaryView> views() {
    List<BoundaryView> out = new ArrayList<>();
    for (BoundaryMonitor m : monitors.values()) {
      out.add(m.view());
    }
    return out;
  }

  public BoundaryView view(String boundary) {
    BoundaryMonitor m = monitors.get(boundary);
    return m == null ? null : m.view();
  }

  Map<String, BoundaryMonitor> monitors() {
    return new HashMap<>(monitors);
  }
}
