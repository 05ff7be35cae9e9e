package io.vigil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL schema as numbered migrations. The version lives in {@code vigil_schema}; the steps run once,
 * under an advisory lock, so several nodes starting together never race. A database that holds tables but no
 * {@code vigil_schema} belongs to another program, and one whose version is ahead of these steps to a newer
 * Vigil: both are refused before anything is written.
 *
 * <p>Raw results carry the {@code node} that ran them and its {@code location}; two nodes can run the same
 * probe in the same millisecond, so the node is part of the key.
 */
final class PostgresSchema {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresSchema.class);
  /** "Vigl" in ASCII, as SQLite's application_id: the advisory lock Vigil's migrations run under. */
  static final long LOCK = 0x5669676CL;

  static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, "raw results, ids, rollups, checkpoints, incidents, alerts, outbox", List.of(
          "CREATE TABLE vigil_schema(version INTEGER NOT NULL)",
          "INSERT INTO vigil_schema(version) VALUES(0)",
          """
          CREATE TABLE probes(
            id SERIAL PRIMARY KEY,
            name TEXT NOT NULL,
            definition_hash TEXT NOT NULL,
            UNIQUE(name, definition_hash))""",
          """
          CREATE TABLE boundaries(
            id SERIAL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE)""",
          """
          CREATE TABLE results(
            start_ms BIGINT NOT NULL,
            probe_id INTEGER NOT NULL,
            node TEXT NOT NULL,
            location TEXT NOT NULL,
            duration_10us INTEGER NOT NULL,
            code INTEGER NOT NULL,
            PRIMARY KEY(start_ms, probe_id, node))""",
          """
          CREATE TABLE rollups(
            subject INTEGER NOT NULL,
            id INTEGER NOT NULL,
            resolution INTEGER NOT NULL,
            bucket_start BIGINT NOT NULL,
            good BIGINT NOT NULL,
            valid BIGINT NOT NULL,
            excluded BIGINT NOT NULL,
            latency BYTEA NOT NULL,
            up_ms BIGINT NOT NULL,
            degraded_ms BIGINT NOT NULL,
            down_ms BIGINT NOT NULL,
            unknown_ms BIGINT NOT NULL,
            maintenance_ms BIGINT NOT NULL,
            PRIMARY KEY(subject, id, resolution, bucket_start))""",
          """
          CREATE TABLE checkpoints(
            boundary_id INTEGER PRIMARY KEY,
            until_ms BIGINT NOT NULL)""",
          """
          CREATE TABLE incidents(
            id TEXT PRIMARY KEY,
            boundary TEXT NOT NULL,
            start_ms BIGINT NOT NULL,
            detected_ms BIGINT NOT NULL,
            end_ms BIGINT NOT NULL,
            resolved_ms BIGINT NOT NULL,
            probes TEXT NOT NULL,
            first_reason TEXT)""",
          """
          CREATE TABLE alerts(
            incident TEXT PRIMARY KEY,
            alert_key TEXT NOT NULL,
            started_ms BIGINT NOT NULL,
            resolved_ms BIGINT NOT NULL,
            state TEXT NOT NULL)""",
          "CREATE INDEX alerts_firing ON alerts(started_ms) WHERE resolved_ms = 0",
          """
          CREATE TABLE outbox(
            seq BIGSERIAL PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            incident TEXT NOT NULL,
            notifier TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            expires_ms BIGINT NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_ms BIGINT NOT NULL,
            settled_ms BIGINT NOT NULL,
            last_error TEXT)""",
          "CREATE INDEX outbox_pending ON outbox(incident, notifier, seq) WHERE state = 0")),
      new Migration(2, "change events", List.of(SqliteSchema.CHANGE_EVENTS, SqliteSchema.CHANGE_EVENTS_INDEX)),
      new Migration(3, "postmortem links", List.of(SqliteSchema.POSTMORTEMS)));

  private PostgresSchema() {}

  /**
   * Brings the database up to the last step under the advisory lock, all missing steps in one transaction.
   *
   * @throws StoreException when the database holds another program's tables or comes from a newer Vigil
   */
  static void migrate(Connection c, String label, List<Migration> migrations) throws SQLException {
    int latest = SqliteSchema.latest(migrations);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
      try {
        int version = checkedVersion(s, label, latest);
        if (version == latest) {
          return;
        }
        s.execute("BEGIN");
        try {
          for (Migration m : migrations) {
            if (m.version() > version) {
              for (String sql : m.statements()) {
                s.execute(sql);
              }
              LOG.info("history database {}: applied schema step {} ({})", label, m.version(), m.description());
            }
          }
          s.execute("UPDATE vigil_schema SET version = " + latest);
          s.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          s.execute("ROLLBACK");
          throw e;
        }
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
      }
    }
  }

  /** The schema version; 0 for an empty database. */
  static int checkedVersion(Statement s, String label, int latest) throws SQLException {
    boolean ours;
    try (ResultSet rs = s.executeQuery("SELECT to_regclass('vigil_schema') IS NOT NULL")) {
      rs.next();
      ours = rs.getBoolean(1);
    }
    if (!ours) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("""
          SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
          ORDER BY table_name LIMIT 4""")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      if (!tables.isEmpty()) {
        throw new StoreException("cannot use history database " + label + ": it holds tables of another program ("
            + String.join(", ", tables) + (tables.size() == 4 ? ", ..." : "") + "); give Vigil a database of its own");
      }
      return 0;
    }
    int version;
    try (ResultSet rs = s.executeQuery("SELECT max(version) FROM vigil_schema")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > latest) {
      throw new StoreException("cannot use history database " + label + ": its schema version " + version
          + " is newer than this Vigil supports (" + latest + "); run a newer Vigil or use another database");
    }
    return version;
  }
}
