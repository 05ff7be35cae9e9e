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
 * @param history whether history is being written (the page says so when it is degraded)
 */
public record StatusSnapshot(Instant at, String location, List<BoundaryStatus> boundaries, HistoryHealth history) {
  public StatusSnapshot {
    history = history == null ? HistoryHealth.OK : history;
  }

  /** A snapshot with history healthy. */
  public StatusSnapshot(Instant at, String location, List<BoundaryStatus> boundaries) {
    this(at, location, boundaries, HistoryHealth.OK);
  }

  public static StatusSnapshot empty(String location) {
    return new StatusSnapshot(Instant.EPOCH, location, List.of());
  }

  public BoundaryStatus boundary(String name) {
    return boundaries.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
  }
}
