package io.vigil.store;

import io.vigil.incident.Incident;
import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;
import static io.vigil.store.StoreFixtures.T0;
import static io.vigil.store.StoreFixtures.bad;
import static io.vigil.store.StoreFixtures.eventually;
import static io.vigil.store.StoreFixtures.good;
import static io.vigil.store.StoreFixtures.jdbc;
import static io.vigil.store.StoreFixtures.longQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.StorageConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 3_600_000;
  private static final long DAY = 86_400_000;

  @TempDir
  Path dir;

  private final List<SqliteStore> opened = new ArrayList<>();

  @AfterEach
  void closeStores() {
    opened.forEach(SqliteStore::close);
  }

  private SqliteStore open(Path file) {
    return open(file, SqliteTuning.DEFAULT);
  }

  private SqliteStore open(Path file, SqliteTuning tuning) {
    SqliteStore store = SqliteStore.open(file, RETENTION, CLOCK, tuning);
    opened.add(store);
    return store;
  }

  private Path db() {
    return dir.resolve("vigil.db");
  }

  private static BucketRow row(Subject subject, int id, Resolution resolution, long start, long good, long valid) {
    LatencyHistogram h = new LatencyHistogram();
    h.add(40_000, good);
    return new BucketRow(subject, id, resolution, start, good, valid, 1, h, 50_000, 4_000, 3_000, 2_000, 1_000);
  }

  @Test
  void appendedResultsReadBackInStartOrderWithHalfOpenRanges() {
    SqliteStore store = open(db());
    int a = store.probeId("a", "h");
    int b = store.probeId("b", "h");
    List<StoredResult> written = List.of(
        good(a, T0, 41_230),
        good(b, T0, 99_000),
        bad(a, T0 + 10_000, Reason.TIMEOUT, 0),
        new StoredResult(b, T0 + 10_001, 20, Outcome.INVALID, Reason.PROBER_NETWORK, 0),
        bad(b, T0 + 20_000, Reason.STATUS, 503),
        new StoredResult(a, T0 + 20_000, 8_000_000, Outcome.GOOD, null, 0));
    for (int i = written.size() - 1; i >= 0; i--) {
      store.append(written.get(i)); // any arrival order: reads come back by start
    }
    store.flush();

    assertThat(store.results(T0, T0 + 30_000)).containsExactly(
        written.get(0), written.get(1), written.get(2), written.get(3), written.get(5), written.get(4));
    assertThat(store.results(T0, T0 + 20_000)).hasSize(4);
    assertThat(store.results(T0 + 1, T0 + 20_001)).hasSize(4);
    assertThat(store.results(a, T0, T0 + 30_000)).containsExactly(written.get(0), written.get(2), written.get(5));
    assertThat(store.results(b, T0 + 10_001, T0 + 20_000)).containsExactly(written.get(3));
    assertThat(store.results(a + b + 10, T0, T0 + 30_000)).isEmpty();
  }

  @Test
  void everyOutcomeReasonAndStatusSurvivesStorage() {
    SqliteStore store = open(db());
    int p = store.probeId("p", "h");
    List<StoredResult> written = new ArrayList<>();
    long start = T0;
    for (Outcome outcome : Outcome.values()) {
      for (Reason reason : Reason.values()) {
        for (int status : new int[] {0, 200, 301, 404, 503, 999}) {
          written.add(new StoredResult(p, start++, (int) (start % 900_000) * 10, outcome,
              outcome == Outcome.GOOD ? null : reason, status));
        }
      }
    }
    written.forEach(store::append);
    store.flush();
    assertThat(store.results(p, T0, start)).containsExactlyElementsOf(written);
  }

  @Test
  void durationsAreKeptInTenMicrosecondStepsRoundedUp() {
    SqliteStore store = open(db());
    int p = store.probeId("p", "h");
    int[] micros = {0, 1, 9, 10, 11, 99_999, 100_000, 100_001};
    for (int i = 0; i < micros.length; i++) {
      store.append(good(p, T0 + i, micros[i]));
    }
    store.flush();
    assertThat(store.results(p, T0, T0 + micros.length)).extracting(StoredResult::durationMicros)
        .containsExactly(0, 10, 10, 10, 20, 100_000, 100_000, 100_010);
  }

  @Test
  void rollupRowsReplaceByKeyAndReadBackPerSubjectAndResolution() {
    SqliteStore store = open(db());
    int boundary = store.boundaryId("shop");
    int probe = store.probeId("users", "h");
    store.saveAccounting(List.of(
        row(Subject.BOUNDARY, boundary, Resolution.MINUTE, T0, 5, 6),
        row(Subject.BOUNDARY, boundary, Resolution.MINUTE, T0 + MINUTE, 6, 6),
        row(Subject.BOUNDARY, boundary, Resolution.HOUR, T0, 300, 360),
        row(Subject.PROBE, probe, Resolution.MINUTE, T0, 1, 1),
        row(Subject.PROBE, probe, Resolution.DAY, T0, 8_000, 8_640)), Map.of(boundary, T0 + 2 * MINUTE));
    store.saveAccounting(List.of(row(Subject.BOUNDARY, boundary, Resolution.MINUTE, T0, 4, 6)),
        Map.of(boundary, T0 + 3 * MINUTE));
    store.flush();

    List<BucketRow> minutes = store.buckets(Subject.BOUNDARY, boundary, Resolution.MINUTE, T0, T0 + HOUR);
    assertThat(minutes).extracting(BucketRow::bucketStart).containsExactly(T0, T0 + MINUTE);
    BucketRow first = minutes.get(0);
    assertThat(first).usingRecursiveComparison().isEqualTo(row(Subject.BOUNDARY, boundary, Resolution.MINUTE,
        T0, 4, 6));
    assertThat(first.latency().atMost(40_000)).isEqualTo(4);
    assertThat(store.buckets(Subject.BOUNDARY, boundary, Resolution.MINUTE, T0 + 1, T0 + HOUR)).hasSize(1);
    assertThat(store.buckets(Subject.BOUNDARY, boundary, Resolution.HOUR, T0, T0 + DAY))
        .extracting(BucketRow::good).containsExactly(300L);
    assertThat(store.buckets(Subject.PROBE, probe, Resolution.MINUTE, T0, T0 + DAY))
        .extracting(BucketRow::valid).containsExactly(1L);
    assertThat(store.buckets(Subject.PROBE, probe, Resolution.DAY, T0, T0 + DAY))
        .extracting(BucketRow::good).containsExactly(8_000L);
    assertThat(store.buckets(Subject.PROBE, boundary, Resolution.HOUR, T0, T0 + DAY)).isEmpty();
    assertThat(store.checkpoint(boundary)).isEqualTo(OptionalLong.of(T0 + 3 * MINUTE));
    assertThat(store.checkpoint(boundary + 99)).isEmpty();
  }

  @Test
  void rowWithoutLatencyReadsBackWithAnEmptyHistogram() {
    SqliteStore store = open(db());
    store.saveAccounting(List.of(new BucketRow(Subject.PROBE, 1, Resolution.MINUTE, T0, 0, 0, 0, null, 0, 0, 0,
        60_000, 0)), Map.of());
    store.flush();
    BucketRow back = store.buckets(Subject.PROBE, 1, Resolution.MINUTE, T0, T0 + MINUTE).get(0);
    assertThat(back.latency().isEmpty()).isTrue();
    assertThat(back.unknownMs()).isEqualTo(60_000);
  }

  @Test
  void incidentsUpsertByIdListNewestFirstAndReportOpenOnes() {
    SqliteStore store = open(db());
    Incident old = new Incident("shop-1", "shop", T0, T0 + 30_000, T0 + HOUR, T0 + HOUR + 20_000,
        List.of("users", "cart, with comma"), "timeout");
    Incident recent = new Incident("shop-2", "shop", T0 + DAY, T0 + DAY + 30_000, 0, 0, List.of("users"),
        "status");
    Incident other = new Incident("blog-1", "blog", T0 + DAY, T0 + DAY, 0, 0, List.of(), null);
    store.saveIncident(old);
    store.saveIncident(recent);
    store.saveIncident(other);
    store.flush();

    assertThat(store.incidents("shop", T0, T0 + 2 * DAY)).containsExactly(recent, old);
    assertThat(store.incidents("shop", T0 + HOUR, T0 + 2 * DAY)).containsExactly(recent); // old ended at from
    assertThat(store.incidents("shop", T0 - DAY, T0)).isEmpty();
    assertThat(store.incidents("shop", T0 + 2 * DAY, T0 + 3 * DAY)).containsExactly(recent); // still open
    assertThat(store.openIncidents()).containsExactlyInAnyOrder(recent, other);

    Incident resolved = new Incident("shop-2", "shop", T0 + DAY, T0 + DAY + 30_000, T0 + DAY + HOUR,
        T0 + DAY + HOUR, List.of("users", "cart"), "status");
    store.saveIncident(resolved);
    store.flush();
    assertThat(store.openIncidents()).containsExactly(other);
    assertThat(store.incidents("shop", T0, T0 + 2 * DAY)).containsExactly(resolved, old);
  }

  @Test
  void idsAreIdempotentDistinctAndStableAcrossReopen() {
    SqliteStore store = open(db());
    int users = store.probeId("users", "h1");
    int usersChanged = store.probeId("users", "h2");
    int cart = store.probeId("cart", "h1");
    int shop = store.boundaryId("shop");
    int blog = store.boundaryId("blog");
    assertThat(store.probeId("users", "h1")).isEqualTo(users);
    assertThat(List.of(users, usersChanged, cart)).doesNotHaveDuplicates();
    assertThat(shop).isNotEqualTo(blog);
    assertThat(store.boundaryId("shop")).isEqualTo(shop);
    store.close();

    SqliteStore reopened = open(db());
    assertThat(reopened.probeId("users", "h1")).isEqualTo(users);
    assertThat(reopened.probeId("users", "h2")).isEqualTo(usersChanged);
    assertThat(reopened.probeId("cart", "h1")).isEqualTo(cart);
    assertThat(reopened.boundaryId("blog")).isEqualTo(blog);
    assertThat(reopened.boundaryId("shop")).isEqualTo(shop);
    int fresh = reopened.probeId("new", "h");
    assertThat(fresh).isNotIn(users, usersChanged, cart);
    reopened.close();

    assertThat(open(db()).probeId("new", "h")).isEqualTo(fresh);
  }

  @Test
  void newFileAndZeroByteFileAreMigratedToTheLatestSchema() throws Exception {
    Path fresh = dir.resolve("a/b/fresh.db");
    Path empty = dir.resolve("empty.db");
    Files.createFile(empty);
    for (Path file : List.of(fresh, empty)) {
      open(file).close();
      assertThat(longQuery(file, "PRAGMA user_version")).isEqualTo(SqliteSchema.latest(SqliteSchema.MIGRATIONS));
      assertThat(longQuery(file, "PRAGMA application_id")).isEqualTo(SqliteSchema.APPLICATION_ID);
      assertThat(StoreFixtures.stringQuery(file, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(longQuery(file, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
          + "('probes', 'boundaries', 'results', 'rollups', 'checkpoints', 'incidents', 'alerts', 'outbox')"))
          .isEqualTo(8);
    }
  }

  @Test
  void olderDatabaseIsMigratedStepByStepKeepingItsHistory() throws Exception {
    Migration first = SqliteSchema.MIGRATIONS.get(0);
    Migration next = new Migration(first.version() + 1, "notes per probe", List.of(
        "CREATE TABLE notes(probe_id INTEGER PRIMARY KEY, note TEXT NOT NULL)",
        "INSERT INTO notes SELECT id, 'migrated ' || name FROM probes"));
    SqliteStore old = open(db(), SqliteTuning.DEFAULT.withMigrations(List.of(first)));
    int p = old.probeId("users", "h");
    old.append(good(p, T0, 1_000));
    old.close();
    assertThat(longQuery(db(), "PRAGMA user_version")).isEqualTo(first.version());

    SqliteStore migrated = open(db(), SqliteTuning.DEFAULT.withMigrations(List.of(first, next)));

    assertThat(longQuery(db(), "PRAGMA user_version")).isEqualTo(next.version());
    assertThat(StoreFixtures.stringQuery(db(), "SELECT note FROM notes")).isEqualTo("migrated users");
    assertThat(migrated.results(T0, T0 + 1)).containsExactly(good(p, T0, 1_000));
    assertThat(migrated.probeId("users", "h")).isEqualTo(p);
  }

  @Test
  void resultsStoredInMicrosecondsAreConvertedToTenMicrosecondStepsRoundingUp() throws Exception {
    List<Migration> beforeStep3 = SqliteSchema.MIGRATIONS.subList(0, 2);
    SqliteStore old = open(db(), SqliteTuning.DEFAULT.withMigrations(beforeStep3));
    int p = old.probeId("users", "h");
    old.append(good(p, T0, 1_000));
    old.append(good(p, T0 + 1_000, 1_000));
    old.close();
    // the shape files had before durations were kept in 10 µs steps: the column in microseconds
    try (Connection c = jdbc(db()); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE results RENAME COLUMN duration_10us TO duration_us");
      s.execute("UPDATE results SET duration_us = 1234 WHERE start_ms = " + T0);
      s.execute("UPDATE results SET duration_us = 50000 WHERE start_ms = " + (T0 + 1_000));
    }

    SqliteStore migrated = open(db());

    assertThat(longQuery(db(), "PRAGMA user_version")).isEqualTo(SqliteSchema.latest(SqliteSchema.MIGRATIONS));
    assertThat(migrated.results(T0, T0 + 2_000))
        .containsExactly(good(p, T0, 1_240), good(p, T0 + 1_000, 50_000));
  }

  @Test
  void failingMigrationStepLeavesTheDatabaseAtItsOldVersion() throws Exception {
    Migration first = SqliteSchema.MIGRATIONS.get(0);
    open(db(), SqliteTuning.DEFAULT.withMigrations(List.of(first))).close();
    Migration broken = new Migration(first.version() + 1, "broken", List.of(
        "CREATE TABLE half_done(x INTEGER)", "INSERT INTO no_such_table VALUES(1)"));

    assertThatThrownBy(() -> open(db(), SqliteTuning.DEFAULT.withMigrations(List.of(first, broken))))
        .isInstanceOf(StoreException.class).hasMessageContaining("no_such_table");

    assertThat(longQuery(db(), "PRAGMA user_version")).isEqualTo(first.version());
    assertThat(longQuery(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")).isZero();
  }

  @Test
  void databaseFromANewerVigilIsRefusedWithAClearMessage() throws Exception {
    open(db()).close();
    try (Connection c = jdbc(db()); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> open(db()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("schema version 99 is newer than this Vigil supports");
  }

  @Test
  void filesThatAreNotVigilHistoryAreRefusedWithAClearMessage() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "this is not a database, just a long enough line of text to look like a header");
    assertThatThrownBy(() -> open(text)).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open history database " + text).hasMessageContaining("not a database");

    Path foreign = dir.resolve("other.db");
    try (Connection c = jdbc(foreign); Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = 42");
      s.execute("CREATE TABLE t(x)");
    }
    assertThatThrownBy(() -> open(foreign)).isInstanceOf(StoreException.class)
        .hasMessageContaining("belongs to another application");

    Path folder = Files.createDirectory(dir.resolve("folder.db"));
    assertThatThrownBy(() -> open(folder)).isInstanceOf(StoreException.class)
        .hasMessageContaining("is a directory");

    Path underFile = text.resolve("vigil.db");
    assertThatThrownBy(() -> open(underFile)).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot create the folder");
  }

  @Test
  void manyAppendsCommitInFewBatchesAndFlushWaitsForAll() {
    SqliteStore store = open(db());
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      store.append(good(1 + i % 20, T0 + i, 1_000 + i));
    }
    store.flush();
    assertThat(store.results(T0, T0 + n)).hasSize(n);
    assertThat(store.resultsWritten()).isEqualTo(n);
    assertThat(store.commits()).isBetween(1L, 25L);
    assertThat(store.queued()).isZero();
    assertThat(store.lastCommitDuration()).isPositive();
  }

  @Test
  void queuedResultsAreCommittedWithinTheCommitIntervalWithoutFlush() throws Exception {
    SqliteStore store = open(db());
    store.append(good(1, T0, 1_000));
    long start = System.nanoTime();
    assertThat(eventually(Duration.ofSeconds(5), () -> !store.results(T0, T0 + 1).isEmpty())).isTrue();
    // the interval is 200 ms; allow for a loaded machine, but not for "only on flush or close"
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(store.commits()).isEqualTo(1);
  }

  @Test
  void closeWritesWhatIsQueued() {
    SqliteStore store = open(db());
    for (int i = 0; i < 30_000; i++) {
      store.append(good(1, T0 + i, 1_000));
    }
    store.saveIncident(new Incident("x-1", "x", T0, T0, 0, 0, List.of("p"), "dns"));
    store.close();
    store.close();

    SqliteStore reopened = open(db());
    assertThat(reopened.results(T0, T0 + 30_000)).hasSize(30_000);
    assertThat(reopened.openIncidents()).hasSize(1);
  }

  @Test
  void closeReturnsWhileAProducerKeepsAppendingAndCountsAddUp() throws Exception {
    SqliteStore store = open(db());
    AtomicBoolean stop = new AtomicBoolean();
    long[] appended = {0};
    Thread producer = new Thread(() -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!stop.get() && System.nanoTime() < deadline) {
        store.append(good(1, T0 + appended[0]++, 1_000));
      }
    });
    producer.start();
    Thread.sleep(300);
    long start = System.nanoTime();
    store.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    stop.set(true);
    producer.join(25_000);

    assertThat(took).isLessThan(Duration.ofSeconds(8));
    assertThat(store.resultsWritten() + store.resultsDropped()).isEqualTo(appended[0]);
    assertThat(open(db()).results(T0, Long.MAX_VALUE)).hasSize((int) store.resultsWritten());
  }

  @Test
  void readsAfterCloseThrowAStoreExceptionAndWritesAreDroppedQuietly() {
    SqliteStore store = open(db());
    store.close();
    store.append(good(1, T0, 1));
    store.flush();
    assertThat(store.resultsDropped()).isEqualTo(1);
    assertThatThrownBy(() -> store.results(T0, T0 + 1)).isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void readsProceedWhileAnotherConnectionHoldsTheWriteLock() throws Exception {
    SqliteStore store = open(db());
    store.append(good(1, T0, 1_000));
    store.flush();
    try (Connection other = jdbc(db()); Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("DELETE FROM results");
      long start = System.nanoTime();
      assertThat(store.results(T0, T0 + 1)).hasSize(1); // sees the last commit, not the open transaction
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      s.execute("ROLLBACK");
    }
  }

  @Test
  void accountingRowsAndTheirCheckpointBecomeVisibleTogether() throws Exception {
    SqliteStore store = open(db(), SqliteTuning.DEFAULT.withCommitInterval(Duration.ofMillis(5)));
    int boundary = store.boundaryId("shop");
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> violation = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!done.get() && violation.get() == null && System.nanoTime() < deadline) {
        // checkpoint then rows: every bucket the checkpoint covers must be there
        long cp = store.checkpoint(boundary).orElse(T0 - MINUTE);
        long rowsUpTo = lastBucket(store, boundary);
        if (rowsUpTo < cp) {
          violation.set("checkpoint " + cp + " visible before its rows (last row " + rowsUpTo + ")");
        }
        // rows then checkpoint: no row may be visible before the checkpoint that accounts for it
        long rowsNow = lastBucket(store, boundary);
        long cpAfter = store.checkpoint(boundary).orElse(T0 - MINUTE);
        if (rowsNow > cpAfter) {
          violation.set("row " + rowsNow + " visible before its checkpoint (" + cpAfter + ")");
        }
      }
    });
    reader.start();
    for (int k = 0; k < 400; k++) {
      long bucket = T0 + k * MINUTE;
      store.saveAccounting(List.of(
          row(Subject.BOUNDARY, boundary, Resolution.MINUTE, bucket, 6, 6),
          row(Subject.BOUNDARY, boundary, Resolution.HOUR, Resolution.HOUR.floor(bucket), k, k)),
          Map.of(boundary, bucket));
      if (k % 10 == 0) {
        Thread.sleep(2);
      }
    }
    store.flush();
    done.set(true);
    reader.join(35_000);
    assertThat(violation.get()).isNull();
    assertThat(store.checkpoint(boundary)).hasValue(T0 + 399 * MINUTE);
    assertThat(store.buckets(Subject.BOUNDARY, boundary, Resolution.MINUTE, T0, T0 + DAY)).hasSize(400);
    assertThat(store.commits()).isGreaterThan(1); // the saves really were spread over several transactions
  }

  private static long lastBucket(SqliteStore store, int boundary) {
    List<BucketRow> rows = store.buckets(Subject.BOUNDARY, boundary, Resolution.MINUTE, T0, T0 + DAY);
    return rows.isEmpty() ? T0 - MINUTE : rows.get(rows.size() - 1).bucketStart();
  }

  @Test
  void retentionDeletesLargeBacklogsInBoundedChunks() {
    SqliteStore store = open(db(), SqliteTuning.DEFAULT.withRetention(Duration.ofHours(1), 100));
    long now = T0 + 30 * DAY;
    long cut = now - RETENTION.raw().toMillis();
    int kept = 0;
    for (int i = 0; i < 2_000; i++) {
      long at = cut - 1_000 + i; // 1,000 before the cut, 1,000 from it on
      store.append(good(1 + i % 3, at, 1_000));
      store.append(good(5, at, 1_000)); // two probes share each start
      kept += at >= cut ? 2 : 0;
    }
    List<BucketRow> minutes = new ArrayList<>();
    for (int i = 1; i <= 1_000; i++) {
      minutes.add(row(Subject.PROBE, 7, Resolution.MINUTE, now - RETENTION.minute().toMillis() - i * MINUTE, 1,
          1));
    }
    minutes.add(row(Subject.PROBE, 7, Resolution.MINUTE, now - RETENTION.minute().toMillis(), 1, 1));
    minutes.add(row(Subject.PROBE, 7, Resolution.MINUTE, now - MINUTE, 1, 1));
    store.saveAccounting(minutes, Map.of());
    store.flush();
    long commitsBefore = store.commits();

    store.applyRetention(now);

    assertThat(store.results(0, Long.MAX_VALUE)).hasSize(kept)
        .allSatisfy(r -> assertThat(r.startMillis()).isGreaterThanOrEqualTo(cut));
    assertThat(store.buckets(Subject.PROBE, 7, Resolution.MINUTE, 0, Long.MAX_VALUE)).hasSize(2); // at the cut, after
    assertThat(store.commits()).isEqualTo(commitsBefore); // nothing queued, so no batches in between
  }

  @Test
  void writerAppliesRetentionByItself() throws Exception {
    SqliteStore store = open(db(), SqliteTuning.DEFAULT.withRetention(Duration.ofMillis(100), 1_000));
    long old = T0 - RETENTION.raw().toMillis() - 1;
    store.append(good(1, old, 1_000));
    store.append(good(1, T0, 1_000));
    store.flush();
    assertThat(eventually(Duration.ofSeconds(10), () -> store.results(0, Long.MAX_VALUE).size() == 1)).isTrue();
    assertThat(store.results(0, Long.MAX_VALUE)).containsExactly(good(1, T0, 1_000));
  }

  @Test
  void resultsQueryUsesTheKeyRangeNotAFullScan() throws SQLException {
    open(db()).close();
    String plan;
    try (Connection c = jdbc(db()); Statement s = c.createStatement();
        var rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT probe_id FROM results "
            + "WHERE start_ms >= 1 AND start_ms < 2 AND probe_id = 3 ORDER BY start_ms")) {
      assertThat(rs.next()).isTrue();
      plan = rs.getString("detail");
      assertThat(rs.next()).isFalse(); // no separate sort step
    }
    assertThat(plan).startsWith("SEARCH results USING PRIMARY KEY (start_ms>? AND start_ms<?)");
  }
}
