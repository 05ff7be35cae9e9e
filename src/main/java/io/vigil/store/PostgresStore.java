package io.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.config.StorageConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History in PostgreSQL, shared by several Vigil nodes. The official JDBC driver with a HikariCP pool: the
 * store's writer and reads are blocking JDBC on threads of their own anyway (never an event loop), so the
 * reactive client would buy nothing, and JDBC lets both backends share every statement. Raw results go in
 * JDBC batches that the driver rewrites into multi-row inserts ({@code reWriteBatchedInserts}); each row carries
 * the node and location that ran it. Ids are assigned by upsert on the natural key, so nodes never race, and
 * every other write is an idempotent upsert or (outbox) an insert that a known key turns into a no-op.
 */
public final class PostgresStore extends JdbcStore {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

  private PostgresStore(PgBackend backend, StorageConfig.Retention retention, Clock clock, SqliteTuning tuning) {
    super(backend, null, retention, clock, tuning);
  }

  /**
   * Connects (retrying an unreachable server for {@code storage.connect_retry}, a log line per try), migrates
   * and starts the writer. Blocks.
   *
   * @throws StoreException with one clear line (never the password) when the server stays unreachable, refuses
   *     the login, or the database is another program's or a newer Vigil's
   */
  public static PostgresStore open(StorageConfig storage, String location, Clock clock) {
    PostgresTarget target = PostgresTarget.parse(storage.postgres().reveal(), storage.password().reveal());
    return open(target, storage.node(), location, storage.retention(), clock, storage.connectRetry(),
        SqliteTuning.DEFAULT.withMigrations(PostgresSchema.MIGRATIONS));
  }

  // VisibleForTesting
  static PostgresStore open(PostgresTarget target, String node, String location, StorageConfig.Retention retention,
      Clock clock, Duration connectRetry, SqliteTuning tuning) {
    try (Connection c = connectWithRetry(target, connectRetry)) {
      PostgresSchema.migrate(c, target.label(), tuning.migrations());
    } catch (SQLException e) {
      throw new StoreException("cannot use history database " + target.label() + ": "
          + target.redact(e.getMessage()), null);
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(target.jdbcUrl());
    hc.setDataSourceProperties(target.properties());
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    hc.setPoolName("vigil-history");
    hc.setMaximumPoolSize(4);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(Math.max(250, tuning.busyTimeout().toMillis()));
    hc.setInitializationFailTimeout(-1);
    return new PostgresStore(new PgBackend(target, new HikariDataSource(hc), node, location), retention, clock,
        tuning);
  }

  /** One connection, retrying while the server cannot be reached, with backoff up to {@code retryFor}. */
  static Connection connectWithRetry(PostgresTarget target, Duration retryFor) {
    long deadline = System.nanoTime() + retryFor.toNanos();
    long backoff = 250;
    org.postgresql.Driver driver = new org.postgresql.Driver();
    for (int attempt = 1; ; attempt++) {
      try {
        java.util.Properties p = target.properties();
        p.setProperty("connectTimeout", "5");
        Connection c = driver.connect(target.jdbcUrl(), p);
        if (c == null) {
          throw new StoreException("not a PostgreSQL URL: " + target, null);
        }
        return c;
      } catch (SQLException e) {
        String why = target.redact(e.getMessage());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (!state.startsWith("08") && !state.equals("57P03")) { // login refused, no such database ...
          throw new StoreException("cannot use history database " + target.label() + ": " + why, null);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StoreException("cannot reach history database " + target.host() + ":" + target.port()
              + " (tried for " + retryFor.toSeconds() + " s, " + attempt + " tries): " + why, null);
        }
        long wait = Math.min(backoff, TimeUnit.NANOSECONDS.toMillis(left) + 1);
        LOG.warn("history database {}:{} not reachable (try {}): {}; retrying in {} ms", target.host(),
            target.port(), attempt, why, wait);
        try {
          Thread.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new StoreException("interrupted while connecting to " + target.label(), null);
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private record ProbeKey(String name, String definitionHash) {}

  /** PostgreSQL's part: the pool, the raw-result SQL with node and location, ids by upsert. */
  private static final class PgBackend implements Backend {
    private final PostgresTarget target;
    private final HikariDataSource pool;
    private final String node;
    private final String location;
    private final Map<ProbeKey, Integer> probeIds = new ConcurrentHashMap<>();
    private final Map<String, Integer> boundaryIds = new ConcurrentHashMap<>();

    PgBackend(PostgresTarget target, HikariDataSource pool, String node, String location) {
      this.target = target;
      this.pool = pool;
      this.node = node;
      this.location = location;
    }

    @Override
    public String label() {
      return target.label();
    }

    @Override
    public String resultLocation() {
      return "location";
    }

    @Override
    public Connection openWriter() throws SQLException {
      return pool.getConnection();
    }

    @Override
    public <T> T read(ReadConnections.Read<T> read) {
      try (Connection c = pool.getConnection()) {
        return read.apply(c);
      } catch (SQLException e) {
        throw new StoreException("cannot read history from " + target.label() + ": " + target.redact(e.getMessage()),
            null);
      }
    }

    @Override
    public String begin() {
      return "BEGIN";
    }

    @Override
    public String describe(Exception e) {
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : target.redact(e.getMessage());
      String state = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
      String what = state.startsWith("08") || detail.contains("Connection is not available")
          ? "database unreachable" : state.equals("53100") ? "disk full" : "history writes failing";
      return what + " (" + target.label() + "): " + detail;
    }

    @Override
    public Map<Lane<?>, LaneWriter<?>> writers() {
      return Tables.writers(LaneWriter.batch("""
          INSERT INTO results(start_ms, probe_id, node, location, duration_10us, code) VALUES(?, ?, ?, ?, ?, ?)
          ON CONFLICT DO NOTHING""", (p, r) -> {
            p.setLong(1, r.startMillis());
            p.setInt(2, r.probeId());
            p.setString(3, node);
            p.setString(4, location);
            p.setInt(5, Tables.duration10us(r));
            p.setInt(6, ResultCode.pack(r));
          }), null);
    }

    @Override
    public int probeId(String name, String definitionHash) {
      return probeIds.computeIfAbsent(new ProbeKey(name, definitionHash), k -> upsertId(
          "INSERT INTO probes(name, definition_hash) VALUES(?, ?) ON CONFLICT DO NOTHING RETURNING id",
          "SELECT id FROM probes WHERE name = ? AND definition_hash = ?", name, definitionHash));
    }

    @Override
    public int boundaryId(String name) {
      return boundaryIds.computeIfAbsent(name, k -> upsertId(
          "INSERT INTO boundaries(name) VALUES(?) ON CONFLICT DO NOTHING RETURNING id",
          "SELECT id FROM boundaries WHERE name = ?", name, null));
    }

    /** Inserts the natural key, or finds the id another node inserted first. */
    private int upsertId(String insert, String select, String a, String b) {
      return read(c -> {
        for (String sql : new String[] {insert, select}) {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, a);
            if (b != null) {
              p.setString(2, b);
            }
            try (ResultSet rs = p.executeQuery()) {
              if (rs.next()) {
                return rs.getInt(1);
              }
            }
          }
        }
        throw new SQLException("no id for " + a);
      });
    }

    @Override
    public void close() {
      pool.close();
    }
  }
}
