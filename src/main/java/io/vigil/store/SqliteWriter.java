package io.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.StorageConfig;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * The one thread that writes the SQLite file. It commits a batch whenever the queue asks for it (at least
 * every commit interval while anything is queued), applies retention about hourly in small transactions
 * between batches, and survives every write fault: a failed batch goes back to the queue, the reason is
 * published as {@link #degradedReason()}, and the writer retries with backoff (reopening its connection)
 * until a commit succeeds again.
 */
final class SqliteWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long DROP_LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long FIRST_RETENTION_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Opens a write connection to the store's file. */
  interface Opener {
    Connection open() throws SQLException;
  }

  private record RetentionRequest(long nowMillis, CompletableFuture<Void> done) {}

  private final String file;
  private final Opener opener;
  private final WriteQueue queue;
  private final SqliteTuning tuning;
  private final StorageConfig.Retention retention;
  private final Clock clock;
  private final ObjectMapper json;
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

  SqliteWriter(String file, Connection connection, Opener opener, WriteQueue queue, SqliteTuning tuning,
      StorageConfig.Retention retention, Clock clock, ObjectMapper json) {
    this.file = file;
    this.connection = connection;
    this.opener = opener;
    this.queue = queue;
    this.tuning = tuning;
    this.retention = retention;
    this.clock = clock;
    this.json = json;
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
        s.execute("BEGIN IMMEDIATE");
        writeIds(c, batch);
        writeResults(c, batch);
        writeRows(c, batch);
        writeCheckpoints(c, batch);
        writeIncidents(c, batch);
        writeAlerts(c, batch);
        writeOutbox(c, batch);
        writeMarks(c, batch);
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

  private void writeIds(Connection c, WriteQueue.Batch batch) throws SQLException {
    if (batch.ids().isEmpty()) {
      return;
    }
    try (PreparedStatement probe = c.prepareStatement(
            "INSERT INTO probes(id, name, definition_hash) VALUES(?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement boundary = c.prepareStatement(
            "INSERT INTO boundaries(id, name) VALUES(?, ?) ON CONFLICT DO NOTHING")) {
      for (WriteQueue.NewId id : batch.ids()) {
        PreparedStatement p = id.probe() ? probe : boundary;
        p.setInt(1, id.id());
        p.setString(2, id.name());
        if (id.probe()) {
          p.setString(3, id.definitionHash());
        }
        p.executeUpdate();
      }
    }
  }

  private void writeResults(Connection c, WriteQueue.Batch batch) throws SQLException {
    if (batch.results().isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement(
        "INSERT OR REPLACE INTO results(start_ms, probe_id, duration_10us, code) VALUES(?, ?, ?, ?)")) {
      for (StoredResult r : batch.results()) {
        p.setLong(1, r.startMillis());
        p.setInt(2, r.probeId());
        p.setInt(3, (r.durationMicros() + 9) / 10); // 10 µs steps, rounded up
        p.setInt(4, ResultCode.pack(r.outcome(), r.reason(), r.httpStatus()));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void writeRows(Connection c, WriteQueue.Batch batch) throws SQLException {
    if (batch.rows().isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("""
        INSERT OR REPLACE INTO rollups(subject, id, resolution, bucket_start, good, valid, excluded, latency,
          up_ms, degraded_ms, down_ms, unknown_ms, maintenance_ms)
        VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (BucketRow r : batch.rows().values()) {
        p.setInt(1, SqliteStore.subjectCode(r.subject()));
        p.setInt(2, r.id());
        p.setInt(3, SqliteStore.resolutionCode(r.resolution()));
        p.setLong(4, r.bucketStart());
        p.setLong(5, r.good());
        p.setLong(6, r.valid());
        p.setLong(7, r.excluded());
        p.setBytes(8, r.latency() == null ? new byte[0] : r.latency().toBytes());
        p.setLong(9, r.upMs());
        p.setLong(10, r.degradedMs());
        p.setLong(11, r.downMs());
        p.setLong(12, r.unknownMs());
        p.setLong(13, r.maintenanceMs());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void writeCheckpoints(Connection c, WriteQueue.Batch batch) throws SQLException {
    if (batch.checkpoints().isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement(
        "INSERT OR REPLACE INTO checkpoints(boundary_id, until_ms) VALUES(?, ?)")) {
      for (Map.Entry<Integer, Long> e : batch.checkpoints().entrySet()) {
        p.setInt(1, e.getKey());
        p.setLong(2, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void writeIncidents(Connection c, WriteQueue.Batch batch) throws SQLException {
    if (batch.incidents().isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("""
        INSERT OR REPLACE INTO incidents(id, boundary, start_ms, detected_ms, end_ms, resolved_ms, probes,
          first_reason)
        VALUES(?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (Incident i : batch.incidents().values()) {
        p.setString(1, i.id());
        p.setString(2, i.boundary());
        p.setLong(3, i.startMillis());
        p.setLong(4, i.detectedMillis());
        p.setLong(5, i.endMillis());
        p.setLong(6, i.resolvedMillis());
        p.setString(7, probesJson(i));
        p.setString(8, i.firstReason());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void writeAlerts(Connection c, WriteQueue.Batch batch) throws SQLException {
    if (batch.alerts().isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("""
        INSERT OR REPLACE INTO alerts(incident, alert_key, started_ms, resolved_ms, state) VALUES(?, ?, ?, ?, ?)""")) {
      for (AlertRecord a : batch.alerts().values()) {
        p.setString(1, a.incident());
        p.setString(2, a.alertKey());
        p.setLong(3, a.startedMillis());
        p.setLong(4, a.resolvedMillis());
        p.setString(5, a.state());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** New entries in queue order (which orders the messages of an incident); a known key is left alone. */
  private void writeOutbox(Connection c, WriteQueue.Batch batch) throws SQLException {
    if (batch.outbox().isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("""
        INSERT INTO outbox(key, incident, notifier, payload, created_ms, expires_ms, state, attempts,
          next_attempt_ms, settled_ms, last_error)
        VALUES(?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?) ON CONFLICT(key) DO NOTHING""")) {
      for (OutboxEntry e : batch.outbox()) {
        p.setString(1, e.key());
        p.setString(2, e.incident());
        p.setString(3, e.notifier());
        p.setString(4, e.payload());
        p.setLong(5, e.createdMillis());
        p.setLong(6, e.expiresMillis());
        p.setInt(7, e.attempts());
        p.setLong(8, e.nextAttemptMillis());
        p.setString(9, e.lastError());
        p.executeUpdate();
      }
    }
  }

  private void writeMarks(Connection c, WriteQueue.Batch batch) throws SQLException {
    if (batch.marks().isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("""
        UPDATE outbox SET state = ?, attempts = ?, next_attempt_ms = ?, settled_ms = ?, last_error = ?
        WHERE key = ? AND state = 0""")) {
      for (NotificationMark m : batch.marks().values()) {
        p.setInt(1, m.state().code);
        p.setInt(2, m.attempts());
        p.setLong(3, m.nextAttemptMillis());
        p.setLong(4, m.state() == NotificationMark.State.PENDING ? 0 : m.atMillis());
        p.setString(5, m.error());
        p.setString(6, m.key());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private String probesJson(Incident i) {
    try {
      return json.writeValueAsString(i.probes() == null ? List.of() : i.probes());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
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
   * Deletes what retention no longer keeps, a bounded chunk per transaction, committing queued batches between
   * chunks so results never wait behind a long delete. A fault stops the pass; the next one resumes.
   */
  private void retention(long nowMillis) {
    try {
      Connection c = connection();
      boolean done = deleteResultsBefore(c, nowMillis - retention.raw().toMillis())
          && deleteRollupsBefore(c, Resolution.MINUTE, nowMillis - retention.minute().toMillis())
          && deleteRollupsBefore(c, Resolution.HOUR, nowMillis - retention.hour().toMillis())
          && deleteRollupsBefore(c, Resolution.DAY, nowMillis - retention.day().toMillis());
      if (!done) {
        return; // a batch between chunks failed: the fault is recorded, the next pass resumes
      }
      c = connection();
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM incidents WHERE resolved_ms != 0 AND end_ms != 0 AND end_ms < ?")) {
        p.setLong(1, nowMillis - retention.day().toMillis());
        inTransaction(c, p::executeUpdate);
      }
      long settledCut = nowMillis - retention.raw().toMillis();
      try (PreparedStatement alerts = c.prepareStatement(
              "DELETE FROM alerts WHERE resolved_ms != 0 AND resolved_ms < ?");
          PreparedStatement outbox = c.prepareStatement(
              "DELETE FROM outbox WHERE state != 0 AND settled_ms < ?")) {
        alerts.setLong(1, settledCut);
        outbox.setLong(1, settledCut);
        inTransaction(c, () -> alerts.executeUpdate() + outbox.executeUpdate());
      }
      recovered();
    } catch (SQLException | RuntimeException e) {
      abandonConnection();
      failed(e);
    }
  }

  private boolean deleteResultsBefore(Connection c, long cutMillis) throws SQLException {
    try (PreparedStatement bound = c.prepareStatement(
            "SELECT start_ms FROM results WHERE start_ms < ? ORDER BY start_ms LIMIT 1 OFFSET ?");
        PreparedStatement first = c.prepareStatement(
            "SELECT start_ms FROM results ORDER BY start_ms LIMIT 1");
        PreparedStatement delete = c.prepareStatement("DELETE FROM results WHERE start_ms < ?")) {
      while (true) {
        long oldest = firstLong(first, Long.MAX_VALUE);
        if (oldest >= cutMillis) {
          return true;
        }
        bound.setLong(1, cutMillis);
        bound.setInt(2, tuning.retentionChunk());
        long upTo = firstLong(bound, cutMillis);
        delete.setLong(1, Math.max(upTo, oldest + 1));
        inTransaction(c, delete::executeUpdate);
        if (!commitQueued()) {
          return false;
        }
      }
    }
  }

  private boolean deleteRollupsBefore(Connection c, Resolution resolution, long cutMillis) throws SQLException {
    try (PreparedStatement next = c.prepareStatement(
            "SELECT subject, id FROM rollups WHERE (subject, id) > (?, ?) ORDER BY subject, id LIMIT 1");
        PreparedStatement bound = c.prepareStatement("""
            SELECT bucket_start FROM rollups WHERE subject = ? AND id = ? AND resolution = ? AND bucket_start < ?
            ORDER BY bucket_start LIMIT 1 OFFSET ?""");
        PreparedStatement delete = c.prepareStatement(
            "DELETE FROM rollups WHERE subject = ? AND id = ? AND resolution = ? AND bucket_start < ?")) {
      int subject = -1;
      long id = Long.MIN_VALUE;
      while (true) {
        next.setInt(1, subject);
        next.setLong(2, id);
        try (ResultSet rs = next.executeQuery()) {
          if (!rs.next()) {
            return true;
          }
          subject = rs.getInt(1);
          id = rs.getLong(2);
        }
        while (true) {
          bound.setInt(1, subject);
          bound.setLong(2, id);
          bound.setInt(3, SqliteStore.resolutionCode(resolution));
          bound.setLong(4, cutMillis);
          bound.setInt(5, tuning.retentionChunk());
          long upTo = firstLong(bound, cutMillis);
          delete.setInt(1, subject);
          delete.setLong(2, id);
          delete.setInt(3, SqliteStore.resolutionCode(resolution));
          delete.setLong(4, upTo);
          int deleted = inTransaction(c, delete::executeUpdate);
          if (upTo == cutMillis || deleted == 0) {
            break;
          }
          if (!commitQueued()) {
            return false;
          }
        }
      }
    }
  }

  private interface SqlWork {
    int run() throws SQLException;
  }

  private static int inTransaction(Connection c, SqlWork work) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      int n = work.run();
      s.execute("COMMIT");
      return n;
    }
  }

  private static long firstLong(PreparedStatement p, long otherwise) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      return rs.next() ? rs.getLong(1) : otherwise;
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
      connection = opener.open();
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
    String reason = SqliteFaults.describe(file, e);
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
    long dropped = queue.resultsDropped() + queue.rowsDropped();
    long now = System.nanoTime();
    if (dropped > droppedLogged && now - nextDropLogNanos >= 0) {
      LOG.warn("history queue full: dropped {} of the oldest queued results and rollup rows ({} in total)",
          dropped - droppedLogged, dropped);
      droppedLogged = dropped;
      nextDropLogNanos = now + DROP_LOG_EVERY_NANOS;
    }
  }
}
