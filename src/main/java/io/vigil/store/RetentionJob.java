package io.vigil.store;

import io.vigil.config.StorageConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/**
 * Deletes what retention no longer keeps: raw results, then minute, hour and day rollups, each past its own
 * age, then settled incidents (with their postmortem links) and change events (as long as day
 * rollups), alerts and outbox entries. At most {@code chunk} rows go per transaction, and
 * between chunks the caller commits what is queued, so results never wait behind a long delete. The SQL is
 * the same for every backend.
 */
final class RetentionJob {
  private final StorageConfig.Retention retention;
  private final int chunk;
  private final String begin;

  RetentionJob(StorageConfig.Retention retention, int chunk, String begin) {
    this.retention = retention;
    this.chunk = chunk;
    this.begin = begin;
  }

  /**
   * One pass as of {@code nowMillis} on the writer's connection.
   *
   * @param between commits the queue between chunks; false when that failed (the pass stops, the next resumes)
   * @return whether the pass completed
   */
  boolean apply(Connection c, long nowMillis, BooleanSupplier between) throws SQLException {
    boolean done = deleteResultsBefore(c, nowMillis - retention.raw().toMillis(), between)
        && deleteRollupsBefore(c, Resolution.MINUTE, nowMillis - retention.minute().toMillis(), between)
        && deleteRollupsBefore(c, Resolution.HOUR, nowMillis - retention.hour().toMillis(), between)
        && deleteRollupsBefore(c, Resolution.DAY, nowMillis - retention.day().toMillis(), between);
    if (!done) {
      return false;
    }
    try (PreparedStatement p = c.prepareStatement(
            "DELETE FROM incidents WHERE resolved_ms != 0 AND end_ms != 0 AND end_ms < ?");
        PreparedStatement changes = c.prepareStatement("DELETE FROM change_events WHERE at_ms < ?");
        PreparedStatement postmortems = c.prepareStatement(
            "DELETE FROM postmortems WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = postmortems.incident)")) {
      p.setLong(1, nowMillis - retention.day().toMillis());
      changes.setLong(1, nowMillis - retention.day().toMillis());
      inTransaction(c, () -> p.executeUpdate() + changes.executeUpdate() + postmortems.executeUpdate());
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
    return true;
  }

  private boolean deleteResultsBefore(Connection c, long cutMillis, BooleanSupplier between) throws SQLException {
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
        bound.setInt(2, chunk);
        long upTo = firstLong(bound, cutMillis);
        delete.setLong(1, Math.max(upTo, oldest + 1));
        inTransaction(c, delete::executeUpdate);
        if (!between.getAsBoolean()) {
          return false;
        }
      }
    }
  }

  private boolean deleteRollupsBefore(Connection c, Resolution resolution, long cutMillis, BooleanSupplier between)
      throws SQLException {
    // the next series with something to delete, found along the key's index: a pass reads each row at most
    // once, and a series with nothing to delete costs no statement and no transaction of its own
    try (PreparedStatement next = c.prepareStatement("""
            SELECT subject, id FROM rollups WHERE (subject, id) > (?, ?) AND resolution = ? AND bucket_start < ?
            ORDER BY subject, id LIMIT 1""");
        PreparedStatement bound = c.prepareStatement("""
            SELECT bucket_start FROM rollups WHERE subject = ? AND id = ? AND resolution = ? AND bucket_start < ?
            ORDER BY bucket_start LIMIT 1 OFFSET ?""");
        PreparedStatement delete = c.prepareStatement(
            "DELETE FROM rollups WHERE subject = ? AND id = ? AND resolution = ? AND bucket_start < ?")) {
      int subject = -1;
      int id = Integer.MIN_VALUE;
      while (true) {
        next.setInt(1, subject);
        next.setInt(2, id);
        next.setInt(3, Tables.resolutionCode(resolution));
        next.setLong(4, cutMillis);
        try (ResultSet rs = next.executeQuery()) {
          if (!rs.next()) {
            return true;
          }
          subject = rs.getInt(1);
          id = rs.getInt(2);
        }
        while (true) {
          bound.setInt(1, subject);
          bound.setInt(2, id);
          bound.setInt(3, Tables.resolutionCode(resolution));
          bound.setLong(4, cutMillis);
          bound.setInt(5, chunk);
          long upTo = firstLong(bound, cutMillis);
          delete.setInt(1, subject);
          delete.setInt(2, id);
          delete.setInt(3, Tables.resolutionCode(resolution));
          delete.setLong(4, upTo);
          int deleted = inTransaction(c, delete::executeUpdate);
          if (upTo == cutMillis || deleted == 0) {
            break;
          }
          if (!between.getAsBoolean()) {
            return false;
          }
        }
      }
    }
  }

  private interface SqlWork {
    int run() throws SQLException;
  }

  private int inTransaction(Connection c, SqlWork work) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(begin);
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
}
