package io.vigil.store;

import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;

import io.vigil.config.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The store's behaviour on SQLite. */
class SqliteStoreContractTest extends StoreContractTest {
  @TempDir
  Path dir;

  private Connection lock;

  @Override
  JdbcStore openStore(StorageConfig.Retention retention, String node) {
    return SqliteStore.open(dir.resolve("vigil.db"), retention, CLOCK, SqliteTuning.DEFAULT);
  }

  @Override
  JdbcStore openBreakable(int capacity) {
    return SqliteStore.open(dir.resolve("vigil.db"), RETENTION, CLOCK,
        SqliteTuning.DEFAULT.withCapacity(capacity).withBusyTimeout(Duration.ofMillis(100)));
  }

  @Override
  void breakDatabase() throws Exception {
    lock = StoreFixtures.jdbc(dir.resolve("vigil.db"));
    try (Statement s = lock.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
  }

  @Override
  void repairDatabase() throws Exception {
    try (Statement s = lock.createStatement()) {
      s.execute("ROLLBACK");
    }
    lock.close();
    lock = null;
  }

  @AfterEach
  void releaseLock() throws Exception {
    if (lock != null) {
      lock.close();
    }
  }
}
