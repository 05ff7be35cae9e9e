package io.vigil.store;

import java.util.List;

/** Raw results: queued by the result sink, read back for replay after a restart. */
public interface ResultStore {
  /** Queues a raw result. Never blocks; safe on an event loop. */
  void append(StoredResult result);

  /** Raw results of every probe with {@code from ≤ start < to}, ordered by start. */
  List<StoredResult> results(long fromMillis, long toMillis);

  /** Raw results of one probe with {@code from ≤ start < to}, ordered by start. */
  List<StoredResult> results(int probeId, long fromMillis, long toMillis);
}
