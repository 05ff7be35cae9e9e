package io.vigil.boundary;

import java.time.Instant;

/** Answers whether a boundary is in planned maintenance at an instant. */
@FunctionalInterface
public interface Maintenance {
  Maintenance NONE = (boundary, at) -> false;

  boolean active(String boundary, Instant at);
}
