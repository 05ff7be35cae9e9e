package io.vigil.store;

import io.vigil.config.StorageConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes history, whatever the backend. It commits a batch whenever the queue asks for it (at least
 * every commit interval while anything is queued), applies retention about hourly in small transactions
 * between batches, and survives every write fault: a failed batch goes back to the queue, the reason is
 * published as {@link #degradedReason()}, and the writer retries with backoff (reopening its connection)
 * until a commit succeeds again.
 */
final class StoreWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long DROP_LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long FIRST_RETENTION_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

  private record RetentionRequest(long nowMillis, CompletableFuture<Void> done) {}

  private final Backend backend;
  private final Map<Lane<?>, LaneWriter<?>> writers;
  private final WriteQueue queue;
  private final SqliteTuning tuning;
  private final RetentionJob retention;
  private final Clock clock;
  private final ConcurrentLinkedQueue<RetentionRequest> requests = new ConcurrentLinkedQueue<>();

  private Connection connection;
  private boolean broken;
  private long backoffNanos = FIRST_BACKOFF_NANOS;
  private long nextRetentionNanos;
  private long nextDropLogNanos;
  private long droppedLogged;
  private volatile long closeDeadlineNanos;
  private volatile String degradedReason;
  private volatile long commits;
  private volatile long failedCommits;
  private volatile long lastCommitNanos;

  StoreWriter(Backend backend, Connection connection, WriteQueue queue, SqliteTuning tuning,
      StorageConfig.Retention retention, Clock clock) {
    this.backend = backend;
    this.writers = backend.writers();
    this.connection = connection;
    this.queue = queue;
    this.tuning = tuning;
    this.retention = new RetentionJob(retention, tuning.retentionChunk(), backend.begin());
    this.clock = clock;
    this.nextRetentionNanos = System.nanoTime()
        + Math.min(FIRST_RETENTION_AFTER_NANOS, tuning.retentionEvery().toNanos());
  }

  @Override
  public void run() {
    long interval = tuning.commitInterval().toNanos();
    try {
      while (true) {
        WriteQueue.Batch batch = queue.awaitBatch(interval, tuning.maxBatch());
        logDrops();
        boolean closing = queue.closing();
        boolean written = batch.isEmpty() || commit(batch);
        if (closing && (batch.isEmpty() || System.nanoTime() - closeDeadlineNanos > 0)) {
          break;
        }
        runRetentionRequests();
        if (!written) {
          pause(closing);
          continue;
        }
        if (System.nanoTime() - nextRetentionNanos > 0) {
          nextRetentionNanos = System.nanoTime() + tuning.retentionEvery().toNanos();
          retention(clock.millis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      queue.stopped();
      int left = queue.queued();
      if (left > 0) {
        LOG.warn("history closed with {} queued results and rollup rows not written: {}", left, degradedReason);
      }
      logDrops();
      RetentionRequest r;
      while ((r = requests.poll()) != null) {
        r.done().complete(null);
      }
      closeConnection();
    }
  }

  /** Once closing, stop writing at {@code deadlineNanos} even if items remain. Call before the queue closes. */
  void closeBy(long deadlineNanos) {
    closeDeadlineNanos = deadlineNanos;
  }

  /** Asks the writer to apply retention as of {@code nowMillis}; the future completes when it is done or failed. */
  CompletableFuture<Void> requestRetention(long nowMillis) {
    RetentionRequest r = new RetentionRequest(nowMillis, new CompletableFuture<>());
    requests.add(r);
    queue.wake();
    return r.done();
  }

  String degradedReason() {
    return degradedReason;
  }

  long commits() {
    return commits;
  }

  long failedCommits() {
    return failedCommits;
  }

  Duration lastCommitDuration() {
    return Duration.ofNanos(lastCommitNanos);
  }

  private void pause(boolean closing) throws InterruptedException {
    long wait = backoffNanos;
    if (closing) {
      wait = Math.max(0, Math.min(wait, closeDeadlineNanos - System.nanoTime()));
    }
    backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
    queue.pause(wait);
  }

  /** Writes one batch in one transaction; on failure the batch is back in the queue and the fault recorded. */
  private boolean commit(WriteQueue.Batch batch) {
    long start = System.nanoTime();
    try {
      Connection c = connection();
      try (Statement s = c.createStatement()) {
        s.execute(backend.begin());
        for (Lane<?> lane : Lane.ALL) {
          write(c, lane, batch);
        }
        s.execute("COMMIT");
      }
      lastCommitNanos = System.nanoTime() - start;
      commits++;
      queue.committed(batch);
      recovered();
      return true;
    } catch (SQLException | RuntimeException e) {
      abandonConnection();
      failedCommits++;
      queue.failed(batch);
      failed(e);
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private <T> void write(Connection c, Lane<T> lane, WriteQueue.Batch batch) throws SQLException {
    List<T> items = batch.items(lane);
    if (!items.isEmpty()) {
      ((LaneWriter<T>) writers.get(lane)).write(c, items);
    }
  }

  private void runRetentionRequests() {
    RetentionRequest r;
    while ((r = requests.poll()) != null) {
      try {
        retention(r.nowMillis());
      } finally {
        r.done().complete(null);
      }
    }
  }

  /**
   * Applies retention in bounded chunks, committing queued batches between chunks so results never wait
   * behind a long delete. A fault stops the pass; the next one resumes.
   */
  private void retention(long nowMillis) {
    try {
      if (retention.apply(connection(), nowMillis, this::commitQueued)) {
        recovered();
      }
    } catch (SQLException | RuntimeException e) {
      abandonConnection();
      failed(e);
    }
  }

  /** Commits what is queued now, if anything; false when that failed. */
  private boolean commitQueued() {
    WriteQueue.Batch batch = queue.takeNow(tuning.maxBatch());
    return batch.isEmpty() || commit(batch);
  }

  private Connection connection() throws SQLException {
    if (broken) {
      closeConnection();
      broken = false;
    }
    if (connection == null) {
      connection = backend.openWriter();
    }
    return connection;
  }

  /**
   * After a failure: roll back whatever is open, and have the next attempt start on a fresh connection
   * (statements still open on this one close normally in the meantime).
   */
  private void abandonConnection() {
    if (connection != null) {
      try (Statement s = connection.createStatement()) {
        s.execute("ROLLBACK");
      } catch (SQLException ignored) {
        // no transaction was open, or the connection is broken; reopening settles both
      }
      broken = true;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing the history write connection failed", e);
      }
      connection = null;
    }
  }

  private void failed(Exception e) {
    String reason = backend.describe(e);
    if (!reason.equals(degradedReason)) {
      LOG.warn("history degraded, writes will be retried: {}", reason);
    }
    degradedReason = reason;
  }

  private void recovered() {
    backoffNanos = FIRST_BACKOFF_NANOS;
    String was = degradedReason;
    if (was != null) {
      degradedReason = null;
      LOG.info("history writes resumed (were failing: {})", was);
    }
  }

  private void logDrops() {
    long dropped = queue.dropped(Lane.RESULTS) + queue.dropped(Lane.ROLLUPS);
    long now = System.nanoTime();
    if (dropped > droppedLogged && now - nextDropLogNanos >= 0) {
      LOG.warn("history queue full: dropped {} of the oldest queued results and rollup rows ({} in total)",
          dropped - droppedLogged, dropped);
      droppedLogged = dropped;
      nextDropLogNanos = now + DROP_LOG_EVERY_NANOS;
    }
  }
}
