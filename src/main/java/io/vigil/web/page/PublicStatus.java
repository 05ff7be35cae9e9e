package io.vigil.web.page;

import io.vigil.boundary.BoundaryState;
import io.vigil.incident.Causes;
import io.vigil.incident.Incident;
import io.vigil.status.BoundaryStatus;
import io.vigil.status.StatusSnapshot;
import java.util.List;

/**
 * The public part of a snapshot. Every public path reads boundaries through here, so a boundary that is not
 * public is indistinguishable from one that does not exist.
 */
final class PublicStatus {
  private PublicStatus() {}

  /** Public boundaries in config order. */
  static List<BoundaryStatus> boundaries(StatusSnapshot snapshot) {
    return snapshot.boundaries().stream().filter(b -> b.live().config().isPublic()).toList();
  }

  /** The public boundary named {@code name}, or {@code null} when there is none (or it is not public). */
  static BoundaryStatus boundary(StatusSnapshot snapshot, String name) {
    BoundaryStatus b = snapshot.boundary(name);
    return b != null && b.live().config().isPublic() ? b : null;
  }

  /**
   * The public upstreams ({@code depends_on}) of {@code b} that {@code incident} was caused by: those down while
   * it was open ({@link Causes}); upstreams that are not public are left out.
   */
  static List<String> causedBy(StatusSnapshot snapshot, BoundaryStatus b, Incident incident) {
    return Causes.of(incident, b.live().config().dependsOn(), name -> {
      BoundaryStatus u = boundary(snapshot, name);
      return u == null ? List.of() : u.incidents();
    }, snapshot.at().toEpochMilli());
  }

  /** The public ones of {@code names}. */
  static List<String> visible(StatusSnapshot snapshot, List<String> names) {
    return names.stream().filter(n -> boundary(snapshot, n) != null).toList();
  }

  /**
   * The headline over all public boundaries: the worst state (down, degraded, maintenance, unknown, up), what
   * to say about it, and the boundaries that are not up.
   */
  record Overall(BoundaryState state, String headline, List<BoundaryStatus> affected) {}

  static Overall overall(List<BoundaryStatus> boundaries) {
    if (boundaries.isEmpty()) {
      return new Overall(BoundaryState.UNKNOWN, "No systems are published on this page", List.of());
    }
    List<BoundaryStatus> affected = boundaries.stream().filter(b -> b.live().state() != BoundaryState.UP).toList();
    BoundaryState worst = BoundaryState.UP;
    for (BoundaryState s : List.of(BoundaryState.DOWN, BoundaryState.DEGRADED, BoundaryState.MAINTENANCE,
        BoundaryState.UNKNOWN)) {
      if (affected.stream().anyMatch(b -> b.live().state() == s)) {
        worst = s;
        break;
      }
    }
    String headline = switch (worst) {
      case UP -> "All systems operational";
      case DOWN -> "Major outage";
      case DEGRADED -> "Partial degradation";
      case MAINTENANCE -> "Scheduled maintenance in progress";
      case UNKNOWN -> affected.size() == boundaries.size() ? "Status unknown" : "Status unknown for some systems";
    };
    return new Overall(worst, headline, affected);
  }
}
