package io.vigil.history;

import io.vigil.slo.State;

/** Where accounted time goes; mirrors {@link State}. */
enum StateTime {
  UP, DEGRADED, DOWN, UNKNOWN, MAINTENANCE;

  static StateTime of(State s) {
    return switch (s) {
      case UP -> UP;
      case DEGRADED -> DEGRADED;
      case DOWN -> DOWN;
      case UNKNOWN -> UNKNOWN;
      case MAINTENANCE -> MAINTENANCE;
    };
  }
}
