package io.vigil.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * When an incident's postmortem is due: the incident has ended, lasted longer than {@code postmortem_after}
 * (start to end; one of exactly that length is not due), has no postmortem link, and ended at least
 * {@link #GRACE} ago (at exactly 48 hours it is due).
 */
public final class Postmortems {
  /** The default of {@code postmortem_after}. */
  public static final Duration DEFAULT_AFTER = io.vigil.config.BoundaryConfig.DEFAULT_POSTMORTEM_AFTER;
  /** How long after an incident ends its postmortem may stay unlinked. */
  public static final Duration GRACE = Duration.ofHours(48);

  private Postmortems() {}

  public static boolean due(Incident i, boolean linked, Duration after, Instant now) {
    return !i.open() && i.endMillis() > 0 && !linked && i.endMillis() - i.startMillis() > after.toMillis()
        && now.toEpochMilli() - i.endMillis() >= GRACE.toMillis();
  }
}
