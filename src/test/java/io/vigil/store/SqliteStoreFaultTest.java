package io.vigil.store;

import io.vigil.incident.Incident;
import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;
import static io.vigil.store.StoreFixtures.T0;
import static io.vigil.store.StoreFixtures.eventually;
import static io.vigil.store.StoreFixtures.good;
import static io.vigil.store.StoreFixtures.jdbc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.probe.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write faults that really happen to a SQLite file, produced for real (tests run as root, so file modes
 * cannot make a file unwritable):
 *
 * <ul>
 *   <li>another connection holding the write lock ({@code BEGIN EXCLUSIVE}): the store's writes fail with
 *       SQLITE_BUSY once its busy timeout runs out, exactly as when another process holds the lock;
 *   <li>the immutable attribute ({@code chattr +i}) on the WAL file: even root gets EPERM, so appends to the
 *       WAL fail with SQLITE_IOERR_WRITE. It needs a file system with attributes and CAP_LINUX_IMMUTABLE, so
 *       that test is skipped where {@code chattr} does not work. (Never on the {@code -shm} file: SQLite maps
 *       it into memory, and a failing write to a mapping kills the process with SIGBUS.)
 * </ul>
 */
class SqliteStoreFaultTest {
  private static final SqliteTuning FAST_FAILING = SqliteTuning.DEFAULT.withBusyTimeout(Duration.ofMillis(100));

  @TempDir
  Path dir;

  private final List<SqliteStore> opened = new ArrayList<>();
  private final List<Path> immutable = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Path p : immutable) {
      chattr("-i", p);
    }
    opened.forEach(SqliteStore::close);
  }

  private SqliteStore open(SqliteTuning tuning) {
    SqliteStore store = SqliteStore.open(dir.resolve("vigil.db"), RETENTION, CLOCK, tuning);
    opened.add(store);
    return store;
  }

  private Path db() {
    return dir.resolve("vigil.db");
  }

  @Test
  void lockedDatabaseDegradesWithoutThrowingAndRecoversWithNothingLost() throws Exception {
    SqliteStore store = open(FAST_FAILING);
    int p = store.probeId("users", "h");
    store.append(good(p, T0, 1_000));
    store.flush();

    try (Connection other = jdbc(db()); Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO boundaries(id, name) VALUES(999, 'held')");

      long start = System.nanoTime();
      for (int i = 1; i <= 10_000; i++) {
        store.append(good(p, T0 + i, 1_000));
      }
      store.saveIncident(new Incident("shop-1", "shop", T0, T0, 0, 0, List.of("users"), "dns"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

      assertThat(eventually(Duration.ofSeconds(10), () -> store.degradedReason() != null)).isTrue();
      assertThat(store.degradedReason()).startsWith("database is locked by another process (" + db() + ")");
      store.flush(); // returns: the store is failing
      assertThat(store.failedCommits()).isPositive();
      assertThat(store.queued()).isEqualTo(10_000);
      assertThat(store.results(T0, T0 + 20_000)).hasSize(1); // reads still work
      s.execute("ROLLBACK");
    }

    assertThat(eventually(Duration.ofSeconds(15), () -> store.degradedReason() == null)).isTrue();
    store.flush();
    assertThat(store.results(T0, T0 + 20_000)).hasSize(10_001);
    assertThat(store.openIncidents()).hasSize(1);
    assertThat(store.resultsDropped()).isZero();
    assertThat(store.resultsWritten()).isEqualTo(10_001);
  }

  @Test
  void fullQueueDropsTheOldestResultsWhileWritesFail() throws Exception {
    SqliteStore store = open(FAST_FAILING.withCapacity(1_000));
    int p = store.probeId("users", "h");
    store.flush();
    try (Connection other = jdbc(db()); Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO boundaries(id, name) VALUES(999, 'held')");
      for (int i = 0; i < 3_000; i++) {
        store.append(good(p, T0 + i, 1_000));
      }
      assertThat(eventually(Duration.ofSeconds(10),
          () -> store.degradedReason() != null && store.resultsDropped() == 2_000)).isTrue();
      assertThat(store.queued()).isEqualTo(1_000);
      s.execute("ROLLBACK");
    }
    assertThat(eventually(Duration.ofSeconds(15), () -> store.degradedReason() == null)).isTrue();
    store.flush();

    List<StoredResult> kept = store.results(T0, T0 + 3_000);
    assertThat(kept).hasSize(1_000);
    assertThat(kept.get(0).startMillis()).isEqualTo(T0 + 2_000); // the newest thousand survived
    assertThat(kept.get(999).startMillis()).isEqualTo(T0 + 2_999);
    assertThat(store.resultsDropped()).isEqualTo(2_000);
    assertThat(store.resultsWritten()).isEqualTo(1_000);
  }

  @Test
  void rollupsAndCheckpointsQueuedDuringAFaultAreWrittenTogetherAfterIt() throws Exception {
    SqliteStore store = open(FAST_FAILING);
    int b = store.boundaryId("shop");
    store.flush();
    try (Connection other = jdbc(db()); Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO boundaries(id, name) VALUES(999, 'held')");
      for (int k = 0; k < 50; k++) {
        long bucket = T0 + k * 60_000L;
        store.saveAccounting(List.of(new BucketRow(Subject.BOUNDARY, b, Resolution.MINUTE, bucket, k, k, 0,
            new LatencyHistogram(), 60_000, 0, 0, 0, 0)), Map.of(b, bucket));
        Thread.sleep(5);
      }
      assertThat(eventually(Duration.ofSeconds(10), () -> store.degradedReason() != null)).isTrue();
      assertThat(store.checkpoint(b)).isEmpty();
      s.execute("ROLLBACK");
    }
    assertThat(eventually(Duration.ofSeconds(15), () -> store.degradedReason() == null)).isTrue();
    store.flush();
    assertThat(store.checkpoint(b)).hasValue(T0 + 49 * 60_000L);
    assertThat(store.buckets(Subject.BOUNDARY, b, Resolution.MINUTE, T0, T0 + 3_600_000)).hasSize(50)
        .extracting(BucketRow::good).endsWith(49L);
  }

  @Test
  void retentionOnDemandReturnsWhileTheDatabaseIsLocked() throws Exception {
    SqliteStore store = open(FAST_FAILING);
    store.append(good(1, T0 - RETENTION.raw().toMillis() - 1, 1_000));
    store.flush();
    try (Connection other = jdbc(db()); Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO boundaries(id, name) VALUES(999, 'held')");
      store.append(good(1, T0, 1_000));
      assertThat(eventually(Duration.ofSeconds(10), () -> store.degradedReason() != null)).isTrue();
      long start = System.nanoTime();
      store.applyRetention(T0);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      s.execute("ROLLBACK");
    }
    assertThat(eventually(Duration.ofSeconds(15), () -> store.degradedReason() == null)).isTrue();
    store.applyRetention(T0);
    assertThat(store.results(0, Long.MAX_VALUE)).containsExactly(good(1, T0, 1_000));
  }

  @Test
  void closeWhileWritesFailGivesUpAfterTheCloseWait() throws Exception {
    SqliteStore store = open(FAST_FAILING);
    store.flush();
    try (Connection other = jdbc(db()); Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO boundaries(id, name) VALUES(999, 'held')");
      store.append(good(1, T0, 1_000));
      long start = System.nanoTime();
      store.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(4_500)).isLessThan(Duration.ofSeconds(12));
      s.execute("ROLLBACK");
    }
    SqliteStore reopened = open(SqliteTuning.DEFAULT);
    assertThat(reopened.results(T0, T0 + 1)).isEmpty();
  }

  @Test
  void ioErrorOnTheWalDegradesWithoutThrowingAndRecovers() throws Exception {
    SqliteStore store = open(FAST_FAILING);
    int p = store.probeId("users", "h");
    store.append(good(p, T0, 1_000));
    store.flush();
    Path wal = Path.of(db() + "-wal");
    assumeTrue(Files.exists(wal) && chattr("+i", wal), "chattr +i is not available here");
    immutable.add(wal);

    for (int i = 1; i <= 100; i++) {
      store.append(new StoredResult(p, T0 + i, 2_000, Outcome.GOOD, null, 204));
    }
    assertThat(eventually(Duration.ofSeconds(10), () -> store.degradedReason() != null)).isTrue();
    assertThat(store.degradedReason()).startsWith("I/O error on the database (" + db() + ")");
    assertThat(store.results(T0, T0 + 1_000)).hasSize(1);

    assertThat(chattr("-i", wal)).isTrue();
    immutable.remove(wal);
    assertThat(eventually(Duration.ofSeconds(15), () -> store.degradedReason() == null)).isTrue();
    store.flush();
    assertThat(store.results(T0, T0 + 1_000)).hasSize(101);
    assertThat(store.resultsDropped()).isZero();
  }

  private static boolean chattr(String flag, Path file) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return false; // no chattr on this machine
    }
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
