package io.vigil.store;

import static io.vigil.store.StoreFixtures.CLOCK;
import static io.vigil.store.StoreFixtures.RETENTION;
import static io.vigil.store.StoreFixtures.jdbc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another program's SQLite file is refused before anything touches it. */
class SqliteForeignFileTest {
  @TempDir
  Path dir;

  @Test
  void aFileWithoutVigilsIdButWithTablesIsRefusedByteForByteUntouched() throws Exception {
    Path file = dir.resolve("other.db");
    try (Connection c = jdbc(file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE monitors(id INTEGER PRIMARY KEY, url TEXT)");
      s.execute("INSERT INTO monitors(url) VALUES('https://example.test')");
    }
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> SqliteStore.open(file, RETENTION, CLOCK)).isInstanceOf(StoreException.class)
        .hasMessageContaining("is not a Vigil history database (it holds tables monitors)");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(dir.resolve("other.db-wal")).doesNotExist();
    assertThat(StoreFixtures.longQuery(file, "PRAGMA user_version")).isZero();
    assertThat(StoreFixtures.stringQuery(file, "PRAGMA journal_mode")).isEqualTo("delete");
  }

  @Test
  void aFileOfAnotherApplicationIsNotSwitchedToWal() throws Exception {
    Path file = dir.resolve("app.db");
    try (Connection c = jdbc(file); Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = 42");
      s.execute("CREATE TABLE t(x)");
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> SqliteStore.open(file, RETENTION, CLOCK)).hasMessageContaining("application_id 42");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(dir.resolve("app.db-wal")).doesNotExist();
  }
}
