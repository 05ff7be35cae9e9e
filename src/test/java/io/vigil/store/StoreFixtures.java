package io.vigil.store;

import io.vigil.config.StorageConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;

/** Shared values and helpers for the store tests. */
final class StoreFixtures {
  /** 2026-01-01T00:00:00Z. */
  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final StorageConfig.Retention RETENTION = StorageConfig.Retention.DEFAULT;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC);

  private StoreFixtures() {}

  static StoredResult good(int probeId, long start, int micros) {
    return new StoredResult(probeId, start, micros, Outcome.GOOD, null, 200);
  }

  static StoredResult bad(int probeId, long start, Reason reason, int status) {
    return new StoredResult(probeId, start, 5_000_000, Outcome.BAD, reason, status);
  }

  /** Opens a plain JDBC connection to a store's file (as another client of the file would). */
  static Connection jdbc(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  static long longQuery(Path file, String sql) throws SQLException {
    try (Connection c = jdbc(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  static String stringQuery(Path file, String sql) throws SQLException {
    try (Connection c = jdbc(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Polls {@code condition} every 20 ms until it holds or {@code within} passes; returns whether it held. */
  static boolean eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
