package io.vigil.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Links a boundary's incidents to its upstreams' ({@code depends_on}): an incident is caused by each upstream
 * that was down at some moment while it was open, that is, one of whose incidents overlaps it. Worked out from the
 * stored incidents when read, so the link survives restarts and needs nothing stored of its own.
 */
public final class Causes {
  private Causes() {}

  /**
   * @param incident the downstream incident
   * @param upstreams the downstream boundary's {@code depends_on}, in order
   * @param incidentsOf an upstream's incidents by name (empty for one the reader may not see)
   * @param nowMillis the end of incidents still open
   * @return the upstreams it was caused by, in {@code depends_on} order
   */
  public static List<String> of(Incident incident, List<String> upstreams,
      Function<String, List<Incident>> incidentsOf, long nowMillis) {
    List<String> out = new ArrayList<>();
    for (String upstream : upstreams) {
      if (incidentsOf.apply(upstream).stream().anyMatch(u -> overlap(incident, u, nowMillis))) {
        out.add(upstream);
      }
    }
    return out;
  }

  /** Whether both were down at once: their spans from detection to resolution share a moment. */
  static boolean overlap(Incident a, Incident b, long nowMillis) {
    return a.detectedMillis() <= end(b, nowMillis) && b.detectedMillis() <= end(a, nowMillis);
  }

  private static long end(Incident i, long nowMillis) {
    return i.open() ? nowMillis : i.resolvedMillis();
  }
}
