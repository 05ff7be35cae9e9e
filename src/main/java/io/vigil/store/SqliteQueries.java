package io.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The read queries of the SQLite schema, shared by the store and the read-only reader. */
final class SqliteQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INCIDENT_COLUMNS =
      "id, boundary, start_ms, detected_ms, end_ms, resolved_ms, probes, first_reason";

  private SqliteQueries() {}

  static List<BucketRow> buckets(Connection c, Subject subject, int id, Resolution resolution, long fromMillis,
      long toMillis) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        SELECT bucket_start, good, valid, excluded, latency, up_ms, degraded_ms, down_ms, unknown_ms,
          maintenance_ms
        FROM rollups WHERE subject = ? AND id = ? AND resolution = ? AND bucket_start >= ? AND bucket_start < ?
        ORDER BY bucket_start""")) {
      p.setInt(1, SqliteStore.subjectCode(subject));
      p.setInt(2, id);
      p.setInt(3, SqliteStore.resolutionCode(resolution));
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

  /** Incidents still open, oldest first. */
  static List<Incident> openIncidents(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + INCIDENT_COLUMNS + """
         FROM incidents
        WHERE resolved_ms = 0 ORDER BY start_ms, id""")) {
      return incidents(p);
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
