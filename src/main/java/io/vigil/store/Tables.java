package io.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL that writes each lane into its table, one writer per table. Upserts ({@code ON CONFLICT}) read the
 * same in SQLite and PostgreSQL, so both backends share every table but the raw results (whose columns differ)
 * and the id tables (SQLite assigns ids in memory and records them here; PostgreSQL assigns them by upsert).
 */
final class Tables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Tables() {}

  /** The writers both backends share; {@code results} writes raw results; {@code ids} may be null. */
  static Map<Lane<?>, LaneWriter<?>> writers(LaneWriter<StoredResult> results, LaneWriter<Lane.NewId> ids) {
    Map<Lane<?>, LaneWriter<?>> w = new HashMap<>();
    w.put(Lane.IDS, ids != null ? ids : (c, items) -> {
      if (!items.isEmpty()) {
        throw new IllegalStateException("this backend assigns ids itself");
      }
    });
    w.put(Lane.RESULTS, results);
    w.put(Lane.ROLLUPS, LaneWriter.<BucketRow>batch("""
        INSERT INTO rollups(subject, id, resolution, bucket_start, good, valid, excluded, latency,
          up_ms, degraded_ms, down_ms, unknown_ms, maintenance_ms)
        VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(subject, id, resolution, bucket_start) DO UPDATE SET good = excluded.good,
          valid = excluded.valid, excluded = excluded.excluded, latency = excluded.latency,
          up_ms = excluded.up_ms, degraded_ms = excluded.degraded_ms, down_ms = excluded.down_ms,
          unknown_ms = excluded.unknown_ms, maintenance_ms = excluded.maintenance_ms""", (p, r) -> {
          p.setInt(1, subjectCode(r.subject()));
          p.setInt(2, r.id());
          p.setInt(3, resolutionCode(r.resolution()));
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
        }));
    // A checkpoint only moves forward: a late write from a node that no longer owns the boundary (or any
    // older save) cannot move accounting back over runs the new owner has already counted.
    w.put(Lane.CHECKPOINTS, LaneWriter.<Lane.Checkpoint>batch("""
        INSERT INTO checkpoints(boundary_id, until_ms) VALUES(?, ?)
        ON CONFLICT(boundary_id) DO UPDATE SET until_ms = excluded.until_ms
          WHERE excluded.until_ms >= checkpoints.until_ms""", (p, k) -> {
          p.setInt(1, k.boundaryId());
          p.setLong(2, k.untilMillis());
        }));
    w.put(Lane.INCIDENTS, LaneWriter.<Incident>batch("""
        INSERT INTO incidents(id, boundary, start_ms, detected_ms, end_ms, resolved_ms, probes, first_reason)
        VALUES(?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET boundary = excluded.boundary, start_ms = excluded.start_ms,
          detected_ms = excluded.detected_ms, end_ms = excluded.end_ms, resolved_ms = excluded.resolved_ms,
          probes = excluded.probes, first_reason = excluded.first_reason""", (p, i) -> {
          p.setString(1, i.id());
          p.setString(2, i.boundary());
          p.setLong(3, i.startMillis());
          p.setLong(4, i.detectedMillis());
          p.setLong(5, i.endMillis());
          p.setLong(6, i.resolvedMillis());
          p.setString(7, probesJson(i));
          p.setString(8, i.firstReason());
        }));
    w.put(Lane.ALERTS, LaneWriter.<AlertRecord>batch("""
        INSERT INTO alerts(incident, alert_key, started_ms, resolved_ms, state) VALUES(?, ?, ?, ?, ?)
        ON CONFLICT(incident) DO UPDATE SET alert_key = excluded.alert_key, started_ms = excluded.started_ms,
          resolved_ms = excluded.resolved_ms, state = excluded.state""", (p, a) -> {
          p.setString(1, a.incident());
          p.setString(2, a.alertKey());
          p.setLong(3, a.startedMillis());
          p.setLong(4, a.resolvedMillis());
          p.setString(5, a.state());
        }));
    // New entries in queue order (which orders the messages of an incident); a known key is left alone,
    // whoever stored it.
    w.put(Lane.OUTBOX, LaneWriter.<OutboxEntry>batch("""
        INSERT INTO outbox(key, incident, notifier, payload, created_ms, expires_ms, state, attempts,
          next_attempt_ms, settled_ms, last_error)
        VALUES(?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?) ON CONFLICT(key) DO NOTHING""", (p, e) -> {
          p.setString(1, e.key());
          p.setString(2, e.incident());
          p.setString(3, e.notifier());
          p.setString(4, e.payload());
          p.setLong(5, e.createdMillis());
          p.setLong(6, e.expiresMillis());
          p.setInt(7, e.attempts());
          p.setLong(8, e.nextAttemptMillis());
          p.setString(9, e.lastError());
        }));
    w.put(Lane.MARKS, LaneWriter.<NotificationMark>batch("""
        UPDATE outbox SET state = ?, attempts = ?, next_attempt_ms = ?, settled_ms = ?, last_error = ?
        WHERE key = ? AND state = 0""", (p, m) -> {
          p.setInt(1, m.state().code);
          p.setInt(2, m.attempts());
          p.setLong(3, m.nextAttemptMillis());
          p.setLong(4, m.state() == NotificationMark.State.PENDING ? 0 : m.atMillis());
          p.setString(5, m.error());
          p.setString(6, m.key());
        }));
    w.put(Lane.CHANGES, LaneWriter.<ChangeEvent>batch("""
        INSERT INTO change_events(id, boundary, kind, version, at_ms, link) VALUES(?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO NOTHING""", (p, e) -> {
          p.setString(1, e.id());
          p.setString(2, e.boundary());
          p.setString(3, e.kind());
          p.setString(4, e.version());
          p.setLong(5, e.atMillis());
          p.setString(6, e.link());
        }));
    w.put(Lane.POSTMORTEMS, LaneWriter.<PostmortemLink>batch("""
        INSERT INTO postmortems(incident, url, linked_ms) VALUES(?, ?, ?)
        ON CONFLICT(incident) DO UPDATE SET url = excluded.url, linked_ms = excluded.linked_ms""", (p, l) -> {
          p.setString(1, l.incident());
          p.setString(2, l.url());
          p.setLong(3, l.linkedMillis());
        }));
    return w;
  }

  /**
   * Raw durations in 10 µs steps, rounded up; in long arithmetic, so the longest duration (Integer.MAX_VALUE
   * µs) does not wrap to a negative one. A negative duration is stored as zero.
   */
  static int duration10us(StoredResult r) {
    return (int) ((Math.max(0, r.durationMicros()) + 9L) / 10);
  }

  static int subjectCode(Subject subject) {
    return switch (subject) {
      case BOUNDARY -> 0;
      case PROBE -> 1;
    };
  }

  /** Stored as the bucket width in seconds, so the database reads without this code. */
  static int resolutionCode(Resolution resolution) {
    return (int) (resolution.millis() / 1000);
  }

  private static String probesJson(Incident i) {
    try {
      return JSON.writeValueAsString(i.probes() == null ? List.of() : i.probes());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
