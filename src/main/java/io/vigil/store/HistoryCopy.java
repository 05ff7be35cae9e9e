package io.vigil.store;

import io.vigil.config.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * Copies a whole history (ids, raw results, rollups, checkpoints, incidents, alerts, outbox, change events,
 * postmortem links) from one database to another: {@code sqlite:PATH} or {@code postgres:URL} either way, into a target that holds no history yet
 * (so ids keep their meaning). Raw results copied into PostgreSQL get the given node and location; copied out
 * of it they lose them.
 */
public final class HistoryCopy {
  private static final int BATCH = 5_000;
  private static final List<String> TABLES =
      List.of("probes", "boundaries", "results", "rollups", "checkpoints", "incidents", "alerts", "outbox",
          "change_events", "postmortems");
  private static final String RESULT_COLUMNS = "start_ms, probe_id, duration_10us, code";

  private HistoryCopy() {}

  /** An end of the copy: a connection, and whether it is PostgreSQL. */
  private record End(Connection connection, boolean postgres, String label) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  /**
   * Copies every table; returns the rows copied per table.
   *
   * @throws StoreException when an end cannot be opened, the source is not a Vigil history, the target already
   *     holds history, or a copy fails (the target's transaction is rolled back: it is left without history)
   */
  public static Map<String, Long> copy(String from, String to, String node, String location, Duration retry) {
    try (End src = open(from, false, retry); End dst = open(to, true, retry)) {
      try (Statement s = dst.connection().createStatement();
          ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM probes) + (SELECT count(*) FROM boundaries)"
              + " + (SELECT count(*) FROM rollups)")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          throw new StoreException("history copy: the target " + dst.label() + " already holds history;"
              + " copy into a new database");
        }
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      dst.connection().setAutoCommit(false);
      try {
        for (String table : TABLES) {
          counts.put(table, copyTable(src, dst, table, node, location));
        }
        if (dst.postgres()) {
          try (Statement s = dst.connection().createStatement()) {
            for (String t : List.of("probes", "boundaries")) {
              s.execute("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), coalesce(max(id), 0) + 1, false)"
                  + " FROM " + t);
            }
            s.execute("SELECT setval(pg_get_serial_sequence('outbox', 'seq'), coalesce(max(seq), 0) + 1, false)"
                + " FROM outbox");
          }
        }
        dst.connection().commit();
      } catch (SQLException | RuntimeException e) {
        dst.connection().rollback();
        throw e;
      }
      return counts;
    } catch (SQLException e) {
      throw new StoreException("history copy failed: " + e.getMessage(), null);
    }
  }

  private static long copyTable(End src, End dst, String table, String node, String location) throws SQLException {
    String columns = columns(src.connection(), table);
    String insertColumns = columns;
    if (table.equals("results")) {
      columns = RESULT_COLUMNS;
      insertColumns = RESULT_COLUMNS + (dst.postgres() ? ", node, location" : "");
    }
    int n = columns.split(",").length;
    int extra = insertColumns.split(",").length - n;
    String marks = "?" + ", ?".repeat(n + extra - 1);
    long copied = 0;
    try (Statement read = src.connection().createStatement();
        PreparedStatement write = dst.connection().prepareStatement(
            "INSERT INTO " + table + "(" + insertColumns + ") VALUES(" + marks + ") ON CONFLICT DO NOTHING")) {
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery("SELECT " + columns + " FROM " + table)) {
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            write.setObject(i, rs.getObject(i));
          }
          if (extra > 0) {
            write.setString(n + 1, node);
            write.setString(n + 2, location);
          }
          write.addBatch();
          if (++copied % BATCH == 0) {
            write.executeBatch();
          }
        }
      }
      write.executeBatch();
    }
    return copied;
  }

  /** The source table's columns, in order. */
  private static String columns(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        b.append(i == 1 ? "" : ", ").append(rs.getMetaData().getColumnName(i));
      }
      return b.toString();
    }
  }

  private static End open(String spec, boolean target, Duration retry) throws SQLException {
    if (spec.startsWith("sqlite:")) {
      Path file = Path.of(spec.substring("sqlite:".length())).toAbsolutePath();
      if (target) {
        SqliteStore.open(file, StorageConfig.Retention.DEFAULT, Clock.systemUTC()).close(); // creates the schema
      } else {
        SqliteHistoryReader.open(file).close(); // refuses what is not a current Vigil history
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(!target);
      return new End(config.createConnection("jdbc:sqlite:" + file), false, file.toString());
    }
    if (spec.startsWith("postgres:") || spec.startsWith("postgresql:")) {
      String url = spec.startsWith("postgres:") && !spec.startsWith("postgres://")
          ? spec.substring("postgres:".length()) : spec;
      PostgresTarget t = PostgresTarget.parse(url, System.getenv().getOrDefault("VIGIL_PG_PASSWORD", ""));
      Connection c = PostgresStore.connectWithRetry(t, retry);
      try {
        if (target) {
          PostgresSchema.migrate(c, t.label(), PostgresSchema.MIGRATIONS);
        } else {
          try (Statement s = c.createStatement()) {
            int latest = SqliteSchema.latest(PostgresSchema.MIGRATIONS);
            if (PostgresSchema.checkedVersion(s, t.label(), latest) != latest) {
              throw new StoreException("history copy: " + t.label() + " holds no Vigil history of this version");
            }
          }
          c.setReadOnly(true);
          c.setAutoCommit(false); // a snapshot, and a cursor for the fetch size
        }
      } catch (SQLException e) {
        c.close();
        throw new SQLException(t.redact(e.getMessage()));
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
      return new End(c, true, t.label());
    }
    throw new StoreException("history copy: expected sqlite:PATH or postgres:URL, got '"
        + spec.replaceAll("//[^@/]*@", "//") + "'");
  }
}
