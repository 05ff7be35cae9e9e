package io.vigil.store;

import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;
import static io.vigil.store.StoreFixtures.T0;
import static io.vigil.store.StoreFixtures.good;
import static io.vigil.store.StoreFixtures.jdbc;
import static io.vigil.store.StoreFixtures.longQuery;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notification outbox and alert incidents in the SQLite store: entries are unique by key, readable only once
 * committed, handed out one at a time per (incident, notifier) in enqueue order, settled by marks, and kept across
 * reopening; an alert's state and its entries commit together.
 */
class SqliteOutboxTest {
  private static final long DAY = 86_400_000;
  private static final long EXPIRES = T0 + DAY;

  @TempDir
  Path dir;

  private final List<SqliteStore> opened = new ArrayList<>();

  @AfterEach
  void closeStores() {
    opened.forEach(SqliteStore::close);
  }

  private SqliteStore open() {
    return open(SqliteTuning.DEFAULT);
  }

  private SqliteStore open(SqliteTuning tuning) {
    SqliteStore store = SqliteStore.open(db(), RETENTION, CLOCK, tuning);
    opened.add(store);
    return store;
  }

  private Path db() {
    return dir.resolve("vigil.db");
  }

  private static AlertRecord firing(String incident) {
    return new AlertRecord(incident, "shop:down:page", T0, 0, "{\"n\":1}");
  }

  private static OutboxEntry entry(String incident, String message, String notifier) {
    return OutboxEntry.of(incident + "/" + message + "/" + notifier, incident, notifier,
        "{\"message\":\"" + message + "\"}", T0, EXPIRES);
  }

  private static List<String> keys(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::key).toList();
  }

  @Test
  void entriesAreHandedOutInOrderOnePerIncidentAndNotifier() {
    SqliteStore store = open();
    store.saveAlert(firing("a"), List.of(entry("a", "firing", "hook"), entry("a", "firing", "pager")));
    store.saveAlert(firing("b"), List.of(entry("b", "firing", "hook")));
    store.saveAlert(new AlertRecord("a", "shop:down:page", T0, T0 + 5, "{}"),
        List.of(entry("a", "resolved", "hook"), entry("a", "resolved", "pager")));
    assertThat(store.flush()).isTrue();

    assertThat(keys(store.nextNotifications(10)))
        .containsExactly("a/firing/hook", "a/firing/pager", "b/firing/hook");
    assertThat(keys(store.nextNotifications(2))).containsExactly("a/firing/hook", "a/firing/pager");
    assertThat(store.pendingNotifications()).isEqualTo(5);

    store.markNotification(NotificationMark.delivered("a/firing/hook", 0, T0 + 10));
    store.markNotification(NotificationMark.expired("a/firing/pager", 7, T0 + 10, "HTTP 500"));
    assertThat(store.flush()).isTrue();

    assertThat(keys(store.nextNotifications(10)))
        .containsExactly("b/firing/hook", "a/resolved/hook", "a/resolved/pager");
    assertThat(store.pendingNotifications()).isEqualTo(3);
  }

  @Test
  void aKeyIsStoredOnceEvenWhenEnqueuedAgainAfterReopening() throws Exception {
    SqliteStore store = open();
    store.saveAlert(firing("a"), List.of(entry("a", "firing", "hook")));
    store.saveAlert(firing("a"), List.of(OutboxEntry.of("a/firing/hook", "a", "hook", "{\"second\":true}", T0 + 1,
        EXPIRES)));
    store.close();

    SqliteStore reopened = open();
    reopened.saveAlert(firing("a"), List.of(entry("a", "firing", "hook")));
    assertThat(reopened.flush()).isTrue();

    assertThat(reopened.nextNotifications(10)).containsExactly(entry("a", "firing", "hook"));
    assertThat(longQuery(db(), "SELECT count(*) FROM outbox")).isEqualTo(1);
  }

  @Test
  void aDeliveredEntryIsNeverHandedOutAgainNorRevivedByALateMark() {
    SqliteStore store = open();
    store.saveAlert(firing("a"), List.of(entry("a", "firing", "hook")));
    store.flush();
    store.markNotification(NotificationMark.delivered("a/firing/hook", 2, T0 + 10));
    store.flush();
    store.markNotification(NotificationMark.failed("a/firing/hook", 3, T0 + 20, T0 + 11, "late"));
    store.saveAlert(firing("a"), List.of(entry("a", "firing", "hook")));
    store.flush();

    assertThat(store.nextNotifications(10)).isEmpty();
    assertThat(store.pendingNotifications()).isZero();
  }

  @Test
  void aFailedAttemptKeepsTheEntryPendingWithItsAttemptsNextTryAndError() {
    SqliteStore store = open();
    store.saveAlert(firing("a"), List.of(entry("a", "firing", "hook"), entry("a", "resolved", "hook")));
    store.flush();

    store.markNotification(NotificationMark.failed("a/firing/hook", 1, T0 + 1_000, T0, "HTTP 503"));
    store.markNotification(NotificationMark.failed("a/firing/hook", 2, T0 + 3_000, T0 + 1_000, "timeout"));
    store.flush();

    assertThat(store.nextNotifications(10)).containsExactly(new OutboxEntry("a/firing/hook", "a", "hook",
        "{\"message\":\"firing\"}", T0, EXPIRES, 2, T0 + 3_000, "timeout"));
  }

  @Test
  void entriesAreInvisibleUntilCommittedAndCommitTogetherWithTheirAlert() throws Exception {
    SqliteStore store = open(SqliteTuning.DEFAULT.withCommitInterval(Duration.ofMillis(5)));
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> violation = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!done.get() && violation.get() == null && System.nanoTime() < deadline) {
        int firing = store.firingAlerts().size();
        int entries = store.pendingNotifications();
        int firingAfter = store.firingAlerts().size();
        // each alert comes with two entries, in one transaction
        if (entries < 2 * firing || entries > 2 * firingAfter) {
          violation.set(firing + " alerts, then " + entries + " entries, then " + firingAfter + " alerts");
        }
      }
    });
    reader.start();
    for (int i = 0; i < 300; i++) {
      String incident = "i" + i;
      store.saveAlert(new AlertRecord(incident, "k" + i, T0 + i, 0, "{}"),
          List.of(entry(incident, "firing", "hook"), entry(incident, "firing", "chat")));
      if (i == 150) { // half of them committed before the rest is queued: the reader sees several commits
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.pendingNotifications() < 2 * 151 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
      }
    }
    assertThat(store.flush()).isTrue();
    done.set(true);
    reader.join(35_000);

    assertThat(violation.get()).isNull();
    assertThat(store.firingAlerts()).hasSize(300);
    assertThat(store.pendingNotifications()).isEqualTo(600);
    assertThat(store.commits()).isGreaterThan(1);
  }

  @Test
  void alertsUpsertByIncidentAndOnlyFiringOnesAreListedAfterReopening() {
    SqliteStore store = open();
    store.saveAlert(new AlertRecord("b", "shop:burn:page", T0 + 2, 0, "{\"b\":1}"), List.of());
    store.saveAlert(new AlertRecord("a", "shop:down:page", T0 + 1, 0, "{\"a\":1}"), List.of());
    store.saveAlert(new AlertRecord("a", "shop:down:page", T0 + 1, 0, "{\"a\":2}"), List.of());
    store.saveAlert(new AlertRecord("c", "shop:burn:ticket", T0, 0, "{}"), List.of());
    store.saveAlert(new AlertRecord("c", "shop:burn:ticket", T0, T0 + 9, "{}"), List.of());
    store.close();

    assertThat(open().firingAlerts()).containsExactly(
        new AlertRecord("a", "shop:down:page", T0 + 1, 0, "{\"a\":2}"),
        new AlertRecord("b", "shop:burn:page", T0 + 2, 0, "{\"b\":1}"));
  }

  @Test
  void flushSaysWhetherMarksAreCommittedWhileAnotherConnectionHoldsTheLock() throws Exception {
    SqliteStore store = open(SqliteTuning.DEFAULT.withBusyTimeout(Duration.ofMillis(100)));
    store.saveAlert(firing("a"), List.of(entry("a", "firing", "hook")));
    assertThat(store.flush()).isTrue();
    try (Connection other = jdbc(db()); Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO boundaries(id, name) VALUES(999, 'held')");
      store.markNotification(NotificationMark.delivered("a/firing/hook", 0, T0 + 1));

      assertThat(store.flush()).isFalse();
      assertThat(store.nextNotifications(10)).hasSize(1); // not yet recorded as delivered
      s.execute("ROLLBACK");
    }
    assertThat(StoreFixtures.eventually(Duration.ofSeconds(15), store::flush)).isTrue();
    assertThat(store.nextNotifications(10)).isEmpty();
  }

  @Test
  void retentionDropsSettledEntriesAndResolvedAlertsPastTheRawAgeOnly() throws Exception {
    StorageConfig.Retention retention = new StorageConfig.Retention(Duration.ofDays(2), Duration.ofDays(10),
        Duration.ofDays(100), Duration.ofDays(400));
    SqliteStore store = SqliteStore.open(db(), retention, CLOCK, SqliteTuning.DEFAULT);
    opened.add(store);
    long now = T0 + 10 * DAY;
    store.saveAlert(new AlertRecord("old", "k", T0, now - 3 * DAY, "{}"),
        List.of(entry("old", "firing", "hook"), entry("old", "resolved", "hook")));
    store.saveAlert(new AlertRecord("recent", "k", T0, now - DAY, "{}"), List.of(entry("recent", "firing", "hook")));
    store.saveAlert(new AlertRecord("open", "k", T0, 0, "{}"), List.of(entry("open", "firing", "hook")));
    store.flush();
    store.markNotification(NotificationMark.delivered("old/firing/hook", 0, now - 3 * DAY));
    store.markNotification(NotificationMark.expired("old/resolved/hook", 9, now - 3 * DAY, "gone"));
    store.markNotification(NotificationMark.delivered("recent/firing/hook", 0, now - DAY));
    store.flush();

    store.applyRetention(now);

    assertThat(store.firingAlerts()).extracting(AlertRecord::incident).containsExactly("open");
    assertThat(keys(store.nextNotifications(10))).containsExactly("open/firing/hook");
    assertThat(StoreFixtures.stringQuery(db(), "SELECT group_concat(incident, ',') FROM "
        + "(SELECT incident FROM alerts ORDER BY incident)")).isEqualTo("open,recent");
    assertThat(StoreFixtures.stringQuery(db(), "SELECT group_concat(key, ',') FROM "
        + "(SELECT key FROM outbox ORDER BY key)")).isEqualTo("open/firing/hook,recent/firing/hook");
  }

  @Test
  void aVersionOneDatabaseGainsTheOutboxAndKeepsItsHistory() throws Exception {
    SqliteStore old = open(SqliteTuning.DEFAULT.withMigrations(List.of(SqliteSchema.MIGRATIONS.get(0))));
    int p = old.probeId("users", "h");
    old.append(good(p, T0, 1_000));
    old.close();
    assertThat(longQuery(db(), "PRAGMA user_version")).isEqualTo(1);

    SqliteStore migrated = open();
    migrated.saveAlert(firing("a"), List.of(entry("a", "firing", "hook")));
    migrated.flush();

    assertThat(longQuery(db(), "PRAGMA user_version")).isEqualTo(SqliteSchema.latest(SqliteSchema.MIGRATIONS));
    assertThat(migrated.results(T0, T0 + 1)).containsExactly(good(p, T0, 1_000));
    assertThat(migrated.nextNotifications(1)).hasSize(1);
  }
}
