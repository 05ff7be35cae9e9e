package io.vigil.store;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Vigil's durable history. Writes are queued and committed by one writer thread in batches (never on an
 * event loop): a crash loses at most the last commit interval (≤ 250 ms). Reads and id look-ups block:
 * call them from worker threads. Implementations: SQLite (embedded default); PostgreSQL later.
 *
 * <p>Rollup rows are produced by Vigil's accounting (which is deterministic from raw results) and stored
 * together with each boundary's accounting checkpoint in one transaction, so after a crash accounting resumes
 * from the checkpoint by replaying raw results.
 *
 * <p>Alert notifications go through an outbox: an entry is committed before anyone may send it (senders read
 * committed entries only), and its unique key keeps restarts and retries from storing it twice.
 */
public interface HistoryStore extends AutoCloseable {
  /** The stable id of a probe's history: the same name and definition hash always give the same id. */
  int probeId(String name, String definitionHash);

  /** The stable id of a boundary's history (by name). */
  int boundaryId(String name);

  /** Queues a raw result. Never blocks; safe on an event loop. */
  void append(StoredResult result);

  /**
   * Queues rollup rows (each replaces the row of the same subject, id, resolution and bucket) and accounting
   * checkpoints (boundary id to epoch millis accounted up to), to be committed atomically together.
   */
  void saveAccounting(List<BucketRow> rows, Map<Integer, Long> checkpoints);

  /** Queues an incident insert or update (by id). */
  void saveIncident(Incident incident);

  /**
   * Queues an alert incident's state together with the notifications it produces, to be committed in one
   * transaction. A notification whose key is already stored is left as it is (never stored twice).
   */
  void saveAlert(AlertRecord alert, List<OutboxEntry> notifications);

  /** Queues what became of an outbox entry after an attempt; ignored once the entry is delivered or expired. */
  void markNotification(NotificationMark mark);

  /**
   * Blocks until everything queued so far is committed, or returns early when the store is failing or closed.
   *
   * @return whether everything queued before the call is committed
   */
  boolean flush();

  /** Raw results of every probe with {@code from ≤ start < to}, ordered by start. */
  List<StoredResult> results(long fromMillis, long toMillis);

  /** Raw results of one probe with {@code from ≤ start < to}, ordered by start. */
  List<StoredResult> results(int probeId, long fromMillis, long toMillis);

  /** Rollup rows of one subject with {@code from ≤ bucketStart < to}, ordered by bucket start. */
  List<BucketRow> buckets(Subject subject, int id, Resolution resolution, long fromMillis, long toMillis);

  /** Where accounting of a boundary stopped, if it ever ran. */
  OptionalLong checkpoint(int boundaryId);

  /** Incidents of a boundary overlapping [from, to), newest first. */
  List<Incident> incidents(String boundary, long fromMillis, long toMillis);

  /** Incidents still open (after a restart they continue). */
  List<Incident> openIncidents();

  /** Alert incidents still firing, oldest first. */
  List<AlertRecord> firingAlerts();

  /**
   * Committed outbox entries that are neither delivered nor expired and are next in line: the oldest pending
   * entry of each (incident, notifier), oldest first, at most {@code limit}. Only committed entries are
   * returned, so a caller that sends only these never sends what a crash could forget.
   */
  List<OutboxEntry> nextNotifications(int limit);

  /** Outbox entries neither delivered nor expired (committed ones). */
  int pendingNotifications();

  /** {@code null} while writes succeed; otherwise why history is degraded (unwritable file, disk full...). */
  String degradedReason();

  /** Applies retention now (also done periodically by the store itself). */
  void applyRetention(long nowMillis);

  /** Flushes and closes. */
  @Override
  void close();
}
