package io.vigil.history;

import io.vigil.config.DownWhen;
import java.util.Arrays;

/**
 * One accounting step of a boundary as a sweep over events: each probe starts in a known state, changes state at
 * its runs' starts and turns unknown when its last result's coverage (2 × interval) ends; excused maintenance
 * windows open and close. Between events the boundary's state follows from how many probes are known and failing
 * ({@code down_when}), so a step costs O(probes + events · log events) and builds no timeline objects. It is the
 * same rule as {@link io.vigil.slo.Timeline#ofRuns}, {@code combine} and {@code withMaintenance} (tests compare
 * both on random histories).
 */
final class Sweep {
  private static final int MAINTENANCE = -1;

  private final StateTime[] state;
  private long[] times = new long[16];
  private int[] probes = new int[16];
  private StateTime[] states = new StateTime[16];
  private int[] deltas = new int[16];
  private int events;

  /** Receives the boundary's state over [from, to). */
  interface Segments {
    void add(long from, long to, StateTime state);
  }

  Sweep(int probeCount) {
    this.state = new StateTime[probeCount];
  }

  void initial(int probe, StateTime s) {
    state[probe] = s;
  }

  void event(long at, int probe, StateTime s) {
    grow();
    times[events] = at;
    probes[events] = probe;
    states[events] = s;
    events++;
  }

  void maintenance(long at, int delta) {
    grow();
    times[events] = at;
    probes[events] = MAINTENANCE;
    deltas[events] = delta;
    events++;
  }

  private void grow() {
    if (events == times.length) {
      int n = events * 2;
      times = Arrays.copyOf(times, n);
      probes = Arrays.copyOf(probes, n);
      states = Arrays.copyOf(states, n);
      deltas = Arrays.copyOf(deltas, n);
    }
  }

  void run(long from, long to, DownWhen rule, Segments out) {
    int known = 0;
    int failing = 0;
    for (StateTime s : state) {
      known += s != StateTime.UNKNOWN ? 1 : 0;
      failing += s == StateTime.DOWN ? 1 : 0;
    }
    // events in time order; at equal times, in the order they were added (a probe's run after its expiry)
    Integer[] order = new Integer[events];
    for (int i = 0; i < events; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
    int maintenance = 0;
    long at = from;
    int i = 0;
    while (i < events) {
      long t = times[order[i]];
      if (t > at) {
        out.add(at, Math.min(t, to), boundary(known, failing, maintenance, rule));
        at = t;
      }
      for (; i < events && times[order[i]] == t; i++) {
        int e = order[i];
        if (probes[e] == MAINTENANCE) {
          maintenance += deltas[e];
          continue;
        }
        StateTime before = state[probes[e]];
        StateTime after = states[e];
        known += (after != StateTime.UNKNOWN ? 1 : 0) - (before != StateTime.UNKNOWN ? 1 : 0);
        failing += (after == StateTime.DOWN ? 1 : 0) - (before == StateTime.DOWN ? 1 : 0);
        state[probes[e]] = after;
      }
    }
    if (at < to) {
      out.add(at, to, boundary(known, failing, maintenance, rule));
    }
  }

  private static StateTime boundary(int known, int failing, int maintenance, DownWhen rule) {
    if (maintenance > 0) {
      return StateTime.MAINTENANCE;
    }
    if (known == 0) {
      return StateTime.UNKNOWN;
    }
    if (rule.isDown(failing, known)) {
      return StateTime.DOWN;
    }
    return failing > 0 ? StateTime.DEGRADED : StateTime.UP;
  }
}
