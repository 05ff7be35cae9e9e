package io.vigil.store;

import io.vigil.incident.Incident;
import java.util.List;

/** Boundary incidents. */
public interface IncidentStore {
  /** Queues an incident insert or update (by id). */
  void saveIncident(Incident incident);

  /** Incidents of a boundary overlapping [from, to), newest first. */
  List<Incident> incidents(String boundary, long fromMillis, long toMillis);

  /** Incidents still open (after a restart they continue). */
  List<Incident> openIncidents();
}
