package io.vigil.store;

import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.sqlite.SQLiteConfig;

/**
 * Reads a SQLite history file through one read-only connection. Opening never creates the file, its folder
 * or its schema: a missing file, a file that is not Vigil's, or a schema other than this Vigil's is refused
 * with a message that says what to do. All reads run in one read transaction, so a report is computed from
 * one consistent state while {@code vigil run} writes (WAL lets readers and the writer work side by side).
 * Not thread-safe: one reader per thread.
 */
public final class SqliteHistoryReader implements HistoryReader {
  private static final int BUSY_TIMEOUT_MS = 5_000;

  private final Path file;
  private final Connection connection;

  private SqliteHistoryReader(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens {@code file} read-only. Blocks.
   *
   * @throws StoreException when the file does not exist, is not a regular file, is not a Vigil history
   *     database, has another schema version than this Vigil's, or cannot be read
   */
  public static SqliteHistoryReader open(Path file) {
    Path path = file.toAbsolutePath();
    if (!Files.exists(path)) {
      throw new StoreException("no history database at " + path
          + " (vigil run creates it when it starts; check storage.sqlite in the service file)");
    }
    if (!Files.isRegularFile(path)) {
      throw new StoreException("cannot read history database " + path + ": it is not a regular file");
    }
    Connection c = null;
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      c = config.createConnection("jdbc:sqlite:" + path);
      checkSchema(c, path);
      c.setAutoCommit(false); // one read transaction: every read sees the same snapshot
      return new SqliteHistoryReader(path, c);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("cannot read history database " + path + ": " + e.getMessage(), e);
    }
  }

  private static void checkSchema(Connection c, Path path) throws SQLException {
    int latest = SqliteSchema.latest(SqliteSchema.MIGRATIONS);
    try (Statement s = c.createStatement()) {
      int appId = SqliteSchema.intPragma(s, "application_id");
      int version = SqliteSchema.intPragma(s, "user_version");
      if (appId != SqliteSchema.APPLICATION_ID) {
        throw new StoreException("cannot read history database " + path + ": it is not a Vigil history database"
            + (appId == 0 ? "" : " (application_id " + appId + ")"));
      }
      if (version > latest) {
        throw new StoreException("cannot read history database " + path + ": its schema version " + version
            + " is newer than this Vigil supports (" + latest + "); use a newer Vigil");
      }
      if (version < latest) {
        throw new StoreException("cannot read history database " + path + ": its schema version " + version
            + " is older than this Vigil's (" + latest + "); start vigil run once to upgrade it");
      }
    }
  }

  @Override
  public OptionalInt boundaryId(String name) {
    return read(() -> {
      try (PreparedStatement p = connection.prepareStatement("SELECT id FROM boundaries WHERE name = ?")) {
        p.setString(1, name);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
        }
      }
    });
  }

  @Override
  public List<Integer> probeIds(String name) {
    return read(() -> {
      try (PreparedStatement p = connection.prepareStatement("SELECT id FROM probes WHERE name = ? ORDER BY id")) {
        p.setString(1, name);
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getInt(1));
          }
        }
        return List.copyOf(ids);
      }
    });
  }

  @Override
  public List<BucketRow> buckets(Subject subject, int id, Resolution resolution, long fromMillis, long toMillis) {
    return read(() -> HistoryQueries.buckets(connection, subject, id, resolution, fromMillis, toMillis));
  }

  @Override
  public List<Incident> incidents(String boundary, long fromMillis, long toMillis) {
    return read(() -> HistoryQueries.incidents(connection, boundary, fromMillis, toMillis));
  }

  @Override
  public List<ChangeEvent> changes(String boundary, long fromMillis, long toMillis) {
    return read(() -> HistoryQueries.changes(connection, boundary, fromMillis, toMillis));
  }

  @Override
  public List<StoredResult> results(int probeId, long fromMillis, long toMillis) {
    return read(() -> HistoryQueries.results(connection, probeId, fromMillis, toMillis, "NULL"));
  }

  @Override
  public java.util.Map<String, String> postmortems(String boundary) {
    return read(() -> HistoryQueries.postmortems(connection, boundary));
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // nothing was written; closing ends the transaction either way
    }
    closeQuietly(connection);
  }

  private interface Read<T> {
    T apply() throws SQLException;
  }

  private <T> T read(Read<T> read) {
    try {
      return read.apply();
    } catch (SQLException e) {
      throw new StoreException("cannot read history from " + file + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // a read-only connection holds nothing to lose
    }
  }
}
