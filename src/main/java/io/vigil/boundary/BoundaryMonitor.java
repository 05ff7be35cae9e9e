package io.vigil.boundary;

import io.vigil.boundary.ProbeHealth.Status;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.incident.Incident;
import io.vigil.probe.ProbeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live state of one boundary from its probes' thresholded states, and its incidents: a span during which
 * the state was down opens when the state turns down and closes when it turns up or degraded. Unknown or
 * maintenance in between do not close an incident. A probe that runs in several locations has a health per
 * location; it counts as failing while its location quorum ({@code locations_down_when}) sees it failing, and
 * makes the boundary degraded while fewer locations do. Thread-safe (results arrive on several event loops).
 */
final class BoundaryMonitor {
  final BoundaryConfig config;
  private final Map<String, ProbeHealth> probes = new LinkedHashMap<>();
  /** Health of a probe in other locations than this node's, by probe and location (a cluster's). */
  private final Map<String, Map<String, ProbeHealth>> elsewhere = new HashMap<>();
  /** This node's location. */
  private final String home;
  private BoundaryState state = BoundaryState.UNKNOWN;
  private long sinceMillis;
  private boolean latencyBurning;
  private int known;
  private int failing;
  private int partial;
  private Incident incident;
  private final Set<String> incidentProbes = new LinkedHashSet<>();

  /** Carries the health of unchanged probes, here ({@code carried}) and in other locations ({@code elsewhere}). */
  BoundaryMonitor(BoundaryConfig config, List<ProbeConfig> probeConfigs, Map<String, ProbeHealth> carried,
      Map<String, Map<String, ProbeHealth>> carriedElsewhere, String home, long nowMillis) {
    this.config = config;
    this.home = home;
    this.sinceMillis = nowMillis;
    for (ProbeConfig p : probeConfigs) {
      ProbeHealth old = carried.get(p.name());
      boolean same = old != null && old.config.sameDefinition(p) && old.config.role() == p.role();
      probes.put(p.name(), same ? old : new ProbeHealth(p, config.failuresBeforeDown(), config.successesBeforeUp()));
      Map<String, ProbeHealth> there = carriedElsewhere.get(p.name());
      if (same && there != null) {
        elsewhere.put(p.name(), new HashMap<>(there));
      }
    }
    for (ProbeHealth h : probes.values()) {
      if (h.config.counts()) {
        count(Quorum.UNKNOWN, quorum(h.config.name()));
      }
    }
  }

  /** A probe's state over its locations. */
  private enum Quorum { UNKNOWN, PASSING, PARTIAL, FAILING }

  private Quorum quorum(String probe) {
    ProbeHealth here = probes.get(probe);
    Map<String, ProbeHealth> there = elsewhere.get(probe);
    if (there == null) {
      return switch (here.status()) {
        case UNKNOWN -> Quorum.UNKNOWN;
        case PASSING -> Quorum.PASSING;
        case FAILING -> Quorum.FAILING;
      };
    }
    int k = 0;
    int f = 0;
    for (ProbeHealth h : healths(probe)) {
      k += h.status() != Status.UNKNOWN ? 1 : 0;
      f += h.status() == Status.FAILING ? 1 : 0;
    }
    if (k == 0) {
      return Quorum.UNKNOWN;
    }
    return config.locationsDownWhen().isDown(f, k) ? Quorum.FAILING : f > 0 ? Quorum.PARTIAL : Quorum.PASSING;
  }

  /** The probe's health here and in every other location it has results from. */
  private List<ProbeHealth> healths(String probe) {
    ProbeHealth here = probes.get(probe);
    Map<String, ProbeHealth> there = elsewhere.get(probe);
    if (there == null || there.isEmpty()) {
      return here.alone;
    }
    List<ProbeHealth> out = new ArrayList<>(1 + there.size());
    out.add(here);
    out.addAll(there.values());
    return out;
  }

  private static String label(Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  Map<String, Map<String, ProbeHealth>> elsewhere() {
    return elsewhere;
  }

  /** What changed in one evaluation: the new state if it changed, and the incident to persist if any. */
  record Change(BoundaryState from, BoundaryState to, Incident incident) {
    boolean stateChanged() {
      return from != to;
    }
  }

  /** Records a run made at {@code location} (null or this node's location: here). */
  synchronized Change record(ProbeConfig probe, String location, ProbeResult result, long nowMillis,
      boolean maintenance) {
    ProbeHealth here = probes.get(probe.name());
    if (here == null) {
      return new Change(state, state, null);
    }
    ProbeHealth h = location == null || location.equals(home) ? here
        : elsewhere.computeIfAbsent(probe.name(), n -> new HashMap<>()).computeIfAbsent(location,
            l -> new ProbeHealth(here.config, config.failuresBeforeDown(), config.successesBeforeUp()));
    Quorum before = quorum(probe.name());
    h.record(result);
    if (!h.config.counts()) {
      return new Change(state, state, null); // canaries and experiments are shown, never counted
    }
    count(before, quorum(probe.name()));
    return evaluate(nowMillis, maintenance, result);
  }

  synchronized Change tick(long nowMillis, boolean maintenance) {
    for (ProbeHealth here : probes.values()) {
      Quorum before = quorum(here.config.name());
      boolean expired = false;
      for (ProbeHealth h : healths(here.config.name())) {
        expired |= h.expire(nowMillis);
      }
      if (expired && here.config.counts()) {
        count(before, quorum(here.config.name()));
      }
    }
    return evaluate(nowMillis, maintenance, null);
  }

  /** Keeps the known, failing and partly failing counts in step with one probe's change: a result costs O(1). */
  private void count(Quorum before, Quorum after) {
    if (before == after) {
      return;
    }
    known += (after != Quorum.UNKNOWN ? 1 : 0) - (before != Quorum.UNKNOWN ? 1 : 0);
    failing += (after == Quorum.FAILING ? 1 : 0) - (before == Quorum.FAILING ? 1 : 0);
    partial += (after == Quorum.PARTIAL ? 1 : 0) - (before == Quorum.PARTIAL ? 1 : 0);
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
    } else if (failing > 0 || partial > 0 || latencyBurning) {
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
      for (ProbeHealth here : probes.values()) {
        if (here.config.counts() && quorum(here.config.name()) == Quorum.FAILING) {
          failingNames.add(here.config.name());
          for (ProbeHealth h : healths(here.config.name())) {
            if (h.status() == Status.FAILING) {
              firstFailure = Math.min(firstFailure, h.streakStartMillis());
            }
          }
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
    for (ProbeHealth here : probes.values()) {
      if (!here.config.counts() || quorum(here.config.name()) != Quorum.FAILING) {
        continue;
      }
      for (ProbeHealth h : healths(here.config.name())) {
        ProbeResult r = h.lastFailure();
        // compare streak starts with streak starts: a probe's last run may be much later than its first failure
        if (h.status() == Status.FAILING && r != null && r.reason() != null
            && (earliest == null || h.streakStartMillis() < earliestStreak)) {
          earliest = r;
          earliestStreak = h.streakStartMillis();
        }
      }
    }
    return earliest == null ? "" : earliest.reason().label();
  }

  /** A consistent copy for readers. */
  synchronized BoundaryView view() {
    List<ProbeView> list = new ArrayList<>(probes.size());
    for (ProbeHealth h : probes.values()) {
      Map<String, ProbeHealth> there = elsewhere.get(h.config.name());
      if (there == null) {
        list.add(new ProbeView(h.config, h.status().name().toLowerCase(Locale.ROOT), h.last()));
        continue;
      }
      Map<String, String> locations = new TreeMap<>();
      there.forEach((location, health) -> locations.put(location, label(health.status())));
      if (h.last() != null) {
        locations.put(home, label(h.status()));
      }
      ProbeResult last = h.last();
      for (ProbeHealth other : there.values()) {
        if (last == null || other.last() != null && other.last().startedAtMillis() > last.startedAtMillis()) {
          last = other.last();
        }
      }
      Quorum q = quorum(h.config.name());
      String status = q == Quorum.FAILING ? "failing" : q == Quorum.UNKNOWN ? "unknown" : "passing";
      list.add(new ProbeView(h.config, status, last, locations));
    }
    return new BoundaryView(config, state, sinceMillis, incident, list);
  }

  Map<String, ProbeHealth> probes() {
    return probes;
  }
}
