package io.vigil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite schema as numbered migrations, and the code that brings a database file up to date. The schema
 * version lives in {@code PRAGMA user_version}; {@code PRAGMA application_id} marks the file as Vigil's.
 *
 * <p>Raw results are the bulk of the file (one row per run), so their table is shaped for size: a
 * {@code WITHOUT ROWID} table keyed by (start, probe), so rows arrive in key order and leaf pages stay full,
 * with no secondary index (a per-probe query scans its time range); duration in 10 µs steps rounded up (two
 * bytes for runs up to 327 ms; rounding up keeps every comparison with a threshold in whole 10 µs exact), and
 * outcome, reason, HTTP status and stall flag packed into one integer ({@link ResultCode}).
 *
 * <p>The outbox keeps every alert notification from before its first attempt until it is delivered or expired:
 * {@code key} is unique per (incident, message, notifier), {@code seq} orders the messages of one incident to
 * one notifier, {@code state} is 0 pending, 1 delivered, 2 expired. Alert incidents keep their own state as
 * text, so a firing alert survives a restart.
 */
final class SqliteSchema {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteSchema.class);

  /** "Vigl" in ASCII: marks a database file as Vigil's history. */
  static final int APPLICATION_ID = 0x5669676C;

  /** The change events table, the same in both backends. */
  static final String CHANGE_EVENTS = """
      CREATE TABLE change_events(
        id TEXT PRIMARY KEY,
        boundary TEXT NOT NULL,
        kind TEXT NOT NULL,
        version TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        link TEXT NOT NULL)""";
  static final String CHANGE_EVENTS_INDEX = "CREATE INDEX change_events_at ON change_events(boundary, at_ms)";

  /** Postmortem links of incidents, the same in both backends. */
  static final String POSTMORTEMS = """
      CREATE TABLE postmortems(
        incident TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        linked_ms BIGINT NOT NULL)""";

  static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, "raw results, ids, rollups, checkpoints, incidents", List.of(
          "PRAGMA application_id = " + APPLICATION_ID,
          """
          CREATE TABLE probes(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            definition_hash TEXT NOT NULL,
            UNIQUE(name, definition_hash))""",
          """
          CREATE TABLE boundaries(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE)""",
          """
          CREATE TABLE results(
            start_ms INTEGER NOT NULL,
            probe_id INTEGER NOT NULL,
            duration_10us INTEGER NOT NULL,
            code INTEGER NOT NULL,
            PRIMARY KEY(start_ms, probe_id)) WITHOUT ROWID""",
          """
          CREATE TABLE rollups(
            subject INTEGER NOT NULL,
            id INTEGER NOT NULL,
            resolution INTEGER NOT NULL,
            bucket_start INTEGER NOT NULL,
            good INTEGER NOT NULL,
            valid INTEGER NOT NULL,
            excluded INTEGER NOT NULL,
            latency BLOB NOT NULL,
            up_ms INTEGER NOT NULL,
            degraded_ms INTEGER NOT NULL,
            down_ms INTEGER NOT NULL,
            unknown_ms INTEGER NOT NULL,
            maintenance_ms INTEGER NOT NULL,
            PRIMARY KEY(subject, id, resolution, bucket_start)) WITHOUT ROWID""",
          """
          CREATE TABLE checkpoints(
            boundary_id INTEGER PRIMARY KEY,
            until_ms INTEGER NOT NULL)""",
          """
          CREATE TABLE incidents(
            id TEXT PRIMARY KEY,
            boundary TEXT NOT NULL,
            start_ms INTEGER NOT NULL,
            detected_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            resolved_ms INTEGER NOT NULL,
            probes TEXT NOT NULL,
            first_reason TEXT)"""
      )),
      new Migration(2, "alert incidents and the notification outbox", List.of(
          """
          CREATE TABLE alerts(
            incident TEXT PRIMARY KEY,
            alert_key TEXT NOT NULL,
            started_ms INTEGER NOT NULL,
            resolved_ms INTEGER NOT NULL,
            state TEXT NOT NULL)""",
          "CREATE INDEX alerts_firing ON alerts(started_ms) WHERE resolved_ms = 0",
          """
          CREATE TABLE outbox(
            seq INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            incident TEXT NOT NULL,
            notifier TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            expires_ms INTEGER NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_ms INTEGER NOT NULL,
            settled_ms INTEGER NOT NULL,
            last_error TEXT)""",
          "CREATE INDEX outbox_pending ON outbox(incident, notifier, seq) WHERE state = 0"
      )),
      // Files written before raw durations were kept in 10 µs steps still hold microseconds: convert them,
      // rounding up like the writer does. Newer files already have the column and skip this step.
      new Migration(3, "raw durations in 10 µs steps", List.of(
          "ALTER TABLE results RENAME COLUMN duration_us TO duration_10us",
          "UPDATE results SET duration_10us = (duration_10us + 9) / 10"),
          "SELECT count(*) FROM pragma_table_info('results') WHERE name = 'duration_us'"),
      new Migration(4, "change events", List.of(CHANGE_EVENTS, CHANGE_EVENTS_INDEX)),
      new Migration(5, "postmortem links", List.of(POSTMORTEMS)));

  private SqliteSchema() {}

  /** The version the given steps lead to. */
  static int latest(List<Migration> migrations) {
    return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
  }

  /**
   * Brings the database up to the last step: every missing step in order, in one transaction, together with
   * the new {@code user_version}. Refuses files of another application and files from a newer Vigil.
   *
   * @throws StoreException when the file is not Vigil's or is newer than these steps
   * @throws SQLException when the file cannot be read or written
   */
  static void migrate(Connection c, String file, List<Migration> migrations) throws SQLException {
    int latest = latest(migrations);
    try (Statement s = c.createStatement()) {
      if (checkedVersion(s, file, latest) == latest) {
        return;
      }
      s.execute("BEGIN IMMEDIATE");
      try {
        int version = checkedVersion(s, file, latest);
        for (Migration m : migrations) {
          if (m.version() > version && (m.onlyIf() == null || count(s, m.onlyIf()) > 0)) {
            for (String sql : m.statements()) {
              s.execute(sql);
            }
            LOG.info("history database {}: applied schema step {} ({})", file, m.version(), m.description());
          }
        }
        s.execute("PRAGMA user_version = " + latest);
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        try {
          s.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // the transaction may already be gone; the original failure is what matters
        }
        throw e;
      }
    }
  }

  /**
   * Refuses, without writing anything, a file that is not Vigil's: another application's id, or no id (0) but
   * tables of its own. An empty database (a new or zero-byte file) is Vigil's to take.
   *
   * @throws StoreException when the file is another program's
   */
  static void refuseForeign(Connection c, String file) throws SQLException {
    try (Statement s = c.createStatement()) {
      int appId = intPragma(s, "application_id");
      if (appId == APPLICATION_ID) {
        return;
      }
      if (appId != 0) {
        throw new StoreException("cannot open history database " + file
            + ": it belongs to another application (application_id " + appId + ")");
      }
      java.util.List<String> tables = new java.util.ArrayList<>();
      try (ResultSet rs = s.executeQuery(
          "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 4")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      if (!tables.isEmpty()) {
        throw new StoreException("cannot open history database " + file + ": it is not a Vigil history database"
            + " (it holds tables " + String.join(", ", tables) + (tables.size() == 4 ? ", ..." : "")
            + "); give Vigil a file of its own");
      }
    }
  }

  private static int checkedVersion(Statement s, String file, int latest) throws SQLException {
    int appId = intPragma(s, "application_id");
    if (appId != 0 && appId != APPLICATION_ID) {
      throw new StoreException("cannot open history database " + file
          + ": it belongs to another application (application_id " + appId + ")");
    }
    int version = intPragma(s, "user_version");
    if (version > latest) {
      throw new StoreException("cannot open history database " + file + ": its schema version " + version
          + " is newer than this Vigil supports (" + latest + "); run a newer Vigil or use another file");
    }
    return version;
  }

  static int intPragma(Statement s, String name) throws SQLException {
    return count(s, "PRAGMA " + name);
  }

  private static int count(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
