package io.vigil.store;

import static io.vigil.store.StoreFixtures.CLOCK;

import io.vigil.config.StorageConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store's behaviour on SQLite. */
class SqliteStoreContractTest extends StoreContractTest {
  @TempDir
  Path dir;

  @Override
  JdbcStore openStore(StorageConfig.Retention retention, String node) {
    return SqliteStore.open(dir.resolve("vigil.db"), retention, CLOCK, SqliteTuning.DEFAULT);
  }
}
