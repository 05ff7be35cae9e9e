package io.vigil.store;

import io.vigil.change.ChangeEvent;
import io.vigil.config.StorageConfig;
import io.vigil.incident.Incident;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History on a JDBC database, the same for every {@link Backend}:
 *
 * <ul>
 *   <li>Writes ({@link #append}, {@link #saveAccounting}, {@link #saveIncident}, {@link #saveAlert},
 *       {@link #markNotification}) only queue: they never block and never throw on a fault. One writer thread
 *       commits the queue in batches, at least every 200 ms. When writes fail (unwritable or locked file, full
 *       disk, lost database), the queue is kept and retried with backoff, {@link #degradedReason()} says why,
 *       and beyond the queue's bound the oldest results are dropped and counted.
 *   <li>Reads see what is committed; they block and throw {@link StoreException} when the database cannot be
 *       read. Call them from worker threads.
 * </ul>
 */
public class JdbcStore implements HistoryStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

  private final Backend backend;
  private final SqliteTuning tuning;
  private final WriteQueue queue;
  private final StoreWriter writer;
  private final Thread writerThread;
  private final AtomicBoolean closed = new AtomicBoolean();

  JdbcStore(Backend backend, Connection writeConnection, StorageConfig.Retention retention, Clock clock,
      SqliteTuning tuning) {
    this.backend = backend;
    this.tuning = tuning;
    this.queue = new WriteQueue(tuning.capacity(), tuning.commitSoonAt());
    this.writer = new StoreWriter(backend, writeConnection, queue, tuning, retention, clock);
    this.writerThread = new Thread(writer, "vigil-history-writer");
    this.writerThread.setDaemon(true);
    this.writerThread.start();
  }

  /** The queue new ids are recorded through (for a backend that assigns them in memory). */
  WriteQueue queue() {
    return queue;
  }

  @Override
  public int probeId(String name, String definitionHash) {
    return backend.probeId(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(definitionHash, "definitionHash"));
  }

  @Override
  public int boundaryId(String name) {
    return backend.boundaryId(Objects.requireNonNull(name, "name"));
  }

  @Override
  public void append(StoredResult result) {
    Objects.requireNonNull(result.outcome(), "outcome");
    queue.append(Lane.RESULTS, result);
  }

  @Override
  public void saveAccounting(List<BucketRow> rows, Map<Integer, Long> checkpoints) {
    List<WriteQueue.Item<?>> items = new ArrayList<>(rows.size() + checkpoints.size());
    for (BucketRow row : rows) {
      Objects.requireNonNull(row.subject(), "subject");
      Objects.requireNonNull(row.resolution(), "resolution");
      items.add(new WriteQueue.Item<>(Lane.ROLLUPS, row));
    }
    checkpoints.forEach((id, until) ->
        items.add(new WriteQueue.Item<>(Lane.CHECKPOINTS, new Lane.Checkpoint(id, until))));
    queue.put(items, false);
  }

  @Override
  public void saveIncident(Incident incident) {
    Objects.requireNonNull(incident.id(), "id");
    Objects.requireNonNull(incident.boundary(), "boundary");
    queue.put(List.of(new WriteQueue.Item<>(Lane.INCIDENTS, incident)), false);
  }

  @Override
  public void saveAlert(AlertRecord alert, List<OutboxEntry> notifications) {
    Objects.requireNonNull(alert.incident(), "incident");
    Objects.requireNonNull(alert.alertKey(), "alertKey");
    Objects.requireNonNull(alert.state(), "state");
    List<WriteQueue.Item<?>> items = new ArrayList<>(notifications.size() + 1);
    items.add(new WriteQueue.Item<>(Lane.ALERTS, alert));
    for (OutboxEntry e : notifications) {
      Objects.requireNonNull(e.key(), "key");
      Objects.requireNonNull(e.incident(), "incident");
      Objects.requireNonNull(e.notifier(), "notifier");
      Objects.requireNonNull(e.payload(), "payload");
      items.add(new WriteQueue.Item<>(Lane.OUTBOX, e));
    }
    queue.put(items, true);
  }

  @Override
  public void markNotification(NotificationMark mark) {
    Objects.requireNonNull(mark.key(), "key");
    Objects.requireNonNull(mark.state(), "state");
    queue.put(List.of(new WriteQueue.Item<>(Lane.MARKS, mark)), false);
  }

  @Override
  public void saveChange(ChangeEvent event) {
    queue.put(List.of(new WriteQueue.Item<>(Lane.CHANGES, event)), false);
  }

  @Override
  public List<ChangeEvent> changes(String boundary, long fromMillis, long toMillis) {
    return backend.read(c -> HistoryQueries.changes(c, boundary, fromMillis, toMillis));
  }

  @Override
  public void savePostmortem(PostmortemLink link) {
    queue.put(List.of(new WriteQueue.Item<>(Lane.POSTMORTEMS, link)), false);
  }

  @Override
  public Map<String, String> postmortems(String boundary) {
    return backend.read(c -> HistoryQueries.postmortems(c, boundary));
  }

  @Override
  public boolean flush() {
    return queue.flush();
  }

  @Override
  public List<StoredResult> results(long fromMillis, long toMillis) {
    return backend.read(c -> HistoryQueries.results(c, null, fromMillis, toMillis, backend.resultLocation()));
  }

  @Override
  public List<StoredResult> results(int probeId, long fromMillis, long toMillis) {
    return backend.read(c -> HistoryQueries.results(c, probeId, fromMillis, toMillis, backend.resultLocation()));
  }

  @Override
  public List<BucketRow> buckets(Subject subject, int id, Resolution resolution, long fromMillis, long toMillis) {
    return backend.read(c -> HistoryQueries.buckets(c, subject, id, resolution, fromMillis, toMillis));
  }

  @Override
  public OptionalLong checkpoint(int boundaryId) {
    return backend.read(c -> HistoryQueries.checkpoint(c, boundaryId));
  }

  @Override
  public List<Incident> incidents(String boundary, long fromMillis, long toMillis) {
    return backend.read(c -> HistoryQueries.incidents(c, boundary, fromMillis, toMillis));
  }

  @Override
  public List<Incident> openIncidents() {
    return backend.read(HistoryQueries::openIncidents);
  }

  @Override
  public List<AlertRecord> firingAlerts() {
    return backend.read(HistoryQueries::firingAlerts);
  }

  @Override
  public List<OutboxEntry> nextNotifications(int limit) {
    return backend.read(c -> HistoryQueries.nextNotifications(c, limit));
  }

  @Override
  public int pendingNotifications() {
    return backend.read(HistoryQueries::pendingNotifications);
  }

  @Override
  public String degradedReason() {
    return writer.degradedReason();
  }

  /**
   * Applies retention as of {@code nowMillis} on the writer thread, in small transactions between batches,
   * and waits for it. A fault ends the pass early (see {@link #degradedReason()}); it never throws.
   */
  @Override
  public void applyRetention(long nowMillis) {
    if (closed.get()) {
      return;
    }
    var done = writer.requestRetention(nowMillis);
    while (writerThread.isAlive()) {
      try {
        done.get(1, TimeUnit.SECONDS);
        return;
      } catch (TimeoutException e) {
        // keep waiting while the writer lives
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        return;
      }
    }
  }

  /**
   * Writes what is queued (for at most the close wait, 5 s by default, then gives up and logs what was left),
   * stops the writer and closes every connection. Writes queued after close begins are dropped and counted;
   * reads after it throw. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long waitNanos = tuning.closeWait().toNanos();
    writer.closeBy(System.nanoTime() + waitNanos);
    queue.close();
    try {
      writerThread.join(TimeUnit.NANOSECONDS.toMillis(waitNanos + tuning.busyTimeout().toNanos()) + 1_000);
      if (writerThread.isAlive()) {
        LOG.warn("history writer did not stop in time; interrupting it");
        writerThread.interrupt();
        writerThread.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      backend.close();
    }
  }

  /** Names the database (a file, or host:port/database). */
  public String label() {
    return backend.label();
  }

  /** Raw results committed since open. */
  public long resultsWritten() {
    return queue.written(Lane.RESULTS);
  }

  /** Raw results dropped since open because the queue was full (or the store closed). */
  public long resultsDropped() {
    return queue.dropped(Lane.RESULTS);
  }

  /** Rollup rows committed since open. */
  public long rollupRowsWritten() {
    return queue.written(Lane.ROLLUPS);
  }

  /** Rollup rows dropped since open because the queue was full of them (or the store closed). */
  public long rollupRowsDropped() {
    return queue.dropped(Lane.ROLLUPS);
  }

  /** Results and rollup rows waiting to be written now. */
  public int queued() {
    return queue.queued();
  }

  /** Batches committed since open (one transaction each). */
  public long commits() {
    return writer.commits();
  }

  /** Batch transactions that failed since open (each is retried). */
  public long failedCommits() {
    return writer.failedCommits();
  }

  /** How long the last batch took to write and commit. */
  public Duration lastCommitDuration() {
    return writer.lastCommitDuration();
  }
}
