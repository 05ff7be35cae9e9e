package io.vigil.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs of a requests or latency SLO minute by minute, oldest first, as the cumulative counters
 * {@code vigil_slo_events_total{class="valid"|"good"}} would show them, optionally split over locations.
 * The error ratio of the last W minutes is then exactly (bad in them) / (valid in them).
 */
final class Traffic {
  private final List<long[]> minutes = new ArrayList<>();

  /** {@code count} minutes with {@code valid} valid runs each, {@code bad} of them bad. */
  Traffic add(int count, long valid, long bad) {
    if (bad > valid) {
      throw new IllegalArgumentException("more bad than valid runs");
    }
    for (int i = 0; i < count; i++) {
      minutes.add(new long[] {valid, bad});
    }
    return this;
  }

  int minutes() {
    return minutes.size();
  }

  /**
   * Adds the counters to {@code c}, split over {@code locations} (per minute, the first locations take the
   * remainder), so every location has its own series and only their sum tells the whole story.
   */
  void addTo(RuleUnitTests.Case c, String boundary, String slo, String... locations) {
    int n = locations.length;
    for (int l = 0; l < n; l++) {
      long[] valid = new long[minutes.size() + 1];
      long[] good = new long[minutes.size() + 1];
      for (int m = 0; m < minutes.size(); m++) {
        long v = share(minutes.get(m)[0], l, n);
        long b = share(minutes.get(m)[1], l, n);
        valid[m + 1] = valid[m] + v;
        good[m + 1] = good[m] + v - b;
      }
      String labels = "boundary=\"" + boundary + "\",slo=\"" + slo + "\",location=\"" + locations[l] + "\"";
      c.counter("vigil_slo_events_total{" + labels + ",class=\"valid\"}", valid);
      c.counter("vigil_slo_events_total{" + labels + ",class=\"good\"}", good);
    }
  }

  private static long share(long total, int location, int locations) {
    return total / locations + (location < total % locations ? 1 : 0);
  }
}
