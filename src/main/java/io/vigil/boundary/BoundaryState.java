package io.vigil.boundary;

import java.util.Locale;

/** What the status page says about a boundary right now. */
public enum BoundaryState {
  UP, DEGRADED, DOWN, UNKNOWN, MAINTENANCE;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }
}
