package io.vigil.store;

import io.vigil.change.ChangeEvent;
import java.util.List;

/** Change events (deploys, config changes) of boundaries, kept as long as day rollups. */
public interface ChangeStore {
  /** Queues a change event (stored once per id). */
  void saveChange(ChangeEvent event);

  /** Change events of a boundary with {@code from <= at < to}, newest first. */
  List<ChangeEvent> changes(String boundary, long fromMillis, long toMillis);
}
