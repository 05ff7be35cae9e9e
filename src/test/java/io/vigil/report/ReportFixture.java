package io.vigil.report;

import io.vigil.config.StorageConfig;
import io.vigil.incident.Incident;
import io.vigil.store.BucketRow;
import io.vigil.store.LatencyHistogram;
import io.vigil.store.Resolution;
import io.vigil.store.SqliteStore;
import io.vigil.store.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A history database and configuration for report tests, written through the store's own API. The numbers
 * the tests expect are worked out by hand in the comments of {@link #writeOctober}.
 */
public final class ReportFixture {
  /** When the reports are made: the default month is then October 2026 (31 days). */
  public static final Instant NOW = Instant.parse("2026-11-05T12:00:00Z");
  static final long HOUR = Resolution.HOUR.millis();
  static final long FAST_MICROS = 50_000;
  static final long SLOW_MICROS = 150_000;

  private ReportFixture() {}

  /** Writes the service file and probe file under {@code dir}; returns the service file. */
  public static Path writeConfig(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.createDirectories(dir.resolve("probes"));
    Files.writeString(dir.resolve("config/vigil.yaml"), """
        listen: 127.0.0.1:0
        location: test-lab
        storage: {sqlite: ../data/vigil.db}
        probe_files: [../probes/*.yaml]
        """);
    Files.writeString(dir.resolve("probes/shop.yaml"), """
        boundaries:
          - name: shop-api
            title: Shop API
            slos:
              - {name: availability, sli: requests, target: 99.95%, window: 30d}
              - {name: uptime, sli: time, target: 99.9%, window: month}
              - {name: latency, sli: latency, threshold: 100ms, target: 90%, window: 30d}
              - {name: latency-odd, sli: latency, threshold: 123ms, target: 90%, window: 30d}
              - {name: uptime-ny, sli: time, target: 99.9%, window: month, timezone: America/New_York}
              - {name: uptime-india, sli: time, target: 99%, window: month, timezone: Asia/Kolkata}
          - name: search
            title: "Search | Browse, <b>all</b>"
            slos:
              - {name: availability, sli: requests, target: 99.9%, window: month}
              - {name: uptime, sli: time, target: 99.99%, window: month}
          - name: quiet
            slos:
              - {name: availability, sli: requests, target: 99%, window: 30d}
          - name: never
            slos:
              - {name: availability, sli: requests, target: 99%, window: 30d}
          - name: bare
        probes:
          - {name: users, boundary: shop-api, type: http, interval: 10s, http: {url: "http://127.0.0.1:9/users"}}
          - {name: db-port, boundary: shop-api, type: tcp, interval: 10s, tcp: {host: 127.0.0.1, port: 9}}
          - {name: query, boundary: search, type: http, interval: 10s, http: {url: "http://127.0.0.1:9/q"}}
        """);
    return dir.resolve("config/vigil.yaml");
  }

  /** The database file the configuration under {@code dir} names. */
  public static Path database(Path dir) {
    return dir.resolve("data/vigil.db");
  }

  /**
   * October 2026 (plus September 30 and November 1, which the timezone SLOs reach into).
   *
   * <p>shop-api, every hour 360 good of 360 valid runs at 50 ms and up, except:
   * <ul>
   *   <li>H1 2026-10-03T10: 300 good of 360 (250 at 50 ms, 50 at 150 ms), down 10 min;
   *   <li>H2 2026-10-10T00: nothing known: unknown 1 h, no runs;
   *   <li>H3 2026-10-20T02: maintenance 1 h, 360 runs excluded;
   *   <li>H4 2026-10-25T05: degraded 30 min, 360 good;
   *   <li>N1 2026-10-01T02: 340 good of 360, down 20 min (in the UTC and Kolkata months, not New York's);
   *   <li>N2 2026-11-01T01: down 30 min (in New York's October only);
   *   <li>K1 2026-09-30T20: down 1 h, 0 good of 360 (in Kolkata's October only).
   * </ul>
   * UTC October: 744 h = 2,678,400,000 ms; valid 742 × 360 = 267,120, good 267,120 − 60 − 20 = 267,040,
   * excluded 360; down 1,800,000, unknown 3,600,000, maintenance 3,600,000, up 2,669,400,000 (degraded
   * 1,800,000 of it). Latency-good (≤ 100 ms) 267,040 − 50 = 266,990.
   *
   * <p>search, every hour 360 good of 360 and up, except 2026-10-15T12 (down 30 min, 0 good) and
   * 2026-10-31T23 (down 1 h, 0 good): valid 267,840, good 267,120, down 5,400,000.
   *
   * <p>Probes: users has two definitions (ids) in October, split on the 16th, 180 good of 180 a hour but 120
   * in H1; db-port 180 a hour but 160 in N1; both have no runs in H2 and 180 excluded in H3: valid
   * 742 × 180 = 133,560, good 133,500 (users) and 133,540 (db-port). quiet has an id and no rows; never and
   * bare have no id.
   *
   * <p>Incidents: shop-api 2026-10-01T02:00–02:20 (detected 02:01, users, status) and 2026-10-03T10:05–10:15
   * (detected after 30 s, users and db-port, timeout), and one in September that must not show; search
   * 2026-10-15T12:00–12:30 and one open since 2026-10-31T23:00.
   */
  public static void writeOctober(Path db) {
    try (SqliteStore store = SqliteStore.open(db, StorageConfig.Retention.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC))) {
      int shop = store.boundaryId("shop-api");
      int search = store.boundaryId("search");
      store.boundaryId("quiet");
      int users1 = store.probeId("users", "def-1");
      int users2 = store.probeId("users", "def-2");
      int dbPort = store.probeId("db-port", "def-1");
      Instant from = Instant.parse("2026-09-30T00:00:00Z");
      Instant to = Instant.parse("2026-11-02T00:00:00Z");

      Hours s = new Hours(Subject.BOUNDARY, shop).fill(from, to, 360);
      s.set("2026-10-03T10:00:00Z", 300, 360, 0, latency(250, FAST_MICROS, 50, SLOW_MICROS), 3_000_000, 0, 600_000, 0, 0);
      s.set("2026-10-10T00:00:00Z", 0, 0, 0, new LatencyHistogram(), 0, 0, 0, HOUR, 0);
      s.set("2026-10-20T02:00:00Z", 0, 0, 360, new LatencyHistogram(), 0, 0, 0, 0, HOUR);
      s.set("2026-10-25T05:00:00Z", 360, 360, 0, latency(360, FAST_MICROS), 1_800_000, 1_800_000, 0, 0, 0);
      s.set("2026-10-01T02:00:00Z", 340, 360, 0, latency(340, FAST_MICROS), 2_400_000, 0, 1_200_000, 0, 0);
      s.set("2026-11-01T01:00:00Z", 360, 360, 0, latency(360, FAST_MICROS), 1_800_000, 0, 1_800_000, 0, 0);
      s.set("2026-09-30T20:00:00Z", 0, 360, 0, new LatencyHistogram(), 0, 0, HOUR, 0, 0);

      Hours q = new Hours(Subject.BOUNDARY, search).fill(from, to, 360);
      q.set("2026-10-15T12:00:00Z", 0, 360, 0, new LatencyHistogram(), 1_800_000, 0, 1_800_000, 0, 0);
      q.set("2026-10-31T23:00:00Z", 0, 360, 0, new LatencyHistogram(), 0, 0, HOUR, 0, 0);

      Instant october = Instant.parse("2026-10-01T00:00:00Z");
      Instant sixteenth = Instant.parse("2026-10-16T00:00:00Z");
      Instant november = Instant.parse("2026-11-01T00:00:00Z");
      Hours u1 = new Hours(Subject.PROBE, users1).fill(october, sixteenth, 180);
      Hours u2 = new Hours(Subject.PROBE, users2).fill(sixteenth, november, 180);
      Hours d = new Hours(Subject.PROBE, dbPort).fill(october, november, 180);
      for (Hours probe : List.of(u1, d)) {
        probe.set("2026-10-10T00:00:00Z", 0, 0, 0, new LatencyHistogram(), 0, 0, 0, 0, 0);
      }
      for (Hours probe : List.of(u2, d)) {
        probe.set("2026-10-20T02:00:00Z", 0, 0, 180, new LatencyHistogram(), 0, 0, 0, 0, 0);
      }
      u1.set("2026-10-03T10:00:00Z", 120, 180, 0, latency(120, FAST_MICROS), 0, 0, 0, 0, 0);
      d.set("2026-10-01T02:00:00Z", 160, 180, 0, latency(160, FAST_MICROS), 0, 0, 0, 0, 0);

      List<BucketRow> rows = new ArrayList<>();
      for (Hours h : List.of(s, q, u1, u2, d)) {
        rows.addAll(h.hourRows());
        rows.addAll(h.dayRows());
      }
      store.saveAccounting(rows, Map.of(shop, to.toEpochMilli(), search, to.toEpochMilli()));

      store.saveIncident(incident("shop-api", "2026-09-20T08:00:00Z", 60_000, "2026-09-20T09:00:00Z",
          List.of("users"), "connect"));
      store.saveIncident(incident("shop-api", "2026-10-01T02:00:00Z", 60_000, "2026-10-01T02:20:00Z",
          List.of("users"), "status"));
      store.saveIncident(incident("shop-api", "2026-10-03T10:05:00Z", 30_000, "2026-10-03T10:15:00Z",
          List.of("users", "db-port"), "timeout"));
      store.saveIncident(incident("search", "2026-10-15T12:00:00Z", 20_000, "2026-10-15T12:30:00Z",
          List.of("query"), "status"));
      store.saveIncident(incident("search", "2026-10-31T23:00:00Z", 20_000, null, List.of("query"), "connect"));
      store.flush();
    }
  }

  static Incident incident(String boundary, String start, long detectionMillis, String end, List<String> probes,
      String reason) {
    long s = Instant.parse(start).toEpochMilli();
    long e = end == null ? 0 : Instant.parse(end).toEpochMilli();
    return new Incident(boundary + "-" + s, boundary, s, s + detectionMillis, e, e == 0 ? 0 : e + 10_000, probes,
        reason);
  }

  /** A histogram of {@code n} runs at {@code micros}, then more (n, micros) pairs. */
  static LatencyHistogram latency(long... countsAndMicros) {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < countsAndMicros.length; i += 2) {
      h.add(countsAndMicros[i + 1], countsAndMicros[i]);
    }
    return h;
  }

  /** Hour rows of one subject, with their day rows as the accounting writes them (sums of the hours). */
  static final class Hours {
    final Subject subject;
    final int id;
    final TreeMap<Long, BucketRow> rows = new TreeMap<>();

    Hours(Subject subject, int id) {
      this.subject = subject;
      this.id = id;
    }

    /** Every hour of [from, to): {@code runs} good of {@code runs} at 50 ms; boundaries also up all hour. */
    Hours fill(Instant from, Instant to, long runs) {
      for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += HOUR) {
        rows.put(t, new BucketRow(subject, id, Resolution.HOUR, t, runs, runs, 0, latency(runs, FAST_MICROS),
            subject == Subject.BOUNDARY ? HOUR : 0, 0, 0, 0, 0));
      }
      return this;
    }

    Hours set(String hour, long good, long valid, long excluded, LatencyHistogram latency, long up, long degraded,
        long down, long unknown, long maintenance) {
      long t = Instant.parse(hour).toEpochMilli();
      rows.put(t, new BucketRow(subject, id, Resolution.HOUR, t, good, valid, excluded, latency, up, degraded, down,
          unknown, maintenance));
      return this;
    }

    Hours remove(String fromHour, String toHour) {
      rows.subMap(Instant.parse(fromHour).toEpochMilli(), Instant.parse(toHour).toEpochMilli()).clear();
      return this;
    }

    List<BucketRow> hourRows() {
      return List.copyOf(rows.values());
    }

    List<BucketRow> dayRows() {
      TreeMap<Long, List<BucketRow>> byDay = new TreeMap<>();
      for (BucketRow r : rows.values()) {
        byDay.computeIfAbsent(Resolution.DAY.floor(r.bucketStart()), k -> new ArrayList<>()).add(r);
      }
      List<BucketRow> out = new ArrayList<>();
      byDay.forEach((day, hours) -> out.add(sum(subject, id, day, hours)));
      return out;
    }

    static BucketRow sum(Subject subject, int id, long day, List<BucketRow> hours) {
      long good = 0;
      long valid = 0;
      long excluded = 0;
      long up = 0;
      long degraded = 0;
      long down = 0;
      long unknown = 0;
      long maintenance = 0;
      LatencyHistogram latency = new LatencyHistogram();
      for (BucketRow r : hours) {
        good += r.good();
        valid += r.valid();
        excluded += r.excluded();
        latency.addAll(r.latency());
        up += r.upMs();
        degraded += r.degradedMs();
        down += r.downMs();
        unknown += r.unknownMs();
        maintenance += r.maintenanceMs();
      }
      return new BucketRow(subject, id, Resolution.DAY, day, good, valid, excluded, latency, up, degraded, down,
          unknown, maintenance);
    }
  }
}
