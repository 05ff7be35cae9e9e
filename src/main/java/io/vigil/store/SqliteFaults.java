package io.vigil.store;

import java.sql.SQLException;

/** Turns SQLite failures into the one-line reasons {@link HistoryStore#degradedReason()} reports. */
final class SqliteFaults {
  private SqliteFaults() {}

  /** Why writes to {@code file} fail, led by what an operator should look at. */
  static String describe(String file, Exception e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (!(e instanceof SQLException sql)) {
      return "history writes failing for " + file + ": " + detail;
    }
    String what = switch (sql.getErrorCode() & 0xFF) {
      case 5, 6 -> "database is locked by another process";
      case 8 -> "database is not writable";
      case 10 -> "I/O error on the database";
      case 11, 26 -> "database file is damaged";
      case 13 -> "disk full";
      case 14 -> "cannot open the database";
      default -> "history writes failing";
    };
    return what + " (" + file + "): " + detail;
  }
}
