package io.vigil.history;

import io.vigil.config.DownWhen;
import java.util.Arrays;

/**
 * One accounting step of a boundary as a sweep over events: each probe starts in a known state, changes state at
 * its runs' starts and turns unknown when its last result's coverage (2 × interval) ends; excused maintenance
 * windows open and close. Between events the boundary's state follows from how many probes are known and failing
 * ({@code down_when}), so a step costs O(probes + events · log events) and builds no timeline objects. It is the
 * same rule as the tests' timeline oracle ({@code io.vigil.slo.Timeline}: {@code ofRuns}, {@code combine} and
 * {@code withMaintenance}), and tests compare both on random histories.
 *
 * <p>A probe that runs in several locations has one series per location. Its series form a group, and the probe
 * counts as failing while the group's location quorum ({@code locations_down_when}) sees it failing: known
 * while any of its locations is known, and making the boundary degraded while some but too few locations fail.
 */
final class Sweep {
  private static final int MAINTENANCE = -1;

  private final StateTime[] state;
  private final int[] group;
  private final int groups;
  private final DownWhen quorum;
  private long[] times = new long[16];
  private int[] probes = new int[16];
  private StateTime[] states = new StateTime[16];
  private int[] deltas = new int[16];
  private int events;

  /** Receives the boundary's state over [from, to). */
  interface Segments {
    void add(long from, long to, StateTime state);
  }

  /**
   * @param group the group (probe) of each series (a probe's location)
   * @param groups how many groups there are
   * @param quorum how many of a group's known series must fail for the group to fail
   */
  Sweep(int[] group, int groups, DownWhen quorum) {
    this.state = new StateTime[group.length];
    this.group = group;
    this.groups = groups;
    this.quorum = quorum;
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
    Groups g = new Groups();
    for (int i = 0; i < state.length; i++) {
      g.change(group[i], StateTime.UNKNOWN, state[i]);
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
        out.add(at, Math.min(t, to), g.boundary(maintenance, rule));
        at = t;
      }
      for (; i < events && times[order[i]] == t; i++) {
        int e = order[i];
        if (probes[e] == MAINTENANCE) {
          maintenance += deltas[e];
          continue;
        }
        g.change(group[probes[e]], state[probes[e]], states[e]);
        state[probes[e]] = states[e];
      }
    }
    if (at < to) {
      out.add(at, to, g.boundary(maintenance, rule));
    }
  }

  /**
   * Known and failing series per group, and from them how many groups (probes) are known, failing by their
   * quorum, or failing in too few locations; kept up to date one change at a time.
   */
  private final class Groups {
    private final int[] known = new int[groups];
    private final int[] failing = new int[groups];
    private int knownGroups;
    private int failingGroups;
    private int partialGroups;

    void change(int g, StateTime before, StateTime after) {
      count(g, -1);
      known[g] += (after != StateTime.UNKNOWN ? 1 : 0) - (before != StateTime.UNKNOWN ? 1 : 0);
      failing[g] += (after == StateTime.DOWN ? 1 : 0) - (before == StateTime.DOWN ? 1 : 0);
      count(g, +1);
    }

    private void count(int g, int sign) {
      if (known[g] == 0) {
        return;
      }
      knownGroups += sign;
      if (quorum.isDown(failing[g], known[g])) {
        failingGroups += sign;
      } else if (failing[g] > 0) {
        partialGroups += sign;
      }
    }

    StateTime boundary(int maintenance, DownWhen rule) {
      if (maintenance > 0) {
        return StateTime.MAINTENANCE;
      }
      if (knownGroups == 0) {
        return StateTime.UNKNOWN;
      }
      if (rule.isDown(failingGroups, knownGroups)) {
        return StateTime.DOWN;
      }
      return failingGroups > 0 || partialGroups > 0 ? StateTime.DEGRADED : StateTime.UP;
    }
  }
}
