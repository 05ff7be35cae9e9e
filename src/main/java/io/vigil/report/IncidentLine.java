package io.vigil.report;

import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import io.vigil.slo.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An incident as the report shows it.
 *
 * @param incident as stored
 * @param inMonth the part of it inside the month read (an incident still open runs to the end of what was
 *     read); MTTR and MTBF use these parts
 * @param suspect the change it started within 30 minutes after, if any
 */
public record IncidentLine(Incident incident, Span inMonth, Optional<ChangeEvent> suspect) {
  public IncidentLine(Incident incident, Span inMonth) {
    this(incident, inMonth, Optional.empty());
  }

  public Instant start() {
    return Instant.ofEpochMilli(incident.startMillis());
  }

  /** When the service recovered; empty while the incident is open. */
  public Optional<Instant> end() {
    return ongoing() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(incident.endMillis()));
  }

  /** Whether the incident had not ended when history was read. */
  public boolean ongoing() {
    return incident.endMillis() == 0;
  }

  /** Its whole length, start to end (also outside the month); empty while open. */
  public Optional<Duration> duration() {
    return end().map(e -> Duration.between(start(), e));
  }

  /** From the first failure to the boundary turning down. */
  public Duration detectionDelay() {
    return Duration.ofMillis(Math.max(0, incident.detectedMillis() - incident.startMillis()));
  }
}
