package io.vigil.store;

import io.vigil.bench.SloBench;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.history.Accountant;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import io.vigil.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * History store benchmark (bench/store.sh), each phase printing key=value lines:
 *
 * <ul>
 *   <li>{@code ingest}: sustained raw-result ingest from one node into PostgreSQL, then SQLite, for the same time;
 *   <li>{@code storage}: a simulated day at a 10 s interval through accounting (raw results and rollups, as
 *       {@code bench/slo.sh} measures SQLite's figure) into each backend: KiB per probe-day as written and after
 *       a vacuum;
 *   <li>{@code writers}: several nodes writing one PostgreSQL at a fixed rate each, all inserting the same
 *       notifications: rows stored per node against its runs, outbox rows against distinct keys, failed
 *       commits and deadlocks;
 *   <li>{@code startup}: a node starting against 90 days of rollups for 1,000 probes: opening the store
 *       (connect, migrations checked) and the accountant's restore (ids, checkpoints, rollups, replay).
 * </ul>
 */
public final class StoreBench {
  private static final long MINUTE = 60_000L;
  private static final long DAY = 86_400_000L;
  /**
   * Where the benchmark's raw results start: a day ago, so that retention (7 days of raw results), which runs a
   * minute after a store opens, deletes none of them while they are counted.
   */
  private static final long T0 = Resolution.MINUTE.floor(System.currentTimeMillis()) - DAY;

  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("VIGIL_TEST_POSTGRES_URL");
    int seconds = Integer.getInteger("seconds", 10);
    int probes = Integer.getInteger("probes", 1_000);
    Path dir = Files.createTempDirectory("vigil-store-bench");
    PostgresTarget base = PostgresTarget.parse(url, "");
    List<String> phases = List.of(System.getProperty("phases", "ingest,storage,writers,startup").split(","));

    if (phases.contains("ingest")) {
      PostgresTarget pg = schema(base, "ingest");
      try (JdbcStore s = pgStore(pg, "bench-a", Clock.systemUTC())) {
        report("postgres", ingest(s, probes, seconds));
      }
      try (JdbcStore s = SqliteStore.open(dir.resolve("ingest.db"), StorageConfig.Retention.DEFAULT,
          Clock.systemUTC())) {
        report("sqlite", ingest(s, probes, seconds));
      }
      drop(base, pg); // its millions of rows would only slow the phases after it
    }
    if (phases.contains("storage")) {
      storage(base, dir, Integer.getInteger("size.probes", 50));
    }
    if (phases.contains("writers")) {
      writers(base, probes, seconds, Integer.getInteger("writers", 3), Integer.getInteger("writer.rate", 2_000));
    }
    if (phases.contains("startup")) {
      startup(base, Integer.getInteger("startup.probes", 1_000), Integer.getInteger("startup.days", 90));
    }
    try (var files = Files.walk(dir)) { // SQLite's ingest file alone is gigabytes after a long run
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private record Ingest(long written, long dropped, double seconds) {}

  private static void report(String backend, Ingest r) {
    System.out.printf("phase=ingest backend=%s results_per_s=%.0f written=%d dropped=%d seconds=%.1f%n", backend,
        r.written() / r.seconds(), r.written(), r.dropped(), r.seconds());
  }

  /** Appends as fast as the store commits (keeping the queue under half its bound) for {@code seconds}. */
  private static Ingest ingest(JdbcStore s, int probes, int seconds) {
    int[] ids = ids(s, probes);
    long start = System.nanoTime();
    long end = start + Duration.ofSeconds(seconds).toNanos();
    long i = 0;
    while (System.nanoTime() - end < 0) {
      if (s.queued() > 50_000) {
        LockSupport.parkNanos(200_000); // leave the cores to the writer and the database
        continue;
      }
      s.append(result(ids[(int) (i % probes)], T0 + i / probes * 10_000, i));
      i++;
    }
    s.flush();
    double took = (System.nanoTime() - start) / 1e9;
    return new Ingest(s.resultsWritten(), s.resultsDropped(), took);
  }

  /**
   * Storage per probe-day, both backends measured the same way as {@code bench/slo.sh} measures SQLite's
   * figure: one simulated day of runs through accounting, everything the store holds counted.
   */
  private static void storage(PostgresTarget base, Path dir, int probes) throws Exception {
    VigilConfig config = SloBench.dayFleet(probes);
    int n = config.probes().size();
    long start = Resolution.DAY.floor(System.currentTimeMillis()) - 2 * DAY;

    PostgresTarget pg = schema(base, "size");
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(start));
    long t0 = System.nanoTime();
    long pgResults;
    try (JdbcStore s = pgStore(pg, "bench-a", clock)) {
      pgResults = SloBench.simulateDay(s, clock, config);
    }
    double pgSeconds = (System.nanoTime() - t0) / 1e9;
    long pgAll = PostgresFixture.count(pg, """
        SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = current_schema() AND c.relkind = 'r'""");
    long pgRaw = PostgresFixture.count(pg, "SELECT pg_total_relation_size('results')");
    long pgRollups = PostgresFixture.count(pg, "SELECT pg_total_relation_size('rollups')");
    PostgresFixture.exec(pg, "VACUUM FULL results, rollups");
    long pgVacuumed = PostgresFixture.count(pg, """
        SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = current_schema() AND c.relkind = 'r'""");
    System.out.printf("phase=storage backend=postgres probes=%d results=%d measured=all_tables_with_indexes "
            + "kib_per_probe_day=%.1f raw_results_kib=%.1f rollups_kib=%.1f after_vacuum_full_kib_per_probe_day=%.1f "
            + "seconds=%.1f%n", n, pgResults, pgAll / 1024.0 / n, pgRaw / 1024.0 / n, pgRollups / 1024.0 / n,
        pgVacuumed / 1024.0 / n, pgSeconds);

    Path file = dir.resolve("size.db");
    clock = new ManualClock(Instant.ofEpochMilli(start));
    t0 = System.nanoTime();
    long sqliteResults;
    try (JdbcStore s = SqliteStore.open(file, StorageConfig.Retention.DEFAULT, clock)) {
      sqliteResults = SloBench.simulateDay(s, clock, config);
    }
    double sqliteSeconds = (System.nanoTime() - t0) / 1e9;
    long asWritten = Files.size(file) + sizeOrZero(dir.resolve("size.db-wal")); // closed: the WAL is folded in
    try (Connection c = StoreFixtures.jdbc(file); Statement st = c.createStatement()) {
      st.execute("VACUUM");
    }
    long vacuumed = Files.size(file) + sizeOrZero(dir.resolve("size.db-wal"));
    System.out.printf("phase=storage backend=sqlite probes=%d results=%d measured=database_file "
            + "kib_per_probe_day=%.1f after_vacuum_kib_per_probe_day=%.1f seconds=%.1f%n", n, sqliteResults,
        asWritten / 1024.0 / n, vacuumed / 1024.0 / n, sqliteSeconds);
  }

  /**
   * Several nodes (one store each) write one PostgreSQL at a fixed rate; every node also inserts the same
   * notifications, ten a second, as nodes that all believe they own a boundary would. Nothing may be lost or
   * duplicated: rows per node equal its runs, outbox rows equal distinct keys equal the notifications.
   */
  private static void writers(PostgresTarget base, int probes, int seconds, int writers, int rate)
      throws Exception {
    PostgresTarget shared = schema(base, "writers");
    long deadlocksBefore = PostgresFixture.count(shared,
        "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
    List<JdbcStore> stores = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long[] sent = new long[writers];
    for (int w = 0; w < writers; w++) {
      JdbcStore s = pgStore(shared, "node-" + w, Clock.systemUTC());
      stores.add(s);
      int index = w;
      threads.add(new Thread(() -> sent[index] = paced(s, probes, rate, seconds), "bench-writer-" + w));
    }
    long t0 = System.nanoTime();
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(seconds + 120L).toMillis());
      if (t.isAlive()) {
        throw new IllegalStateException(t.getName() + " did not finish in time");
      }
    }
    long lost = 0;
    long failed = 0;
    for (int w = 0; w < writers; w++) {
      JdbcStore s = stores.get(w);
      boolean flushed = s.flush();
      long stored = PostgresFixture.count(shared, "SELECT count(*) FROM results WHERE node = 'node-" + w + "'");
      lost += sent[w] - stored;
      failed += s.failedCommits();
      System.out.printf("phase=writers node=node-%d runs=%d rows=%d missing=%d dropped=%d commits=%d "
              + "failed_commits=%d flushed=%b degraded=%s%n", w, sent[w], stored, sent[w] - stored,
          s.resultsDropped(), s.commits(), s.failedCommits(), flushed, s.degradedReason());
    }
    double took = (System.nanoTime() - t0) / 1e9;
    long perNotification = Math.max(1, rate / 10);
    long notifications = ((long) rate * seconds + perNotification - 1) / perNotification;
    stores.forEach(JdbcStore::close); // closed sessions report their statistics, deadlocks included
    long outboxRows = PostgresFixture.count(shared, "SELECT count(*) FROM outbox");
    long outboxKeys = PostgresFixture.count(shared, "SELECT count(DISTINCT key) FROM outbox");
    long deadlocks = -1;
    for (int attempt = 0; attempt < 20; attempt++) { // statistics arrive shortly after the sessions end
      deadlocks = PostgresFixture.count(shared,
          "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()") - deadlocksBefore;
      if (deadlocks > 0) {
        break;
      }
      Thread.sleep(100);
    }
    System.out.printf("phase=writers writers=%d rate_each=%d seconds=%d took_s=%.1f runs_total=%d lost_rows=%d "
            + "notification_keys=%d outbox_rows=%d outbox_distinct_keys=%d duplicated_outbox_rows=%d "
            + "failed_commits=%d deadlocks=%d%n", writers, rate, seconds, took, java.util.Arrays.stream(sent).sum(),
        lost, notifications, outboxRows, outboxKeys, outboxRows - outboxKeys, failed, deadlocks);
  }

  /**
   * Appends {@code rate} results a second for {@code seconds} (bounded by count; late ticks catch up at once),
   * and ten notifications a second with the same keys on every node.
   */
  private static long paced(JdbcStore s, int probes, int rate, int seconds) {
    int[] ids = ids(s, probes);
    long start = System.nanoTime();
    long total = (long) rate * seconds;
    long perNotification = Math.max(1, rate / 10);
    long i = 0;
    while (i < total) {
      long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
      for (; i < due; i++) {
        s.append(result(ids[(int) (i % probes)], T0 + i / probes * 10_000, i));
        if (i % perNotification == 0) {
          String incident = "bench-" + i / perNotification;
          s.saveAlert(new AlertRecord(incident, "shop/availability", T0 + i, 0, "firing"),
              List.of(OutboxEntry.of(incident + "/firing/ops", incident, "ops", "{\"n\":" + i + "}", T0 + i,
                  T0 + i + DAY)));
        }
      }
      LockSupport.parkNanos(2_000_000);
    }
    return total;
  }

  /**
   * A node starting against a PostgreSQL holding {@code days} of history for {@code probes} probes (boundaries of
   * ten), filled with COPY as the default retention leaves it: minute rollups of boundaries for its last 35 days,
   * hour and day rollups of boundaries and probes for all of it, a checkpoint a minute old per boundary and the
   * raw results of the last five minutes. Timed: opening the store (connect, schema version checked under the
   * advisory lock, pool) and the accountant's restore (ids, checkpoints, rollups, replay of the last minute).
   */
  private static void startup(PostgresTarget base, int probes, int days) throws Exception {
    PostgresTarget t = schema(base, "startup");
    VigilConfig config = SloBench.dayFleet(probes);
    long now = System.currentTimeMillis();
    long checkpoint = Resolution.MINUTE.floor(now) - MINUTE;
    StorageConfig.Retention keep = StorageConfig.Retention.DEFAULT;
    long fill0 = System.nanoTime();
    Map<String, Integer> probeIds = new HashMap<>();
    Map<String, Integer> boundaryIds = new HashMap<>();
    try (JdbcStore s = pgStore(t, "seed", Clock.systemUTC())) {
      for (BoundaryConfig b : config.boundaries()) {
        boundaryIds.put(b.name(), s.boundaryId(b.name()));
      }
      for (ProbeConfig p : config.probes()) {
        probeIds.put(p.name(), s.probeId(p.name(), Accountant.definitionHash(p)));
      }
    }
    long from = now - days * DAY;
    long rows = 0;
    try (Connection c = PostgresStore.connectWithRetry(t, Duration.ZERO)) {
      try (Copy copy = new Copy(c, """
          COPY rollups(subject, id, resolution, bucket_start, good, valid, excluded, latency, up_ms, degraded_ms,
            down_ms, unknown_ms, maintenance_ms) FROM STDIN""")) {
        int perBoundary = config.probes().size() / config.boundaries().size();
        for (BoundaryConfig b : config.boundaries()) {
          int id = boundaryIds.get(b.name());
          rows += series(copy, Subject.BOUNDARY, id, Resolution.MINUTE,
              Math.max(from, now - keep.minute().toMillis()), checkpoint, 6L * perBoundary);
          rows += series(copy, Subject.BOUNDARY, id, Resolution.HOUR,
              Math.max(from, now - keep.hour().toMillis()), checkpoint, 360L * perBoundary);
          rows += series(copy, Subject.BOUNDARY, id, Resolution.DAY,
              Math.max(from, now - keep.day().toMillis()), checkpoint, 8_640L * perBoundary);
        }
        for (ProbeConfig p : config.probes()) {
          int id = probeIds.get(p.name());
          rows += series(copy, Subject.PROBE, id, Resolution.HOUR, Math.max(from, now - keep.hour().toMillis()),
              checkpoint, 360);
          rows += series(copy, Subject.PROBE, id, Resolution.DAY, Math.max(from, now - keep.day().toMillis()),
              checkpoint, 8_640);
        }
      }
      try (Copy copy = new Copy(c, "COPY checkpoints(boundary_id, until_ms) FROM STDIN")) {
        for (int id : boundaryIds.values()) {
          copy.line(id + "\t" + checkpoint);
        }
      }
      long raw = 0;
      try (Copy copy = new Copy(c,
          "COPY results(start_ms, probe_id, node, location, duration_10us, code) FROM STDIN")) {
        int code = ResultCode.pack(Outcome.GOOD, null, 200);
        for (long at = Resolution.MINUTE.floor(now) - 5 * MINUTE; at < now; at += 10_000) {
          for (ProbeConfig p : config.probes()) {
            copy.line(at + "\t" + probeIds.get(p.name()) + "\tseed\tbench\t4000\t" + code);
            raw++;
          }
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE rollups, checkpoints, results"); // as autovacuum leaves a database this old
      }
      System.out.printf("phase=startup_fill probes=%d boundaries=%d days=%d rollup_rows=%d raw_results=%d "
          + "seconds=%.1f rollups_mib=%.0f%n", probes, config.boundaries().size(), days, rows, raw,
          (System.nanoTime() - fill0) / 1e9,
          PostgresFixture.count(t, "SELECT pg_total_relation_size('rollups')") / 1048576.0);
    }

    for (int round = 1; round <= 2; round++) {
      long t0 = System.nanoTime();
      try (JdbcStore s = pgStore(t, "node-a", Clock.systemUTC())) {
        long opened = System.nanoTime();
        Accountant accountant = new Accountant(Clock.systemUTC(), s);
        accountant.configure(config, new MaintenanceSchedule(config));
        long restored = System.nanoTime();
        long accounted = config.boundaries().stream().filter(b -> accountant.sinceStart(b.name()) != null).count();
        System.out.printf("phase=startup round=%d startup_ms=%.0f open_store_ms=%.0f accountant_restore_ms=%.0f "
                + "boundaries_restored=%d%n", round, (restored - t0) / 1e6, (opened - t0) / 1e6,
            (restored - opened) / 1e6, accounted);
      }
    }
  }

  /** Rollup rows of one series, one per bucket in [from, until), every run good and the time all up. */
  private static long series(Copy copy, Subject subject, int id, Resolution r, long from, long until, long runs)
      throws SQLException {
    LatencyHistogram h = new LatencyHistogram();
    h.add(40_000, runs * 9 / 10);
    h.add(180_000, runs - runs * 9 / 10);
    String fixed = "\t" + runs + "\t" + runs + "\t0\t\\\\x" + HexFormat.of().formatHex(h.toBytes()) + "\t"
        + (subject == Subject.BOUNDARY ? r.millis() : 0) + "\t0\t0\t0\t0";
    String head = Tables.subjectCode(subject) + "\t" + id + "\t" + Tables.resolutionCode(r) + "\t";
    long n = 0;
    for (long at = r.floor(from) + r.millis(); at < until; at += r.millis()) {
      copy.line(head + at + fixed);
      n++;
    }
    return n;
  }

  /** A COPY FROM STDIN in text format, sent in chunks of about 1 MiB. */
  private static final class Copy implements AutoCloseable {
    private final CopyIn in;
    private final StringBuilder buffer = new StringBuilder(1 << 20);

    Copy(Connection c, String sql) throws SQLException {
      this.in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    void line(String line) throws SQLException {
      buffer.append(line).append('\n');
      if (buffer.length() >= 1 << 20) {
        send();
      }
    }

    private void send() throws SQLException {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }

    @Override
    public void close() throws SQLException {
      send();
      in.endCopy();
    }
  }

  private static int[] ids(JdbcStore s, int probes) {
    int[] ids = new int[probes];
    for (int p = 0; p < probes; p++) {
      ids[p] = s.probeId("probe-" + p, "h");
    }
    return ids;
  }

  /** Mostly good runs of 20–80 ms, one in 200 bad. */
  private static StoredResult result(int probe, long start, long seed) {
    if (seed % 200 == 7) {
      return new StoredResult(probe, start, 5_000_000, Outcome.BAD, Reason.TIMEOUT, 0);
    }
    return new StoredResult(probe, start, 20_000 + (int) (seed * 7919 % 60_000), Outcome.GOOD, null, 200);
  }

  private static JdbcStore pgStore(PostgresTarget t, String node, Clock clock) {
    return PostgresStore.open(t, node, "bench", StorageConfig.Retention.DEFAULT, clock,
        Duration.ofSeconds(5), SqliteTuning.DEFAULT.withMigrations(PostgresSchema.MIGRATIONS));
  }

  private static PostgresTarget schema(PostgresTarget base, String what) {
    String name = "bench_" + what + "_" + System.nanoTime();
    PostgresFixture.exec(base, "CREATE SCHEMA " + name);
    String jdbc = base.jdbcUrl() + (base.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
    return new PostgresTarget(jdbc, base.host(), base.port(), base.database(), base.user(), base.password());
  }

  private static void drop(PostgresTarget base, PostgresTarget schema) {
    String url = schema.jdbcUrl();
    PostgresFixture.exec(base, "DROP SCHEMA " + url.substring(url.indexOf("currentSchema=") + 14) + " CASCADE");
  }

  private static long sizeOrZero(Path p) throws java.io.IOException {
    return Files.exists(p) ? Files.size(p) : 0;
  }
}
