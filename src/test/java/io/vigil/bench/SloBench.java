package io.vigil.bench;

import io.vigil.boundary.BoundaryTracker;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.ProbeConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.history.Accountant;
import io.vigil.history.RawResults;
import io.vigil.probe.Outcome;
import io.vigil.probe.PhaseTimings;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.status.StatusService;
import io.vigil.store.BucketRow;
import io.vigil.store.JdbcStore;
import io.vigil.store.LatencyHistogram;
import io.vigil.store.Resolution;
import io.vigil.store.SqliteStore;
import io.vigil.store.Subject;
import io.vigil.testing.ManualClock;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark for SLO computation and storage (run by bench/slo.sh, not a test). Prints key=value lines:
 * <ul>
 *   <li>compute: B boundaries × P probes with 90 days of rollups: time to restore the rings from SQLite and
 *       to recompute every SLO, availability window and burn rate ({@link StatusService#refresh});
 *   <li>storage: a simulated day of results at a 10 s interval through accounting into SQLite: bytes per
 *       probe per day (raw results plus rollups).
 * </ul>
 */
public final class SloBench {
  private static final long HOUR = 3_600_000L;
  private static final long MINUTE = 60_000L;

  /** A clock the benchmark moves by hand. */
  public static void main(String[] args) throws Exception {
    int boundaries = Integer.parseInt(System.getProperty("boundaries", "1000"));
    int probesPer = Integer.parseInt(System.getProperty("probes", "10"));
    int storageProbes = Integer.parseInt(System.getProperty("storage.probes", "50"));
    Path work = Files.createTempDirectory("vigil-slo-bench");
    compute(work.resolve("compute.db"), boundaries, probesPer);
    storage(work.resolve("storage.db"), storageProbes);
  }

  /** Boundaries of {@code probesPer} HTTP probes each, with an availability, an uptime and a latency SLO. */
  public static VigilConfig fleet(int boundaries, int probesPer, Duration interval) {
    List<BoundaryConfig> bs = new ArrayList<>();
    List<ProbeConfig> ps = new ArrayList<>();
    for (int b = 0; b < boundaries; b++) {
      String name = "boundary-" + b;
      bs.add(new BoundaryConfig(name, name, "", true, DownWhen.ANY, 1, 1, List.of(
          new SloConfig("availability", SloConfig.Sli.REQUESTS, new BigDecimal("0.999"),
              SloConfig.SloWindow.rolling(Duration.ofDays(30)), ZoneOffset.UTC),
          new SloConfig("uptime", SloConfig.Sli.TIME, new BigDecimal("0.999"), SloConfig.SloWindow.MONTH,
              ZoneOffset.UTC),
          new SloConfig("latency", new SloConfig.Sli.Latency(Duration.ofMillis(250)), new BigDecimal("0.95"),
              SloConfig.SloWindow.rolling(Duration.ofDays(7)), ZoneOffset.UTC)),
          List.of(), List.of(), "bench:1"));
      for (int p = 0; p < probesPer; p++) {
        ps.add(TestConfigs.http(name + "-p" + p, name, "http://127.0.0.1:1/" + p, interval, Duration.ofSeconds(5)));
      }
    }
    return TestConfigs.config(bs, ps, VigilConfig.HistogramsPer.BOUNDARY);
  }

  private static void compute(Path file, int boundaries, int probesPer) throws Exception {
    long now = Resolution.HOUR.floor(System.currentTimeMillis()) + 17 * MINUTE;
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(now));
    VigilConfig config = fleet(boundaries, probesPer, Duration.ofSeconds(10));
    long t0 = System.nanoTime();
    Random random = new Random(7);
    try (SqliteStore store = SqliteStore.open(file, StorageConfig.Retention.DEFAULT, clock)) {
      Map<Integer, Long> checkpoints = new HashMap<>();
      long runsPerHour = 360L * probesPer;
      for (BoundaryConfig b : config.boundaries()) {
        int id = store.boundaryId(b.name());
        List<BucketRow> rows = new ArrayList<>(2_300 + 1_600);
        for (long h = Resolution.HOUR.floor(now) - 90 * 24 * HOUR; h <= Resolution.HOUR.floor(now); h += HOUR) {
          long bad = random.nextInt(1_000) == 0 ? 300 : random.nextInt(3);
          rows.add(row(id, Resolution.HOUR, h, runsPerHour - bad, runsPerHour, HOUR, bad > 100 ? 600_000 : 0));
        }
        for (long m = Resolution.MINUTE.floor(now) - 25 * 60 * MINUTE; m <= Resolution.MINUTE.floor(now); m += MINUTE) {
          rows.add(row(id, Resolution.MINUTE, m, 6L * probesPer, 6L * probesPer, MINUTE, 0));
        }
        long d0 = Resolution.DAY.floor(now) - 94 * 24 * HOUR;
        for (long d = d0; d <= Resolution.DAY.floor(now); d += 24 * HOUR) {
          rows.add(row(id, Resolution.DAY, d, 24 * (runsPerHour - 1), 24 * runsPerHour, 24 * HOUR, 0));
        }
        checkpoints.put(id, now);
        store.saveAccounting(rows, Map.of());
        while (store.queued() > 20_000) {
          Thread.sleep(5);
        }
      }
      store.saveAccounting(List.of(), checkpoints);
      store.flush();
      System.out.printf("bench=slo phase=seed boundaries=%d probes=%d rollup_rows=%d seconds=%.1f%n", boundaries,
          boundaries * probesPer, store.rollupRowsWritten(), (System.nanoTime() - t0) / 1e9);

      MaintenanceSchedule schedule = new MaintenanceSchedule(config);
      Accountant accountant = new Accountant(clock, store);
      long r0 = System.nanoTime();
      accountant.configure(config, schedule);
      double restoreSeconds = (System.nanoTime() - r0) / 1e9;
      BoundaryTracker tracker = new BoundaryTracker(clock, store);
      tracker.configure(config, schedule);
      StatusService status = new StatusService(clock, tracker, accountant, store, config, schedule);
      for (int i = 0; i < 3; i++) {
        status.refresh(); // warm up the JIT
      }
      double[] millis = new double[7];
      for (int i = 0; i < millis.length; i++) {
        long s = System.nanoTime();
        status.refresh();
        millis[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(millis);
      int slos = config.boundaries().stream().mapToInt(b -> b.slos().size()).sum();
      double[] sloMillis = new double[7];
      double[] dayMillis = new double[7];
      for (int i = 0; i < sloMillis.length; i++) {
        long s = System.nanoTime();
        for (BoundaryConfig b : config.boundaries()) {
          for (SloConfig slo : b.slos()) {
            status.evaluate(b.name(), slo, clock.instant());
          }
        }
        sloMillis[i] = (System.nanoTime() - s) / 1e6;
        s = System.nanoTime();
        for (BoundaryConfig b : config.boundaries()) {
          accountant.days(b.name(), clock.millis(), 90);
        }
        dayMillis[i] = (System.nanoTime() - s) / 1e6;
      }
      long profileUntil = System.nanoTime() + Long.getLong("profile.seconds", 0) * 1_000_000_000L;
      while (System.nanoTime() < profileUntil) {
        for (BoundaryConfig b : config.boundaries()) {
          for (SloConfig slo : b.slos()) {
            status.evaluate(b.name(), slo, clock.instant());
          }
        }
      }
      Arrays.sort(sloMillis);
      Arrays.sort(dayMillis);
      System.out.printf("bench=slo phase=slos slos=%d evaluate_all_ms_median=%.1f day_bars_ms_median=%.1f%n", slos,
          sloMillis[3], dayMillis[3]);
      System.gc();
      Runtime rt = Runtime.getRuntime();
      System.out.printf("bench=slo phase=compute boundaries=%d slos=%d restore_seconds=%.2f refresh_ms_median=%.1f "
          + "refresh_ms_max=%.1f goal_ms=100 heap_used_mib=%.0f%n", boundaries, slos, restoreSeconds,
          millis[millis.length / 2], millis[millis.length - 1], (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    }
  }

  private static BucketRow row(int id, Resolution res, long start, long good, long valid, long width, long down) {
    LatencyHistogram h = new LatencyHistogram();
    h.add(40_000, good * 9 / 10);
    h.add(180_000, good - good * 9 / 10);
    return new BucketRow(Subject.BOUNDARY, id, res, start, good, valid, 0, h, width - down, 0, down, 0, 0);
  }

  private static void storage(Path file, int probes) throws Exception {
    long start = Resolution.DAY.floor(System.currentTimeMillis()) - 2 * 86_400_000L;
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(start));
    VigilConfig config = dayFleet(probes);
    long t0 = System.nanoTime();
    long written;
    try (SqliteStore store = SqliteStore.open(file, StorageConfig.Retention.DEFAULT, clock)) {
      written = simulateDay(store, clock, config);
    }
    int probesCount = config.probes().size();
    // closed: the write-ahead log is folded into the database file
    long all = sizeOf(file);
    long db = Files.size(file);
    System.out.printf("bench=slo phase=storage probes=%d interval_s=10 simulated_days=1 results=%d db_file_bytes=%d "
        + "kib_per_probe_day=%.1f goal_kib=200 with_wal_and_shm_bytes=%d seconds=%.1f%n", probesCount, written, db,
        db / 1024.0 / probesCount, all, (System.nanoTime() - t0) / 1e9);
  }

  /** The fleet of the storage figure: {@code probes} probes in boundaries of ten. */
  public static VigilConfig dayFleet(int probes) {
    int boundaries = Math.max(1, probes / 10);
    return fleet(boundaries, probes / boundaries, Duration.ofSeconds(10));
  }

  /**
   * One simulated day from the clock's time, a run of every probe every 10 s (one in 200 bad), stored and
   * accounted as a running service does (rollups persisted every 10 s). Returns the raw results written.
   */
  public static long simulateDay(JdbcStore store, ManualClock clock, VigilConfig config) throws InterruptedException {
    Accountant accountant = new Accountant(clock, store);
    accountant.configure(config, new MaintenanceSchedule(config));
    RawResults raw = new RawResults(store, accountant::probeId);
    Random random = new Random(11);
    List<ProbeConfig> all = config.probes();
    long start = clock.millis();
    long end = start + 86_400_000L;
    for (long now = start; now < end; now += 1_000) {
      clock.setMillis(now);
      for (int i = 0; i < all.size(); i++) {
        if (Math.floorMod(now / 1000 - i, 10) == 0) {
          boolean bad = random.nextInt(200) == 0;
          ProbeResult r = new ProbeResult(all.get(i).name(), now + random.nextInt(50),
              (20 + random.nextInt(200)) * 1_000_000L, bad ? Outcome.BAD : Outcome.GOOD, bad ? Reason.STATUS : null,
              "", PhaseTimings.NONE, List.of(), bad ? 503 : 200, 0, "", null, null);
          raw.accept(all.get(i), r);
          accountant.accept(all.get(i), r);
        }
      }
      accountant.advance();
      if (now % 10_000 == 0) {
        accountant.persist();
      }
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (store.queued() > 50_000) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("history queue did not drain in 60 s: " + store.degradedReason());
        }
        Thread.sleep(5);
      }
    }
    accountant.persist();
    store.flush();
    return store.resultsWritten();
  }

  private static long sizeOf(Path db) throws Exception {
    long total = 0;
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path p = Path.of(db + suffix);
      if (Files.exists(p)) {
        total += Files.size(p);
      }
    }
    return total;
  }
}
