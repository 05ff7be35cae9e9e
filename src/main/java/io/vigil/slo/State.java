package io.vigil.slo;

/** The state of a probe or boundary over a stretch of time, as time-based availability reads it. */
public enum State {
  /** Known and working: counts as uptime. */
  UP,
  /** Working but with some probes failing (fewer than {@code down_when} asks for): counts as uptime. */
  DEGRADED,
  /** Known and not working: counts as downtime. */
  DOWN,
  /** Nothing known (no result covers the time, or only invalid ones): neither uptime nor downtime. */
  UNKNOWN,
  /** Planned maintenance excused from the SLO: neither uptime nor downtime. */
  MAINTENANCE;

  /** Whether the time counts as uptime (up or degraded). */
  public boolean isUp() {
    return this == UP || this == DEGRADED;
  }

  /** Whether the time counts in availability at all: up, degraded or down. */
  public boolean isMeasured() {
    return this == UP || this == DEGRADED || this == DOWN;
  }
}
