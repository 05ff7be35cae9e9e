package io.vigil.status;

import java.time.Instant;
import java.util.List;

/**
 * Every boundary's status at one moment: the single source for the status page, JSON API, badges,
 * boundary and SLO metrics, and alert evaluation. Immutable.
 *
 * @param at when it was computed
 * @param location where this Vigil runs
 * @param boundaries every boundary, in config order
 */
public record StatusSnapshot(Instant at, String location, List<BoundaryStatus> boundaries) {
  public static StatusSnapshot empty(String location) {
    return new StatusSnapshot(Instant.EPOCH, location, List.of());
  }

  public BoundaryStatus boundary(String name) {
    return boundaries.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
  }
}
