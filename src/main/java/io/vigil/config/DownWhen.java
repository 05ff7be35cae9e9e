package io.vigil.config;

import java.util.Locale;

/**
 * How the states of a boundary's probes combine into "down": {@code any} failing probe, {@code all} of
 * them, a strict {@code majority}, or at least {@code N}. Fewer failing probes than that (but some)
 * make the boundary degraded.
 *
 * @param mode the rule
 * @param atLeast N for {@link Mode#AT_LEAST}; 0 otherwise
 */
public record DownWhen(Mode mode, int atLeast) {
  public enum Mode { ANY, ALL, MAJORITY, AT_LEAST }

  public static final DownWhen ANY = new DownWhen(Mode.ANY, 0);

  /** Whether {@code failing} of {@code total} known probes make the boundary down. */
  public boolean isDown(int failing, int total) {
    if (failing <= 0 || total <= 0) {
      return false;
    }
    return switch (mode) {
      case ANY -> true;
      case ALL -> failing >= total;
      case MAJORITY -> 2 * failing > total;
      case AT_LEAST -> failing >= Math.min(atLeast, total);
    };
  }

  @Override
  public String toString() {
    return mode == Mode.AT_LEAST ? Integer.toString(atLeast) : mode.name().toLowerCase(Locale.ROOT);
  }
}
