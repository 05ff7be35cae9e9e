package io.vigil.store;

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
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * History in one SQLite file (WAL mode, {@code synchronous=NORMAL}): what a process crash cannot lose is
 * every committed batch; an OS crash or power loss may also lose the last few commits. Reads run on their own
 * read-only connections. Ids are assigned in memory (one Vigil process owns a SQLite file) and recorded
 * through the queue, no later than the first result that uses them, so they are stable across restarts.
 */
public final class SqliteStore extends JdbcStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  private static final long WAL_LIMIT_BYTES = 16L << 20;

  private final Path file;

  private SqliteStore(Path file, SqliteBackend backend, Connection writeConnection,
      StorageConfig.Retention retention, Clock clock, SqliteTuning tuning) {
    super(backend, writeConnection, retention, clock, tuning);
    this.file = file;
    backend.queue = queue();
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
      c = plain(path, tuning, false);
      SqliteSchema.refuseForeign(c, path.toString()); // before anything (even WAL) touches the file
      walMode(c, path);
      SqliteSchema.migrate(c, path.toString(), tuning.migrations());
      SqliteBackend backend = new SqliteBackend(path, tuning);
      try (Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT id, name, definition_hash FROM probes")) {
          while (rs.next()) {
            backend.probeIds.put(new ProbeKey(rs.getString(2), rs.getString(3)), rs.getInt(1));
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT id, name FROM boundaries")) {
          while (rs.next()) {
            backend.boundaryIds.put(rs.getString(2), rs.getInt(1));
          }
        }
      }
      backend.lastProbeId = backend.probeIds.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      backend.lastBoundaryId = backend.boundaryIds.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      return new SqliteStore(path, backend, c, retention, clock, tuning);
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

  private static Connection plain(Path file, SqliteTuning tuning, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) tuning.busyTimeout().toMillis());
    config.setReadOnly(readOnly);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private static Connection connect(Path file, SqliteTuning tuning, boolean readOnly) throws SQLException {
    Connection c = plain(file, tuning, readOnly);
    if (readOnly) {
      return c;
    }
    try {
      return walMode(c, file);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private static Connection walMode(Connection c, Path file) throws SQLException {
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
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  private record ProbeKey(String name, String definitionHash) {}

  /** SQLite's part: its connections, its raw-result and id SQL, its fault messages, ids in memory. */
  private static final class SqliteBackend implements Backend {
    private final Path file;
    private final SqliteTuning tuning;
    private final ReadConnections readers;
    private final Map<ProbeKey, Integer> probeIds = new HashMap<>();
    private final Map<String, Integer> boundaryIds = new HashMap<>();
    private int lastProbeId;
    private int lastBoundaryId;
    private WriteQueue queue;

    SqliteBackend(Path file, SqliteTuning tuning) {
      this.file = file;
      this.tuning = tuning;
      this.readers = new ReadConnections(file.toString(), () -> connect(file, tuning, true));
    }

    @Override
    public String label() {
      return file.toString();
    }

    @Override
    public Connection openWriter() throws SQLException {
      return connect(file, tuning, false);
    }

    @Override
    public <T> T read(ReadConnections.Read<T> read) {
      return readers.read(read);
    }

    @Override
    public String begin() {
      return "BEGIN IMMEDIATE";
    }

    @Override
    public String describe(Exception e) {
      return SqliteFaults.describe(file.toString(), e);
    }

    @Override
    public Map<Lane<?>, LaneWriter<?>> writers() {
      LaneWriter<StoredResult> results = LaneWriter.batch(
          "INSERT OR REPLACE INTO results(start_ms, probe_id, duration_10us, code) VALUES(?, ?, ?, ?)", (p, r) -> {
            p.setLong(1, r.startMillis());
            p.setInt(2, r.probeId());
            p.setInt(3, Tables.duration10us(r));
            p.setInt(4, ResultCode.pack(r));
          });
      LaneWriter<Lane.NewId> ids = (c, items) -> {
        try (PreparedStatement probe = c.prepareStatement(
                "INSERT INTO probes(id, name, definition_hash) VALUES(?, ?, ?) ON CONFLICT DO NOTHING");
            PreparedStatement boundary = c.prepareStatement(
                "INSERT INTO boundaries(id, name) VALUES(?, ?) ON CONFLICT DO NOTHING")) {
          for (Lane.NewId id : items) {
            PreparedStatement p = id.probe() ? probe : boundary;
            p.setInt(1, id.id());
            p.setString(2, id.name());
            if (id.probe()) {
              p.setString(3, id.definitionHash());
            }
            p.executeUpdate();
          }
        }
      };
      return Tables.writers(results, ids);
    }

    @Override
    public synchronized int probeId(String name, String definitionHash) {
      ProbeKey key = new ProbeKey(name, definitionHash);
      Integer id = probeIds.get(key);
      if (id == null) {
        id = ++lastProbeId;
        probeIds.put(key, id);
        queue.put(java.util.List.of(new WriteQueue.Item<>(Lane.IDS, new Lane.NewId(true, id, name, definitionHash))),
            false);
      }
      return id;
    }

    @Override
    public synchronized int boundaryId(String name) {
      Integer id = boundaryIds.get(name);
      if (id == null) {
        id = ++lastBoundaryId;
        boundaryIds.put(name, id);
        queue.put(java.util.List.of(new WriteQueue.Item<>(Lane.IDS, new Lane.NewId(false, id, name, null))), false);
      }
      return id;
    }

    @Override
    public void close() {
      readers.close();
    }
  }
}
