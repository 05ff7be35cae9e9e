package io.vigil.store;

/**
 * Vigil's durable history: {@link ResultStore raw results}, {@link RollupStore rollups},
 * {@link IncidentStore incidents} and {@link AlertStore alerts with their outbox} and
 * {@link ChangeStore change events}. Writes are queued and
 * committed by one writer thread in batches (never on an event loop): a crash loses at most the last commit
 * interval (≤ 250 ms). Reads and id look-ups block: call them from worker threads. Implementations:
 * {@link SqliteStore} (embedded default) and {@link PostgresStore} (shared by several nodes).
 *
 * <p>Rollup rows are produced by Vigil's accounting (which is deterministic from raw results) and stored
 * together with each boundary's accounting checkpoint in one transaction, so after a crash accounting resumes
 * from the checkpoint by replaying raw results.
 */
public interface HistoryStore extends ResultStore, RollupStore, IncidentStore, AlertStore, ChangeStore,
    AutoCloseable {
  /** The stable id of a probe's history: the same name and definition hash always give the same id. */
  int probeId(String name, String definitionHash);

  /** The stable id of a boundary's history (by name). */
  int boundaryId(String name);

  /**
   * Blocks until everything queued so far is committed, or returns early when the store is failing or closed.
   *
   * @return whether everything queued before the call is committed
   */
  boolean flush();

  /** {@code null} while writes succeed; otherwise why history is degraded (unwritable file, disk full...). */
  String degradedReason();

  /** Applies retention now (also done periodically by the store itself). */
  void applyRetention(long nowMillis);

  /** Flushes and closes. */
  @Override
  void close();
}
