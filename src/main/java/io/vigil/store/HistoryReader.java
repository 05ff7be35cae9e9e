package io.vigil.store;

import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import java.util.List;
import java.util.OptionalInt;

/**
 * Read-only access to history for offline readers such as {@code vigil report}: it never creates, migrates
 * or writes anything, and every read of one reader sees the same committed state (a snapshot), even while a
 * running Vigil keeps writing. Reads block; failures throw {@link StoreException}.
 */
public interface HistoryReader extends AutoCloseable {
  /** A reader of the configured history: the SQLite file, or the PostgreSQL database. */
  static HistoryReader open(io.vigil.config.StorageConfig storage) {
    return storage.sqlite() != null ? SqliteHistoryReader.open(storage.sqlite()) : PostgresHistoryReader.open(storage);
  }

  /** The history id of a boundary, empty when the database has never seen it. */
  OptionalInt boundaryId(String name);

  /** Every history id of a probe name, one per definition it has had (oldest first); empty when none. */
  List<Integer> probeIds(String name);

  /** Rollup rows of one subject with {@code from ≤ bucketStart < to}, ordered by bucket start. */
  List<BucketRow> buckets(Subject subject, int id, Resolution resolution, long fromMillis, long toMillis);

  /** Incidents of a boundary overlapping [from, to), newest first. */
  List<Incident> incidents(String boundary, long fromMillis, long toMillis);

  /** Change events of a boundary with {@code from <= at < to}, newest first. */
  List<ChangeEvent> changes(String boundary, long fromMillis, long toMillis);

  /** The postmortem links of a boundary's incidents, by incident id. */
  java.util.Map<String, String> postmortems(String boundary);

  /** Raw results of one probe id with {@code from <= start < to}, ordered by start. */
  List<StoredResult> results(int probeId, long fromMillis, long toMillis);

  /** Ends the snapshot and releases the file. */
  @Override
  void close();
}
