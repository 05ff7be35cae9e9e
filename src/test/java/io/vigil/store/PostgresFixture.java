package io.vigil.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of the tests, from {@code VIGIL_TEST_POSTGRES_URL} (set by {@code .ci/run}, which starts
 * a throw-away cluster). Without it, PostgreSQL tests are skipped with a visible reason. Each test gets a schema
 * of its own, so tests never see each other's rows.
 */
public final class PostgresFixture {
  static final String ENV = "VIGIL_TEST_POSTGRES_URL";
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private PostgresFixture() {}

  /** The server's URL; skips the calling test (with the reason) when none is configured. */
  static String url() {
    String url = System.getenv(ENV);
    assumeTrue(url != null && !url.isBlank(),
        ENV + " is not set: PostgreSQL store tests skipped (.ci/run starts a server and sets it)");
    return url;
  }

  /** A new, empty schema on the test server, and the target that uses it. */
  static PostgresTarget freshSchema() {
    return PostgresTarget.parse(freshSchemaUrl(), "");
  }

  /** A new, empty schema on the test server, as a URL (password included) that uses it. */
  public static String freshSchemaUrl() {
    String name = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet() + "_" + System.nanoTime();
    PostgresTarget admin = PostgresTarget.parse(url(), "");
    exec(admin, "CREATE SCHEMA " + name);
    String base = url();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  static void exec(PostgresTarget target, String... sql) {
    try (Connection c = PostgresStore.connectWithRetry(target, Duration.ZERO); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(PostgresTarget target, String sql) {
    try (Connection c = PostgresStore.connectWithRetry(target, Duration.ZERO); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : -1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
