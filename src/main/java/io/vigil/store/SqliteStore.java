package io.vigil.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.sqlite.SQLiteConfig;

/**
 * History in one SQLite file (WAL mode, {@code synchronous=NORMAL}): what a process crash cannot lose is
 * every committed batch; an OS crash or power loss may also lose the last few commits.
 *
 * <ul>
 *   <li>Writes ({@link #append}, {@link #saveAccounting}, {@link #saveIncident}, {@link #saveAlert},
 *       {@link #markNotification}) only queue: they never block
 *       and never throw on a fault. One writer thread commits the queue in batches, at least every 200 ms.
 *       When writes fail (unwritable or locked file, full disk, I/O error), the queue is kept and retried with
 *       backoff, {@link #degradedReason()} says why, and beyond the queue's bound the oldest results are
 *       dropped and counted.
 *   <li>Reads run on their own connections and see what is committed; they block and throw
 *       {@link StoreException} when the file cannot be read. Call them from worker threads.
 *   <li>Ids are assigned in memory (one Vigil process owns a SQLite file) and recorded through the queue, no
 *       later than the first result that uses them, so they are stable across restarts.
 * </ul>
 */
public final class SqliteStore implements HistoryStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  private static final long WAL_LIMIT_BYTES = 16L << 20;

  private record ProbeKey(String name, String definitionHash) {}

  private final Path file;
  private final SqliteTuning tuning;
  private final WriteQueue queue;
  private final SqliteWriter writer;
  private final Thread writerThread;
  private final ReadConnections readers;
  private final ObjectMapper json;
  private final Map<ProbeKey, Integer> probeIds;
  private final Map<String, Integer> boundaryIds;
  private final AtomicBoolean closed = new AtomicBoolean();
  private int lastProbeId;
  private int lastBoundaryId;

  private SqliteStore(Path file, Connection writeConnection, StorageConfig.Retention retention, Clock clock,
      SqliteTuning tuning, Map<ProbeKey, Integer> probeIds, Map<String, Integer> boundaryIds) {
    this.file = file;
    this.tuning = tuning;
    this.json = new ObjectMapper();
    this.probeIds = probeIds;
    this.boundaryIds = boundaryIds;
    this.lastProbeId = probeIds.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    this.lastBoundaryId = boundaryIds.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    this.queue = new WriteQueue(tuning.capacity(), tuning.commitSoonAt());
    this.writer = new SqliteWriter(file.toString(), writeConnection, () -> connect(file, tuning, false), queue,
        tuning, retention, clock, json);
    this.readers = new ReadConnections(file.toString(), () -> connect(file, tuning, true));
    this.writerThread = new Thread(writer, "vigil-history-writer");
    this.writerThread.setDaemon(true);
    this.writerThread.start();
  }

  /** Loads SQLite's native library (it is unpacked from the jar); opening a store does it too, later. */
  public static void loadLibrary() {
    try {
      org.sqlite.SQLiteJDBCLoader.initialize();
    } catch (Exception e) {
      throw new StoreException("cannot load SQLite's native library: " + e.getMessage(), e);
    }
  }

  /**
   * Opens (creating it and its folders if needed) and migrates the database, and starts the writer. Blocks.
   *
   * @throws StoreException when the file cannot be opened at all: its folder cannot be created, it is not a
   *     SQLite database or not Vigil's, it comes from a newer Vigil, or it cannot be read
   */
  public static SqliteStore open(Path file, StorageConfig.Retention retention, Clock clock) {
    return open(file, retention, clock, SqliteTuning.DEFAULT);
  }

  // VisibleForTesting: smaller bounds and intervals, extra schema steps
  static SqliteStore open(Path file, StorageConfig.Retention retention, Clock clock, SqliteTuning tuning) {
    Path path = file.toAbsolutePath();
    try {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the folder of history database " + path + ": " + e, e);
    }
    if (Files.isDirectory(path)) {
      throw new StoreException("cannot open history database " + path + ": it is a directory");
    }
    Connection c = null;
    try {
      c = connect(path, tuning, false);
      SqliteSchema.migrate(c, path.toString(), tuning.migrations());
      Map<ProbeKey, Integer> probes = new HashMap<>();
      Map<String, Integer> boundaries = new HashMap<>();
      try (Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT id, name, definition_hash FROM probes")) {
          while (rs.next()) {
            probes.put(new ProbeKey(rs.getString(2), rs.getString(3)), rs.getInt(1));
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT id, name FROM boundaries")) {
          while (rs.next()) {
            boundaries.put(rs.getString(2), rs.getInt(1));
          }
        }
      }
      return new SqliteStore(path, c, retention, clock, tuning, probes, boundaries);
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the open failure is what the caller needs to see
        }
      }
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("cannot open history database " + path + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file, SqliteTuning tuning, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) tuning.busyTimeout().toMillis());
    config.setReadOnly(readOnly);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    if (readOnly) {
      return c;
    }
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : "";
        if (!"wal".equalsIgnoreCase(mode)) {
          LOG.warn("history database {}: WAL mode unavailable (journal mode {}); reads may wait for writes",
              file, mode);
        }
      }
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA journal_size_limit = " + WAL_LIMIT_BYTES);
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public synchronized int probeId(String name, String definitionHash) {
    ProbeKey key = new ProbeKey(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(definitionHash, "definitionHash"));
    Integer id = probeIds.get(key);
    if (id == null) {
      id = ++lastProbeId;
      probeIds.put(key, id);
      queue.addId(new WriteQueue.NewId(true, id, name, definitionHash));
    }
    return id;
  }

  @Override
  public synchronized int boundaryId(String name) {
    Objects.requireNonNull(name, "name");
    Integer id = boundaryIds.get(name);
    if (id == null) {
      id = ++lastBoundaryId;
      boundaryIds.put(name, id);
      queue.addId(new WriteQueue.NewId(false, id, name, null));
    }
    return id;
  }

  @Override
  public void append(StoredResult result) {
    Objects.requireNonNull(result.outcome(), "outcome");
    queue.append(result);
  }

  @Override
  public void saveAccounting(List<BucketRow> rows, Map<Integer, Long> checkpoints) {
    for (BucketRow row : rows) {
      Objects.requireNonNull(row.subject(), "subject");
      Objects.requireNonNull(row.resolution(), "resolution");
    }
    queue.saveAccounting(List.copyOf(rows), Map.copyOf(checkpoints));
  }

  @Override
  public void saveIncident(Incident incident) {
    Objects.requireNonNull(incident.id(), "id");
    Objects.requireNonNull(incident.boundary(), "boundary");
    queue.saveIncident(incident);
  }

  @Override
  public void saveAlert(AlertRecord alert, List<OutboxEntry> notifications) {
    Objects.requireNonNull(alert.incident(), "incident");
    Objects.requireNonNull(alert.alertKey(), "alertKey");
    Objects.requireNonNull(alert.state(), "state");
    for (OutboxEntry e : notifications) {
      Objects.requireNonNull(e.key(), "key");
      Objects.requireNonNull(e.incident(), "incident");
      Objects.requireNonNull(e.notifier(), "notifier");
      Objects.requireNonNull(e.payload(), "payload");
    }
    queue.saveAlert(alert, List.copyOf(notifications));
  }

  @Override
  public void markNotification(NotificationMark mark) {
    Objects.requireNonNull(mark.key(), "key");
    Objects.requireNonNull(mark.state(), "state");
    queue.markNotification(mark);
  }

  @Override
  public boolean flush() {
    return queue.flush();
  }

  @Override
  public List<StoredResult> results(long fromMillis, long toMillis) {
    return readers.read(c -> {
      try (PreparedStatement p = c.prepareStatement("""
          SELECT probe_id, start_ms, duration_10us, code FROM results
          WHERE start_ms >= ? AND start_ms < ? ORDER BY start_ms, probe_id""")) {
        p.setLong(1, fromMillis);
        p.setLong(2, toMillis);
        return results(p);
      }
    });
  }

  @Override
  public List<StoredResult> results(int probeId, long fromMillis, long toMillis) {
    return readers.read(c -> {
      try (PreparedStatement p = c.prepareStatement("""
          SELECT probe_id, start_ms, duration_10us, code FROM results
          WHERE start_ms >= ? AND start_ms < ? AND probe_id = ? ORDER BY start_ms""")) {
        p.setLong(1, fromMillis);
        p.setLong(2, toMillis);
        p.setInt(3, probeId);
        return results(p);
      }
    });
  }

  private static List<StoredResult> results(PreparedStatement p) throws SQLException {
    List<StoredResult> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        int code = rs.getInt(4);
        out.add(new StoredResult(rs.getInt(1), rs.getLong(2), (int) Math.min(Integer.MAX_VALUE, rs.getLong(3) * 10),
            ResultCode.outcome(code),
            ResultCode.reason(code), ResultCode.httpStatus(code)));
      }
    }
    return out;
  }

  @Override
  public List<BucketRow> buckets(Subject subject, int id, Resolution resolution, long fromMillis, long toMillis) {
    return readers.read(c -> SqliteQueries.buckets(c, subject, id, resolution, fromMillis, toMillis));
  }

  @Override
  public OptionalLong checkpoint(int boundaryId) {
    return readers.read(c -> SqliteQueries.checkpoint(c, boundaryId));
  }

  @Override
  public List<Incident> incidents(String boundary, long fromMillis, long toMillis) {
    return readers.read(c -> SqliteQueries.incidents(c, boundary, fromMillis, toMillis));
  }

  @Override
  public List<Incident> openIncidents() {
    return readers.read(SqliteQueries::openIncidents);
  }

  @Override
  public List<AlertRecord> firingAlerts() {
    return readers.read(c -> {
      try (PreparedStatement p = c.prepareStatement("""
          SELECT incident, alert_key, started_ms, resolved_ms, state FROM alerts
          WHERE resolved_ms = 0 ORDER BY started_ms, incident""")) {
        List<AlertRecord> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(new AlertRecord(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<OutboxEntry> nextNotifications(int limit) {
    return readers.read(c -> {
      try (PreparedStatement p = c.prepareStatement("""
          SELECT key, incident, notifier, payload, created_ms, expires_ms, attempts, next_attempt_ms, last_error
          FROM outbox o WHERE state = 0 AND NOT EXISTS (
            SELECT 1 FROM outbox e WHERE e.state = 0 AND e.incident = o.incident AND e.notifier = o.notifier
              AND e.seq < o.seq)
          ORDER BY seq LIMIT ?""")) {
        p.setInt(1, limit);
        List<OutboxEntry> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getLong(5), rs.getLong(6), rs.getInt(7), rs.getLong(8), rs.getString(9)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public int pendingNotifications() {
    return readers.read(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE state = 0")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
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
      readers.close();
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Raw results committed since open. */
  public long resultsWritten() {
    return queue.resultsWritten();
  }

  /** Raw results dropped since open because the queue was full (or the store closed). */
  public long resultsDropped() {
    return queue.resultsDropped();
  }

  /** Rollup rows committed since open. */
  public long rollupRowsWritten() {
    return queue.rowsWritten();
  }

  /** Rollup rows dropped since open because the queue was full of them (or the store closed). */
  public long rollupRowsDropped() {
    return queue.rowsDropped();
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

  static int subjectCode(Subject subject) {
    return switch (subject) {
      case BOUNDARY -> 0;
      case PROBE -> 1;
    };
  }

  /** Stored as the bucket width in seconds, so the file reads without this code. */
  static int resolutionCode(Resolution resolution) {
    return (int) (resolution.millis() / 1000);
  }
}
