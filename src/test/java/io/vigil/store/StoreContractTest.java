package io.vigil.store;

import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;
import static io.vigil.store.StoreFixtures.T0;
import static io.vigil.store.StoreFixtures.bad;
import static io.vigil.store.StoreFixtures.good;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.StorageConfig;
import io.vigil.probe.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every history backend must have, written once and run against each backend by a subclass
 * ({@link SqliteStoreContractTest}, {@link PostgresStoreContractTest}).
 */
abstract class StoreContractTest {
  static final long MINUTE = 60_000;
  static final long DAY = 86_400_000;

  private final List<JdbcStore> opened = new ArrayList<>();

  /** Opens this test's database (the same one on every call within a test), as node {@code node}. */
  abstract JdbcStore openStore(StorageConfig.Retention retention, String node);

  /**
   * Opens this test's database with a queue bound of {@code capacity} results and short timeouts, through a
   * link that {@link #breakDatabase()} breaks.
   */
  abstract JdbcStore openBreakable(int capacity) throws Exception;

  /** Makes the database unwritable (SQLite: another process holds the write lock; PostgreSQL: unreachable). */
  abstract void breakDatabase() throws Exception;

  abstract void repairDatabase() throws Exception;

  JdbcStore open() {
    return open(RETENTION, "node-a");
  }

  JdbcStore open(StorageConfig.Retention retention, String node) {
    JdbcStore s = openStore(retention, node);
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(JdbcStore::close);
  }

  static BucketRow row(Subject subject, int id, Resolution resolution, long start, long good, long valid) {
    LatencyHistogram h = new LatencyHistogram();
    h.add(40_000, good);
    return new BucketRow(subject, id, resolution, start, good, valid, 1, h, 50_000, 4_000, 3_000, 2_000, 1_000);
  }

  @Test
  void resultsRollupsCheckpointsAndIncidentsSurviveARestartForReplay() {
    JdbcStore store = open();
    int b = store.boundaryId("shop");
    int p = store.probeId("users", "h1");
    store.append(good(p, T0, 1_234));
    store.append(bad(p, T0 + 1_000, Reason.TIMEOUT, 0));
    store.append(good(p, T0 + 2_000, 999));
    store.saveAccounting(List.of(row(Subject.BOUNDARY, b, Resolution.MINUTE, T0, 1, 2)), Map.of(b, T0 + 1_500));
    store.saveAccounting(List.of(row(Subject.BOUNDARY, b, Resolution.MINUTE, T0, 2, 3)), Map.of(b, T0 + 2_500));
    store.saveIncident(new Incident("shop-1", "shop", T0 + 1_000, T0 + 1_000, 0, 0, List.of("users"), "timeout"));
    assertThat(store.flush()).isTrue();
    store.close();

    JdbcStore again = open();
    assertThat(again.boundaryId("shop")).isEqualTo(b);
    assertThat(again.probeId("users", "h1")).isEqualTo(p);
    assertThat(again.probeId("users", "h2")).isNotEqualTo(p);
    long from = again.checkpoint(b).orElseThrow();
    assertThat(from).isEqualTo(T0 + 2_500);
    assertThat(again.results(p, T0, T0 + 3_000)).extracting(StoredResult::startMillis, StoredResult::durationMicros)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(T0, 1_240),
            org.assertj.core.groups.Tuple.tuple(T0 + 1_000, 5_000_000),
            org.assertj.core.groups.Tuple.tuple(T0 + 2_000, 1_000));
    assertThat(again.results(T0 + 1_000, T0 + 2_000)).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(Reason.TIMEOUT));
    assertThat(again.buckets(Subject.BOUNDARY, b, Resolution.MINUTE, T0, T0 + MINUTE)).singleElement()
        .satisfies(r -> assertThat(r.good()).isEqualTo(2))
        .satisfies(r -> assertThat(r.latency().total()).isEqualTo(2));
    assertThat(again.openIncidents()).extracting(Incident::id).containsExactly("shop-1");
    again.saveIncident(new Incident("shop-1", "shop", T0 + 1_000, T0 + 1_000, T0 + 2_000, T0 + 2_000,
        List.of("users"), "timeout"));
    again.flush();
    assertThat(again.openIncidents()).isEmpty();
    assertThat(again.incidents("shop", T0, T0 + DAY)).singleElement()
        .satisfies(i -> assertThat(i.endMillis()).isEqualTo(T0 + 2_000));
  }

  @Test
  void aCheckpointOnlyMovesForwardWhicheverNodeWritesIt() {
    JdbcStore owner = open();
    int b = owner.boundaryId("shop");
    owner.saveAccounting(List.of(), Map.of(b, T0 + 10 * MINUTE));
    assertThat(owner.flush()).isTrue();
    owner.close();

    // a node that no longer owns the boundary writes an older checkpoint late
    JdbcStore late = open(RETENTION, "node-b");
    assertThat(late.boundaryId("shop")).isEqualTo(b);
    late.saveAccounting(List.of(row(Subject.BOUNDARY, b, Resolution.MINUTE, T0, 1, 1)), Map.of(b, T0 + 5 * MINUTE));
    assertThat(late.flush()).isTrue();
    assertThat(late.checkpoint(b)).hasValue(T0 + 10 * MINUTE);
    assertThat(late.buckets(Subject.BOUNDARY, b, Resolution.MINUTE, T0, T0 + MINUTE)).hasSize(1);
    assertThat(late.degradedReason()).isNull();

    late.saveAccounting(List.of(), Map.of(b, T0 + 10 * MINUTE + 1));
    assertThat(late.flush()).isTrue();
    assertThat(late.checkpoint(b)).hasValue(T0 + 10 * MINUTE + 1);
  }

  @Test
  void anOutboxEntryIsStoredOnceWhoeverInsertsItAgainAfterARestart() {
    JdbcStore store = open();
    OutboxEntry e = OutboxEntry.of("inc-1/firing/ops", "inc-1", "ops", "{\"a\":1}", T0, T0 + DAY);
    store.saveAlert(new AlertRecord("inc-1", "shop/avail", T0, 0, "firing"), List.of(e));
    store.flush();
    store.close();

    JdbcStore again = open();
    again.saveAlert(new AlertRecord("inc-1", "shop/avail", T0, 0, "firing"),
        List.of(OutboxEntry.of("inc-1/firing/ops", "inc-1", "ops", "{\"a\":2}", T0 + 5, T0 + DAY)));
    again.flush();
    assertThat(again.pendingNotifications()).isEqualTo(1);
    assertThat(again.nextNotifications(10)).singleElement()
        .satisfies(n -> assertThat(n.payload()).isEqualTo("{\"a\":1}"));
    assertThat(again.firingAlerts()).extracting(AlertRecord::incident).containsExactly("inc-1");
    again.markNotification(NotificationMark.delivered("inc-1/firing/ops", 1, T0 + 10));
    again.flush();
    assertThat(again.pendingNotifications()).isZero();
    assertThat(again.nextNotifications(10)).isEmpty();
  }

  @Test
  void retentionDeletesEachResolutionPastItsOwnAge() {
    StorageConfig.Retention retention = new StorageConfig.Retention(Duration.ofDays(2), Duration.ofDays(10),
        Duration.ofDays(100), Duration.ofDays(400));
    JdbcStore store = open(retention, "node-a");
    long now = T0 + 500 * DAY;
    int b = store.boundaryId("shop");
    int p = store.probeId("users", "h");
    for (long age : new long[] {1, 3, 11, 101, 401}) {
      long at = now - age * DAY;
      store.append(good(p, at, 1_000));
      store.saveAccounting(List.of(
          row(Subject.BOUNDARY, b, Resolution.MINUTE, at, 1, 1),
          row(Subject.PROBE, p, Resolution.MINUTE, at, 1, 1),
          row(Subject.BOUNDARY, b, Resolution.HOUR, at, 1, 1),
          row(Subject.BOUNDARY, b, Resolution.DAY, at, 1, 1)), Map.of(b, at));
    }
    store.saveIncident(new Incident("old", "shop", now - 402 * DAY, now - 402 * DAY, now - 401 * DAY,
        now - 401 * DAY, List.of(), "dns"));
    store.saveIncident(new Incident("kept", "shop", now - 399 * DAY, now - 399 * DAY, now - 398 * DAY,
        now - 398 * DAY, List.of(), "dns"));
    store.flush();

    store.applyRetention(now);

    assertThat(store.results(0, now)).extracting(r -> (now - r.startMillis()) / DAY).containsExactly(1L);
    assertThat(ages(store, Subject.BOUNDARY, b, Resolution.MINUTE, now)).containsExactly(3L, 1L);
    assertThat(ages(store, Subject.PROBE, p, Resolution.MINUTE, now)).containsExactly(3L, 1L);
    assertThat(ages(store, Subject.BOUNDARY, b, Resolution.HOUR, now)).containsExactly(11L, 3L, 1L);
    assertThat(ages(store, Subject.BOUNDARY, b, Resolution.DAY, now)).containsExactly(101L, 11L, 3L, 1L);
    assertThat(store.incidents("shop", 0, now)).extracting(Incident::id).containsExactly("kept");
    assertThat(store.degradedReason()).isNull();
  }

  @Test
  void changeEventsAreStoredOnceListedNewestFirstPerBoundaryAndKeptAsLongAsDayRollups() {
    StorageConfig.Retention retention = new StorageConfig.Retention(Duration.ofDays(2), Duration.ofDays(10),
        Duration.ofDays(100), Duration.ofDays(400));
    JdbcStore store = open(retention, "node-a");
    long now = T0 + 500 * DAY;
    ChangeEvent deploy = new ChangeEvent("e1", "shop", "deploy", "1.4.2", now - DAY, "https://ci.example.com/r/7");
    store.saveChange(deploy);
    store.saveChange(new ChangeEvent("e2", "shop", "config", "", now - MINUTE, ""));
    store.saveChange(new ChangeEvent("e3", "auth", "rollback", "1.0", now - MINUTE, ""));
    store.saveChange(new ChangeEvent("old", "shop", "deploy", "0.9", now - 401 * DAY, ""));
    store.saveChange(new ChangeEvent("kept", "shop", "deploy", "1.0", now - 399 * DAY, ""));
    assertThat(store.flush()).isTrue();
    store.close();

    JdbcStore again = open(retention, "node-b");
    again.saveChange(new ChangeEvent("e1", "shop", "deploy", "other", now, "")); // a known id is left alone
    again.flush();
    assertThat(again.changes("shop", now - 2 * DAY, now + 1)).containsExactly(
        new ChangeEvent("e2", "shop", "config", "", now - MINUTE, ""), deploy);
    assertThat(again.changes("shop", now - DAY + 1, now)).extracting(ChangeEvent::id).containsExactly("e2");
    assertThat(again.changes("auth", 0, now)).extracting(ChangeEvent::id).containsExactly("e3");

    again.applyRetention(now);
    assertThat(again.changes("shop", 0, now)).extracting(ChangeEvent::id).containsExactly("e2", "e1", "kept");
    assertThat(again.degradedReason()).isNull();
  }

  @Test
  void aPostmortemLinkIsKeptPerIncidentReplacedByANewerOneAndGoesWithItsIncident() {
    StorageConfig.Retention retention = new StorageConfig.Retention(Duration.ofDays(2), Duration.ofDays(10),
        Duration.ofDays(100), Duration.ofDays(400));
    JdbcStore store = open(retention, "node-a");
    long now = T0 + 500 * DAY;
    store.saveIncident(new Incident("old", "shop", now - 402 * DAY, now - 402 * DAY, now - 401 * DAY,
        now - 401 * DAY, List.of(), "dns"));
    store.saveIncident(new Incident("new", "shop", now - 2 * DAY, now - 2 * DAY, now - DAY, now - DAY, List.of(),
        "dns"));
    store.saveIncident(new Incident("other", "auth", now - 2 * DAY, now - 2 * DAY, now - DAY, now - DAY, List.of(),
        "dns"));
    store.savePostmortem(new PostmortemLink("old", "https://wiki.example.com/pm/1", now - 400 * DAY));
    store.savePostmortem(new PostmortemLink("new", "https://wiki.example.com/pm/2", now - DAY));
    store.savePostmortem(new PostmortemLink("other", "https://wiki.example.com/pm/3", now - DAY));
    assertThat(store.flush()).isTrue();
    store.close();

    JdbcStore again = open(retention, "node-b");
    again.savePostmortem(new PostmortemLink("new", "https://wiki.example.com/pm/2b", now));
    again.flush();
    assertThat(again.postmortems("shop")).containsOnly(Map.entry("old", "https://wiki.example.com/pm/1"),
        Map.entry("new", "https://wiki.example.com/pm/2b"));
    again.applyRetention(now);
    assertThat(again.postmortems("shop")).containsOnlyKeys("new");
    assertThat(again.postmortems("auth")).containsOnlyKeys("other");
  }

  private static List<Long> ages(JdbcStore store, Subject s, int id, Resolution r, long now) {
    return store.buckets(s, id, r, 0, now).stream().map(row -> (now - row.bucketStart()) / DAY).toList();
  }

  @Test
  void manyResultsCommitInFewBatchesAndAreAllCounted() {
    JdbcStore store = open();
    int p = store.probeId("users", "h");
    int n = 30_000;
    for (int i = 0; i < n; i++) {
      store.append(good(p, T0 + i, 1_000));
    }
    assertThat(store.flush()).isTrue();
    assertThat(store.resultsWritten()).isEqualTo(n);
    assertThat(store.resultsDropped()).isZero();
    assertThat(store.results(p, T0, T0 + n)).hasSize(n);
    assertThat(store.commits()).isLessThan(n / 100);
  }

  @Test
  void whileTheDatabaseFailsWritesQueueUpToTheBoundDropsAreCountedAndWritingResumes() throws Exception {
    JdbcStore store = openBreakable(100);
    opened.add(store);
    int p = store.probeId("users", "h");
    for (int i = 0; i < 10; i++) {
      store.append(good(p, T0 + i, 1_000));
    }
    assertThat(store.flush()).isTrue();
    breakDatabase();
    for (int i = 10; i < 310; i++) {
      store.append(good(p, T0 + i, 1_000));
    }
    assertThat(StoreFixtures.eventually(Duration.ofSeconds(20), () -> store.degradedReason() != null)).isTrue();
    assertThat(store.resultsDropped()).isEqualTo(200);
    assertThat(store.queued()).isEqualTo(100);

    repairDatabase();
    assertThat(StoreFixtures.eventually(Duration.ofSeconds(20), () -> store.degradedReason() == null
        && store.queued() == 0)).isTrue();
    assertThat(store.flush()).isTrue();
    // the newest 100 were kept: 10 before the fault, then 210..309
    assertThat(store.results(p, T0, T0 + 1_000)).extracting(r -> r.startMillis() - T0)
        .hasSize(110).startsWith(0L, 1L).contains(210L, 309L).doesNotContain(10L, 209L);
  }
}
