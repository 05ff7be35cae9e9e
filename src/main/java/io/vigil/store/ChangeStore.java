package io.vigil.store;

import io.vigil.change.ChangeEvent;
import java.util.List;

/**
 * Change events (deploys, config changes) of boundaries, kept as long as day rollups, and postmortem links of
 * incidents, kept as long as their incidents.
 */
public interface ChangeStore {
  /** Queues a change event (stored once per id). */
  void saveChange(ChangeEvent event);

  /** Change events of a boundary with {@code from <= at < to}, newest first. */
  List<ChangeEvent> changes(String boundary, long fromMillis, long toMillis);

  /** Queues an incident's postmortem link (a newer one replaces it). */
  void savePostmortem(PostmortemLink link);

  /** The postmortem links of a boundary's incidents, by incident id. */
  java.util.Map<String, String> postmortems(String boundary);
}
