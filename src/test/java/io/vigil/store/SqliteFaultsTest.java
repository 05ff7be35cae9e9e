package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteFaultsTest {
  @ParameterizedTest(name = "{0} reads \"{1}\"")
  @CsvSource({
      "SQLITE_BUSY,              database is locked by another process",
      "SQLITE_LOCKED,            database is locked by another process",
      "SQLITE_READONLY,          database is not writable",
      "SQLITE_READONLY_DBMOVED,  database is not writable",
      "SQLITE_IOERR_WRITE,       I/O error on the database",
      "SQLITE_IOERR_FSYNC,       I/O error on the database",
      "SQLITE_FULL,              disk full",
      "SQLITE_CANTOPEN,          cannot open the database",
      "SQLITE_CORRUPT,           database file is damaged",
      "SQLITE_NOTADB,            database file is damaged",
      "SQLITE_CONSTRAINT,        history writes failing",
  })
  void sqliteErrorsReadAsTheirCause(SQLiteErrorCode code, String lead) {
    String reason = SqliteFaults.describe("/data/vigil.db", new SQLiteException("detail text", code));
    assertThat(reason).isEqualTo(lead + " (/data/vigil.db): detail text");
  }

  @Test
  void otherFailuresNameTheirMessage() {
    assertThat(SqliteFaults.describe("/data/vigil.db", new IllegalStateException("boom")))
        .isEqualTo("history writes failing for /data/vigil.db: boom");
    assertThat(SqliteFaults.describe("/data/vigil.db", new IOException()))
        .isEqualTo("history writes failing for /data/vigil.db: IOException");
  }
}
