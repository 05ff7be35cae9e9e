package io.vigil.store;

import io.vigil.incident.Incident;
import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;
import static io.vigil.store.StoreFixtures.T0;
import static io.vigil.store.StoreFixtures.jdbc;
import static io.vigil.store.StoreFixtures.longQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHistoryReaderTest {
  private static final long HOUR = 3_600_000;

  @TempDir Path dir;

  private static BucketRow hour(int boundaryId, long start, long good) {
    return new BucketRow(Subject.BOUNDARY, boundaryId, Resolution.HOUR, start, good, good, 0, new LatencyHistogram(),
        HOUR, 0, 0, 0, 0);
  }

  @Test
  void missingDatabaseIsRefusedAndNothingIsCreated() {
    Path file = dir.resolve("absent/vigil.db");
    assertThatThrownBy(() -> SqliteHistoryReader.open(file)).isInstanceOf(StoreException.class)
        .hasMessageContaining("no history database at " + file.toAbsolutePath());
    assertThat(dir.resolve("absent")).doesNotExist();
  }

  @Test
  void emptySqliteFileIsRefusedAndNotMigrated() throws Exception {
    Path file = dir.resolve("empty.db");
    Files.createFile(file);
    assertThatThrownBy(() -> SqliteHistoryReader.open(file)).isInstanceOf(StoreException.class)
        .hasMessageContaining("not a Vigil history database");
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void databaseOfAnotherApplicationIsRefused() throws Exception {
    Path file = dir.resolve("other.db");
    try (Connection c = jdbc(file); Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = 42");
      s.execute("CREATE TABLE t(x)");
    }
    assertThatThrownBy(() -> SqliteHistoryReader.open(file)).hasMessageContaining("application_id 42");
    assertThat(longQuery(file, "SELECT count(*) FROM sqlite_master WHERE name = 'rollups'")).isZero();
  }

  @Test
  void schemaFromANewerVigilIsRefused() throws Exception {
    Path file = dir.resolve("vigil.db");
    SqliteStore.open(file, RETENTION, CLOCK).close();
    try (Connection c = jdbc(file); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> SqliteHistoryReader.open(file)).hasMessageContaining("schema version 99 is newer");
  }

  @Test
  void readingLeavesTheDatabaseFileUnchanged() throws Exception {
    Path file = dir.resolve("vigil.db");
    try (SqliteStore store = SqliteStore.open(file, RETENTION, CLOCK)) {
      int id = store.boundaryId("api");
      store.saveAccounting(List.of(hour(id, T0, 10)), Map.of(id, T0 + HOUR));
      store.flush();
    }
    byte[] before = sha256(file);
    try (SqliteHistoryReader reader = SqliteHistoryReader.open(file)) {
      assertThat(reader.buckets(Subject.BOUNDARY, reader.boundaryId("api").orElseThrow(), Resolution.HOUR, 0,
          Long.MAX_VALUE)).hasSize(1);
    }
    assertThat(sha256(file)).isEqualTo(before);
  }

  @Test
  void namesResolveToIdsWithoutCreatingAny() throws Exception {
    Path file = dir.resolve("vigil.db");
    try (SqliteStore store = SqliteStore.open(file, RETENTION, CLOCK)) {
      store.boundaryId("api");
      store.probeId("users", "a");
      store.probeId("other", "a");
      store.probeId("users", "b");
      store.flush();
    }
    try (SqliteHistoryReader reader = SqliteHistoryReader.open(file)) {
      assertThat(reader.boundaryId("api")).isPresent();
      assertThat(reader.boundaryId("nope")).isEmpty();
      assertThat(reader.probeIds("users")).hasSize(2);
      assertThat(reader.probeIds("nope")).isEmpty();
    }
    assertThat(longQuery(file, "SELECT count(*) FROM boundaries")).isEqualTo(1);
  }

  @Test
  void readerSeesOneSnapshotWhileTheStoreKeepsWriting() throws Exception {
    Path file = dir.resolve("vigil.db");
    try (SqliteStore store = SqliteStore.open(file, RETENTION, CLOCK)) {
      int id = store.boundaryId("api");
      store.saveAccounting(List.of(hour(id, T0, 10)), Map.of(id, T0 + HOUR));
      store.flush();
      try (SqliteHistoryReader reader = SqliteHistoryReader.open(file)) {
        assertThat(reader.buckets(Subject.BOUNDARY, id, Resolution.HOUR, 0, Long.MAX_VALUE)).hasSize(1);
        // the writer is not held up by the open read transaction (WAL)
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
          store.saveAccounting(List.of(hour(id, T0 + HOUR, 20)), Map.of(id, T0 + 2 * HOUR));
          store.flush();
        });
        written.get(20, TimeUnit.SECONDS);
        assertThat(store.degradedReason()).isNull();
        assertThat(reader.buckets(Subject.BOUNDARY, id, Resolution.HOUR, 0, Long.MAX_VALUE)).hasSize(1);
      }
      try (SqliteHistoryReader later = SqliteHistoryReader.open(file)) {
        assertThat(later.buckets(Subject.BOUNDARY, id, Resolution.HOUR, 0, Long.MAX_VALUE))
            .extracting(BucketRow::good).containsExactly(10L, 20L);
      }
    }
  }

  @Test
  void incidentsOverlappingTheSpanAreRead() throws Exception {
    Path file = dir.resolve("vigil.db");
    try (SqliteStore store = SqliteStore.open(file, RETENTION, CLOCK)) {
      store.saveIncident(new Incident("api-1", "api", T0 - HOUR, T0 - HOUR + 1, T0 + 60_000, T0 + 61_000,
          List.of("users"), "timeout"));
      store.saveIncident(new Incident("api-2", "api", T0 - 3 * HOUR, T0 - 3 * HOUR, T0 - 2 * HOUR, T0 - 2 * HOUR,
          List.of("users"), "dns"));
      store.saveIncident(new Incident("api-3", "api", T0 + HOUR, T0 + HOUR, 0, 0, List.of("users", "db"), "connect"));
      store.flush();
    }
    try (SqliteHistoryReader reader = SqliteHistoryReader.open(file)) {
      assertThat(reader.incidents("api", T0, T0 + 2 * HOUR)).extracting(Incident::id)
          .containsExactly("api-3", "api-1");
      assertThat(reader.incidents("api", T0, T0 + 2 * HOUR).get(0).probes()).containsExactly("users", "db");
    }
  }

  private static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }
}
