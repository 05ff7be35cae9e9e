package io.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The read queries of history, the same SQL for every backend, shared by the stores and the read-only readers. */
final class HistoryQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INCIDENT_COLUMNS =
      "id, boundary, start_ms, detected_ms, end_ms, resolved_ms, probes, first_reason";

  private HistoryQueries() {}

  static List<BucketRow> buckets(Connection c, Subject subject, int id, Resolution resolution, long fromMillis,
      long toMillis) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        SELECT bucket_start, good, valid, excluded, latency, up_ms, degraded_ms, down_ms, unknown_ms,
          maintenance_ms
        FROM rollups WHERE subject = ? AND id = ? AND resolution = ? AND bucket_start >= ? AND bucket_start < ?
        ORDER BY bucket_start""")) {
      p.setInt(1, Tables.subjectCode(subject));
      p.setInt(2, id);
      p.setInt(3, Tables.resolutionCode(resolution));
      p.setLong(4, fromMillis);
      p.setLong(5, toMillis);
      List<BucketRow> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new BucketRow(subject, id, resolution, rs.getLong(1), rs.getLong(2), rs.getLong(3),
              rs.getLong(4), LatencyHistogram.fromBytes(rs.getBytes(5)), rs.getLong(6), rs.getLong(7),
              rs.getLong(8), rs.getLong(9), rs.getLong(10)));
        }
      }
      return out;
    }
  }

  static OptionalLong checkpoint(Connection c, int boundaryId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT until_ms FROM checkpoints WHERE boundary_id = ?")) {
      p.setInt(1, boundaryId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** Incidents of a boundary overlapping [from, to), newest first. */
  static List<Incident> incidents(Connection c, String boundary, long fromMillis, long toMillis)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + INCIDENT_COLUMNS + """
         FROM incidents
        WHERE boundary = ? AND start_ms < ? AND (end_ms = 0 OR end_ms > ? OR start_ms >= ?)
        ORDER BY start_ms DESC, id DESC""")) {
      p.setString(1, boundary);
      p.setLong(2, toMillis);
      p.setLong(3, fromMillis);
      p.setLong(4, fromMillis);
      return incidents(p);
    }
  }

  /** Change events of a boundary with {@code from <= at < to}, newest first. */
  static List<ChangeEvent> changes(Connection c, String boundary, long fromMillis, long toMillis)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        SELECT id, boundary, kind, version, at_ms, link FROM change_events
        WHERE boundary = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms DESC, id DESC""")) {
      p.setString(1, boundary);
      p.setLong(2, fromMillis);
      p.setLong(3, toMillis);
      List<ChangeEvent> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new ChangeEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
              rs.getString(6)));
        }
      }
      return out;
    }
  }

  /** The postmortem links of a boundary's incidents, by incident id. */
  static java.util.Map<String, String> postmortems(Connection c, String boundary) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT p.incident, p.url FROM postmortems p JOIN incidents i ON i.id = p.incident WHERE i.boundary = ?")) {
      p.setString(1, boundary);
      java.util.Map<String, String> out = new java.util.HashMap<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
      return out;
    }
  }

  /** Incidents still open, oldest first. */
  static List<Incident> openIncidents(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + INCIDENT_COLUMNS + """
         FROM incidents
        WHERE resolved_ms = 0 ORDER BY start_ms, id""")) {
      return incidents(p);
    }
  }

  /**
   * Raw results with {@code from ≤ start < to}, of one probe or (probeId null) of every probe, ordered by start;
   * {@code location} is the SQL that reads where each ran ({@link Backend#resultLocation}).
   */
  static List<StoredResult> results(Connection c, Integer probeId, long fromMillis, long toMillis, String location)
      throws SQLException {
    String sql = "SELECT probe_id, start_ms, duration_10us, code, " + location
        + " FROM results WHERE start_ms >= ? AND start_ms < ?"
        + (probeId == null ? " ORDER BY start_ms, probe_id" : " AND probe_id = ? ORDER BY start_ms");
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, fromMillis);
      p.setLong(2, toMillis);
      if (probeId != null) {
        p.setInt(3, probeId);
      }
      List<StoredResult> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          int code = rs.getInt(4);
          out.add(new StoredResult(rs.getInt(1), rs.getLong(2),
              (int) Math.min(Integer.MAX_VALUE, rs.getLong(3) * 10), ResultCode.outcome(code),
              ResultCode.reason(code), ResultCode.httpStatus(code), rs.getString(5), ResultCode.stalled(code)));
        }
      }
      return out;
    }
  }

  static List<AlertRecord> firingAlerts(Connection c) throws SQLException {
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
  }

  static List<OutboxEntry> nextNotifications(Connection c, int limit) throws SQLException {
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
  }

  static int pendingNotifications(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE state = 0")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  static java.util.OptionalInt boundaryId(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT id FROM boundaries WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? java.util.OptionalInt.of(rs.getInt(1)) : java.util.OptionalInt.empty();
      }
    }
  }

  static List<Integer> probeIds(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT id FROM probes WHERE name = ? ORDER BY id")) {
      p.setString(1, name);
      List<Integer> ids = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
      return List.copyOf(ids);
    }
  }

  private static List<Incident> incidents(PreparedStatement p) throws SQLException {
    List<Incident> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(new Incident(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6), probes(rs.getString(7)), rs.getString(8)));
      }
    }
    return out;
  }

  private static List<String> probes(String text) {
    try {
      return List.copyOf(JSON.readValue(text, new TypeReference<List<String>>() {}));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
