package io.vigil.store;

import io.vigil.config.StorageConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * History store benchmark (bench/store.sh): sustained raw-result ingest from one node into PostgreSQL and
 * SQLite, storage per probe-day in each, and several PostgreSQL writers at a fixed rate. Prints key=value lines.
 */
public final class StoreBench {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01
  private static final int RUNS_PER_DAY = 8_640; // one probe at a 10 s interval

  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("VIGIL_TEST_POSTGRES_URL");
    int seconds = Integer.getInteger("seconds", 10);
    int probes = Integer.getInteger("probes", 1_000);
    Path dir = Files.createTempDirectory("vigil-store-bench");
    PostgresTarget base = PostgresTarget.parse(url, "");

    PostgresTarget pg = schema(base, "ingest");
    try (JdbcStore s = pgStore(pg, "bench-a")) {
      report("postgres", ingest(s, probes, seconds));
    }
    try (JdbcStore s = SqliteStore.open(dir.resolve("ingest.db"), StorageConfig.Retention.DEFAULT,
        Clock.systemUTC())) {
      report("sqlite", ingest(s, probes, seconds));
    }

    int sizeProbes = Integer.getInteger("size.probes", 10);
    PostgresTarget sized = schema(base, "size");
    try (JdbcStore s = pgStore(sized, "bench-a")) {
      oneDay(s, sizeProbes);
    }
    long pgBytes = PostgresFixture.count(sized, "SELECT pg_total_relation_size('results')");
    Path file = dir.resolve("size.db");
    try (JdbcStore s = SqliteStore.open(file, StorageConfig.Retention.DEFAULT, Clock.systemUTC())) {
      oneDay(s, sizeProbes);
    }
    long sqliteBytes = Files.size(file) + sizeOrZero(dir.resolve("size.db-wal"));
    System.out.printf("storage_postgres_results_kib_per_probe_day=%.0f%n", pgBytes / 1024.0 / sizeProbes);
    System.out.printf("storage_sqlite_file_kib_per_probe_day=%.0f%n", sqliteBytes / 1024.0 / sizeProbes);

    int writers = Integer.getInteger("writers", 3);
    int rate = Integer.getInteger("writer.rate", 2_000);
    PostgresTarget shared = schema(base, "writers");
    List<JdbcStore> stores = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long[] sent = new long[writers];
    for (int w = 0; w < writers; w++) {
      JdbcStore s = pgStore(shared, "node-" + w);
      stores.add(s);
      int index = w;
      threads.add(new Thread(() -> sent[index] = paced(s, probes, rate, seconds)));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    long lost = 0;
    for (int w = 0; w < writers; w++) {
      stores.get(w).flush();
      long stored = PostgresFixture.count(shared, "SELECT count(*) FROM results WHERE node = 'node-" + w + "'");
      lost += sent[w] - stored;
      stores.get(w).close();
    }
    System.out.printf("writers=%d rate_each=%d seconds=%d sent_total=%d lost_rows=%d%n", writers, rate, seconds,
        java.util.Arrays.stream(sent).sum(), lost);
  }

  private record Ingest(long written, long dropped, double seconds) {}

  private static void report(String backend, Ingest r) {
    System.out.printf("ingest_%s_results_per_s=%.0f written=%d dropped=%d seconds=%.1f%n", backend,
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
        Thread.onSpinWait();
        continue;
      }
      s.append(result(ids[(int) (i % probes)], T0 + i / probes * 10_000, i));
      i++;
    }
    s.flush();
    double took = (System.nanoTime() - start) / 1e9;
    return new Ingest(s.resultsWritten(), s.resultsDropped(), took);
  }

  private static long paced(JdbcStore s, int probes, int rate, int seconds) {
    int[] ids = ids(s, probes);
    long start = System.nanoTime();
    long total = (long) rate * seconds;
    for (long i = 0; i < total; i++) {
      long due = start + i * 1_000_000_000L / rate;
      while (System.nanoTime() - due < 0) {
        Thread.onSpinWait();
      }
      s.append(result(ids[(int) (i % probes)], T0 + i / probes * 10_000, i));
    }
    return total;
  }

  private static void oneDay(JdbcStore s, int probes) {
    int[] ids = ids(s, probes);
    for (int run = 0; run < RUNS_PER_DAY; run++) {
      for (int p = 0; p < probes; p++) {
        s.append(result(ids[p], T0 + run * 10_000L + p, run * 31L + p));
      }
      if (s.queued() > 50_000) {
        s.flush();
      }
    }
    s.flush();
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

  private static JdbcStore pgStore(PostgresTarget t, String node) {
    return PostgresStore.open(t, node, "bench", StorageConfig.Retention.DEFAULT, Clock.systemUTC(),
        Duration.ofSeconds(5), SqliteTuning.DEFAULT.withMigrations(PostgresSchema.MIGRATIONS));
  }

  private static PostgresTarget schema(PostgresTarget base, String what) {
    String name = "bench_" + what + "_" + System.nanoTime();
    PostgresFixture.exec(base, "CREATE SCHEMA " + name);
    String jdbc = base.jdbcUrl() + (base.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
    return new PostgresTarget(jdbc, base.host(), base.port(), base.database(), base.user(), base.password());
  }

  private static long sizeOrZero(Path p) throws java.io.IOException {
    return Files.exists(p) ? Files.size(p) : 0;
  }

}
