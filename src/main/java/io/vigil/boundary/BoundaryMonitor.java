package io.vigil.boundary;

import io.vigil.boundary.ProbeHealth.Status;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.incident.Incident;
import io.vigil.probe.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live state of one boundary from its probes' thresholded states, and its incidents: a span during which
 * the state was down opens when the state turns down and closes when it turns up or degraded. Unknown or
 * maintenance in between do not close an incident. Thread-safe (results arrive on several event loops).
 */
final class BoundaryMonitor {
  final BoundaryConfig config;
  private final Map<String, ProbeHealth> probes = new LinkedHashMap<>();
  private BoundaryState state = BoundaryState.UNKNOWN;
  private long sinceMillis;
  private boolean latencyBurning;
  private int known;
  private int failing;
  private Incident incident;
  private final Set<String> incidentProbes = new LinkedHashSet<>();

  BoundaryMonitor(BoundaryConfig config, List<ProbeConfig> probeConfigs, Map<String, ProbeHealth> carried,
      long nowMillis) {
    this.config = config;
    this.sinceMillis = nowMillis;
    for (ProbeConfig p : probeConfigs) {
      ProbeHealth old = carried.get(p.name());
      probes.put(p.name(), old != null && old.config.sameDefinition(p) && old.config.role() == p.role() ? old
          : new ProbeHealth(p, config.failuresBeforeDown(), config.successesBeforeUp()));
    }
    for (ProbeHealth h : probes.values()) {
      if (h.config.counts()) {
        count(Status.UNKNOWN, h.status());
      }
    }
  }

  /** What changed in one evaluation: the new state if it changed, and the incident to persist if any. */
  record Change(BoundaryState from, BoundaryState to, Incident incident) {
    boolean stateChanged() {
      return from != to;
    }
  }

  synchronized Change record(ProbeConfig probe, ProbeResult result, long nowMillis, boolean maintenance) {
    ProbeHealth h = probes.get(probe.name());
    if (h == null) {
      return new Change(state, state, null);
    }
    Status before = h.status();
    h.record(result);
    if (!h.config.counts()) {
      return new Change(state, state, null); // canaries and experiments are shown, never counted
    }
    count(before, h.status());
    return evaluate(nowMillis, maintenance, result);
  }

  synchronized Change tick(long nowMillis, boolean maintenance) {
    for (ProbeHealth h : probes.values()) {
      Status before = h.status();
      if (h.expire(nowMillis) && h.config.counts()) {
        count(before, h.status());
      }
    }
    return evaluate(nowMillis, maintenance, null);
  }

  /** Keeps the known and failing counts in step with one probe's change, so a result costs O(1). */
  private void count(Status before, Status after) {
    if (before == after) {
      return;
    }
    known += (after != Status.UNKNOWN ? 1 : 0) - (before != Status.UNKNOWN ? 1 : 0);
    failing += (after == Status.FAILING ? 1 : 0) - (before == Status.FAILING ? 1 : 0);
  }

  synchronized void latencyBurning(boolean burning) {
    this.latencyBurning = burning;
  }

  /** Resumes an incident left open by an earlier run of Vigil. */
  synchronized void resume(Incident open) {
    incident = open;
    incidentProbes.addAll(open.probes());
  }

  private Change evaluate(long now, boolean maintenance, ProbeResult trigger) {
    BoundaryState next;
    if (maintenance) {
      next = BoundaryState.MAINTENANCE;
    } else if (known == 0) {
      next = BoundaryState.UNKNOWN;
    } else if (config.downWhen().isDown(failing, known)) {
      next = BoundaryState.DOWN;
    } else if (failing > 0 || latencyBurning) {
      next = BoundaryState.DEGRADED;
    } else {
      next = BoundaryState.UP;
    }
    BoundaryState previous = state;
    if (next != previous) {
      state = next;
      sinceMillis = now;
    }
    Incident changed = null;
    if (next == BoundaryState.DOWN) {
      long firstFailure = Long.MAX_VALUE;
      List<String> failingNames = new ArrayList<>();
      for (ProbeHealth h : probes.values()) {
        if (h.status() == Status.FAILING && h.config.counts()) {
          failingNames.add(h.config.name());
          firstFailure = Math.min(firstFailure, h.streakStartMillis());
        }
      }
      boolean grew = incidentProbes.addAll(failingNames);
      if (incident == null) {
        incident = new Incident(config.name() + "-" + firstFailure, config.name(), firstFailure, now, 0, 0,
            List.copyOf(incidentProbes), firstReason());
        changed = incident;
      } else if (grew) {
        incident = new Incident(incident.id(), incident.boundary(), incident.startMillis(), incident.detectedMillis(),
            0, 0, List.copyOf(incidentProbes), incident.firstReason());
        changed = incident;
      }
    } else if (incident != null && (next == BoundaryState.UP || next == BoundaryState.DEGRADED)) {
      long end = trigger != null && trigger.good() ? trigger.startedAtMillis() : now;
      changed = new Incident(incident.id(), incident.boundary(), incident.startMillis(), incident.detectedMillis(),
          Math.max(end, incident.startMillis()), now, incident.probes(), incident.firstReason());
      incident = null;
      incidentProbes.clear();
    }
    return new Change(previous, next, changed);
  }

  private String firstReason() {
    ProbeResult earliest = null;
    long earliestStreak = Long.MAX_VALUE;
    for (ProbeHealth h : probes.values()) {
      ProbeResult r = h.lastFailure();
      // compare streak starts with streak starts: a probe's last run may be much later than its first failure
      if (h.status() == Status.FAILING && h.config.counts() && r != null && r.reason() != null
          && (earliest == null || h.streakStartMillis() < earliestStreak)) {
        earliest = r;
        earliestStreak = h.streakStartMillis();
      }
    }
    return earliest == null ? "" : earliest.reason().label();
  }

  /** A consistent copy for readers. */
  synchronized BoundaryView view() {
    List<ProbeView> list = new ArrayList<>(probes.size());
    for (ProbeHealth h : probes.values()) {
      list.add(new ProbeView(h.config, h.status().name().toLowerCase(Locale.ROOT), h.last()));
    }
    return new BoundaryView(config, state, sinceMillis, incident, list);
  }

  Map<String, ProbeHealth> probes() {
    return probes;
  }
}
