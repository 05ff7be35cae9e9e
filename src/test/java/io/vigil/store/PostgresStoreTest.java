package io.vigil.store;

import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;
import static io.vigil.store.StoreFixtures.T0;
import static io.vigil.store.StoreFixtures.good;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only a shared PostgreSQL history has to do: several writers, refusing others' databases, secrets. */
class PostgresStoreTest {
  private static final SqliteTuning TUNING = SqliteTuning.DEFAULT.withMigrations(PostgresSchema.MIGRATIONS);
  private final List<JdbcStore> opened = new ArrayList<>();
  private PostgresTarget target;

  @BeforeEach
  void schema() {
    target = PostgresFixture.freshSchema();
  }

  @AfterEach
  void close() {
    opened.forEach(JdbcStore::close);
  }

  private JdbcStore open(PostgresTarget t, String node) {
    JdbcStore s = PostgresStore.open(t, node, "eu-west", RETENTION, CLOCK, Duration.ZERO, TUNING);
    opened.add(s);
    return s;
  }

  @Test
  void twoNodesWriteTheSameProbesIntoOneDatabaseWithoutDamagingEachOther() throws Exception {
    JdbcStore a = open(target, "node-a");
    JdbcStore b = open(target, "node-b");
    assertThat(a.probeId("users", "h")).isEqualTo(b.probeId("users", "h"));
    assertThat(a.boundaryId("shop")).isEqualTo(b.boundaryId("shop"));
    int p = a.probeId("users", "h");
    int n = 2_000;
    Thread ta = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        a.append(good(p, T0 + i, 1_000));
      }
    });
    ta.start();
    for (int i = 0; i < n; i++) {
      b.append(good(p, T0 + i, 2_000)); // the same milliseconds: both rows are kept
    }
    ta.join();
    OutboxEntry e = OutboxEntry.of("inc/firing/ops", "inc", "ops", "x", T0, T0 + 60_000);
    a.saveAlert(new AlertRecord("inc", "shop/a", T0, 0, "firing"), List.of(e));
    b.saveAlert(new AlertRecord("inc", "shop/a", T0, 0, "firing"), List.of(e));
    a.saveAccounting(List.of(), Map.of(a.boundaryId("shop"), T0 + 5));
    b.saveAccounting(List.of(), Map.of(a.boundaryId("shop"), T0 + 5));
    assertThat(a.flush()).isTrue();
    assertThat(b.flush()).isTrue();

    assertThat(PostgresFixture.count(target, "SELECT count(*) FROM results WHERE node = 'node-a'")).isEqualTo(n);
    assertThat(PostgresFixture.count(target, "SELECT count(*) FROM results WHERE node = 'node-b'")).isEqualTo(n);
    assertThat(PostgresFixture.count(target, "SELECT count(DISTINCT location) FROM results")).isEqualTo(1);
    assertThat(a.pendingNotifications()).isEqualTo(1);
    b.close(); // a node that stops (or starts again) deletes nobody's rows
    JdbcStore again = open(target, "node-b");
    again.flush();
    assertThat(PostgresFixture.count(target, "SELECT count(*) FROM results")).isEqualTo(2L * n);
    assertThat(a.degradedReason()).isNull();
  }

  @Test
  void nodesStartingTogetherMigrateOnce() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      String node = "n" + i;
      threads.add(new Thread(() -> {
        try {
          JdbcStore s = PostgresStore.open(target, node, "x", RETENTION, CLOCK, Duration.ZERO, TUNING);
          synchronized (opened) {
            opened.add(s);
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
    assertThat(PostgresFixture.count(target, "SELECT count(*) FROM vigil_schema")).isEqualTo(1);
  }

  @Test
  void aDatabaseOfAnotherProgramIsRefusedAndLeftAsItWas() {
    PostgresFixture.exec(target, "CREATE TABLE monitors(id int)", "INSERT INTO monitors VALUES (1)");
    assertThatThrownBy(() -> open(target, "a")).isInstanceOf(StoreException.class)
        .hasMessageContaining("holds tables of another program (monitors)");
    assertThat(PostgresFixture.count(target,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")).isEqualTo(1);
  }

  @Test
  void aDatabaseFromANewerVigilIsRefusedUnchanged() {
    open(target, "a").close();
    PostgresFixture.exec(target, "UPDATE vigil_schema SET version = 99");
    assertThatThrownBy(() -> open(target, "a")).isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99 is newer than this Vigil supports ("
            + SqliteSchema.latest(PostgresSchema.MIGRATIONS) + ")");
    assertThat(PostgresFixture.count(target, "SELECT version FROM vigil_schema")).isEqualTo(99);
  }

  @Test
  void aWrongPasswordIsAClearErrorThatNeverShowsThePassword() {
    String secret = "wrong-Secret-4711";
    PostgresTarget wrong = PostgresTarget.parse(PostgresFixture.url(), secret);
    String logs = stderrOf(() -> assertThatThrownBy(() -> open(wrong, "a")).isInstanceOf(StoreException.class)
        .hasMessageContaining("password authentication failed")
        .hasMessageContaining(wrong.label())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret))
        .hasNoCause());
    assertThat(wrong.toString()).doesNotContain(secret);
    assertThat(logs).doesNotContain(secret);
  }

  @Test
  void anUnreachableServerIsRetriedWithALogLinePerTryThenAClearError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String secret = "pw-Never-Shown";
    PostgresTarget down = PostgresTarget.parse("postgresql://vigil:" + secret + "@127.0.0.1:" + port + "/vigil", "");
    String logs = stderrOf(() -> assertThatThrownBy(
        () -> PostgresStore.open(down, "a", "x", RETENTION, CLOCK, Duration.ofMillis(1_200), TUNING))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot reach history database 127.0.0.1:" + port)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("\n")));
    assertThat(logs).doesNotContain(secret);
    List<String> tries = logs.lines().filter(m -> m.contains("not reachable")).toList();
    assertThat(tries).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(m -> assertThat(m).contains("127.0.0.1:" + port).doesNotContain(secret));
  }

  @Test
  void passwordComesFromTheUrlOrTheSeparateKeyAndSslModePassesThrough() {
    PostgresTarget t = PostgresTarget.parse("postgresql://u:p%40ss@db.example:6543/hist?sslmode=verify-full", "");
    assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/hist?sslmode=verify-full");
    assertThat(t.password()).isEqualTo("p@ss");
    assertThat(t.user()).isEqualTo("u");
    assertThat(PostgresTarget.parse("postgres://u@h/d", "fromEnv").password()).isEqualTo("fromEnv");
    assertThat(PostgresTarget.parse("jdbc:postgresql://h/d?user=x&password=y", "").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d");
  }

  /** What the logger (slf4j-simple writes to the current System.err) printed while {@code r} ran. */
  private static synchronized String stderrOf(Runnable r) {
    java.io.PrintStream was = System.err;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(was);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
