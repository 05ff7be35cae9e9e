package io.vigil.store;

import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;

import io.vigil.config.StorageConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store's behaviour on PostgreSQL (skipped, with the reason, when no test server is configured). */
class PostgresStoreContractTest extends StoreContractTest {
  private PostgresTarget target;
  private TcpCut link;

  @BeforeEach
  void schema() {
    target = PostgresFixture.freshSchema();
  }

  @AfterEach
  void closeLink() {
    if (link != null) {
      link.close();
    }
  }

  @Override
  JdbcStore openStore(StorageConfig.Retention retention, String node) {
    return PostgresStore.open(target, node, "eu-west", retention, CLOCK, Duration.ZERO,
        SqliteTuning.DEFAULT.withMigrations(PostgresSchema.MIGRATIONS));
  }

  @Override
  JdbcStore openBreakable(int capacity) throws Exception {
    link = new TcpCut(target.host(), target.port());
    String url = target.jdbcUrl().replace(":" + target.port() + "/", ":" + link.port() + "/");
    PostgresTarget viaLink = new PostgresTarget(url, "127.0.0.1", link.port(), target.database(), target.user(),
        target.password());
    return PostgresStore.open(viaLink, "node-a", "eu-west", RETENTION, CLOCK, Duration.ZERO,
        SqliteTuning.DEFAULT.withMigrations(PostgresSchema.MIGRATIONS).withCapacity(capacity)
            .withBusyTimeout(Duration.ofMillis(300)));
  }

  @Override
  void breakDatabase() {
    link.cut();
  }

  @Override
  void repairDatabase() throws Exception {
    link.restore();
  }
}
