package io.vigil.store;

import static io.vigil.store.StoreFixtures.CLOCK;

import io.vigil.config.StorageConfig;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The store's behaviour on PostgreSQL (skipped, with the reason, when no test server is configured). */
class PostgresStoreContractTest extends StoreContractTest {
  private PostgresTarget target;

  @BeforeEach
  void schema() {
    target = PostgresFixture.freshSchema();
  }

  @Override
  JdbcStore openStore(StorageConfig.Retention retention, String node) {
    return PostgresStore.open(target, node, "eu-west", retention, CLOCK, Duration.ZERO,
        SqliteTuning.DEFAULT.withMigrations(PostgresSchema.MIGRATIONS));
  }
}
