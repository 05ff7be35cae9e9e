package io.vigil.store;

import io.vigil.config.StorageConfig;
import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads a PostgreSQL history in one read-only, repeatable-read transaction, so a report is computed from one
 * consistent state while nodes keep writing. Never creates or migrates anything.
 */
public final class PostgresHistoryReader implements HistoryReader {
  private final PostgresTarget target;
  private final Connection connection;

  private PostgresHistoryReader(PostgresTarget target, Connection connection) {
    this.target = target;
    this.connection = connection;
  }

  /**
   * Connects (retrying as {@code vigil run} does) and checks the schema. Blocks.
   *
   * @throws StoreException when the database cannot be reached or is not a Vigil history of this version
   */
  public static PostgresHistoryReader open(StorageConfig storage) {
    PostgresTarget target = PostgresTarget.parse(storage.postgres().reveal(), storage.password().reveal());
    Connection c = PostgresStore.connectWithRetry(target, storage.connectRetry());
    try {
      int latest = SqliteSchema.latest(PostgresSchema.MIGRATIONS);
      try (Statement s = c.createStatement()) {
        int version = PostgresSchema.checkedVersion(s, target.label(), latest);
        if (version < latest) {
          throw new StoreException("cannot read history database " + target.label() + ": its schema version "
              + version + " is older than this Vigil's (" + latest + "); start vigil run once to create or upgrade it");
        }
      }
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      return new PostgresHistoryReader(target, c);
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the open failure is what matters
      }
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("cannot read history database " + target.label() + ": "
          + target.redact(e.getMessage()), null);
    }
  }

  @Override
  public OptionalInt boundaryId(String name) {
    return read(c -> HistoryQueries.boundaryId(c, name));
  }

  @Override
  public List<Integer> probeIds(String name) {
    return read(c -> HistoryQueries.probeIds(c, name));
  }

  @Override
  public List<BucketRow> buckets(Subject subject, int id, Resolution resolution, long fromMillis, long toMillis) {
    return read(c -> HistoryQueries.buckets(c, subject, id, resolution, fromMillis, toMillis));
  }

  @Override
  public List<Incident> incidents(String boundary, long fromMillis, long toMillis) {
    return read(c -> HistoryQueries.incidents(c, boundary, fromMillis, toMillis));
  }

  @Override
  public List<ChangeEvent> changes(String boundary, long fromMillis, long toMillis) {
    return read(c -> HistoryQueries.changes(c, boundary, fromMillis, toMillis));
  }

  @Override
  public List<StoredResult> results(int probeId, long fromMillis, long toMillis) {
    return read(c -> HistoryQueries.results(c, probeId, fromMillis, toMillis, "location"));
  }

  @Override
  public java.util.Map<String, String> postmortems(String boundary) {
    return read(c -> HistoryQueries.postmortems(c, boundary));
  }

  private <T> T read(ReadConnections.Read<T> read) {
    try {
      return read.apply(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot read history from " + target.label() + ": " + target.redact(e.getMessage()),
          null);
    }
  }

  @Override
  public void close() {
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException ignored) {
      // nothing was written
    }
  }
}
