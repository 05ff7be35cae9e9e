package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.report.ReportFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil history copy} from SQLite into PostgreSQL and back, and {@code vigil report} from PostgreSQL:
 * the same month report from every copy. Skipped, with the reason, without a PostgreSQL test server.
 */
class HistoryCopyCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Vigil.execute(Clock.fixed(ReportFixture.NOW, ZoneOffset.UTC), new PrintWriter(out, true),
        new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void historyCopiedIntoPostgresAndBackGivesTheSameReport() throws Exception {
    String base = System.getenv("VIGIL_TEST_POSTGRES_URL");
    assumeTrue(base != null && !base.isBlank(),
        "VIGIL_TEST_POSTGRES_URL is not set: PostgreSQL history copy test skipped (.ci/run sets it)");
    String schema = "copy_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    java.net.URI u = java.net.URI.create(base);
    String[] user = u.getUserInfo().split(":", 2);
    Properties p = new Properties();
    p.setProperty("user", user[0]);
    p.setProperty("password", user[1]);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + u.getPort()
        + u.getPath(), p); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String pg = base + "?currentSchema=" + schema;

    Path sqliteConfig = ReportFixture.writeConfig(dir);
    Path db = ReportFixture.database(dir);
    ReportFixture.writeOctober(db);
    Path pgConfig = dir.resolve("config/vigil-pg.yaml");
    Files.writeString(pgConfig, Files.readString(sqliteConfig)
        .replace("storage: {sqlite: ../data/vigil.db}", "storage: {postgres: \"" + pg + "\"}"));

    Run copy = run("history", "copy", "--from", "sqlite:" + db, "--to", "postgres:" + pg);
    assertThat(copy.err()).isEmpty();
    assertThat(copy.exit()).isZero();
    assertThat(copy.out()).contains("rollups: ").doesNotContain(user[1]);

    Run fromSqlite = run("report", "--config", sqliteConfig.toString(), "--month", "2026-10", "--format", "json");
    Run fromPg = run("report", "--config", pgConfig.toString(), "--month", "2026-10", "--format", "json");
    assertThat(fromSqlite.exit()).isZero();
    assertThat(fromPg.err()).isEmpty();
    assertThat(fromPg.exit()).isZero();
    assertThat(fromPg.out()).isEqualTo(fromSqlite.out());

    Run again = run("history", "copy", "--from", "sqlite:" + db, "--to", "postgres:" + pg);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already holds history").doesNotContain(user[1]);

    Path back = dir.resolve("data/back.db");
    assertThat(run("history", "copy", "--from", "postgres:" + pg, "--to", "sqlite:" + back).exit()).isZero();
    Path backConfig = dir.resolve("config/vigil-back.yaml");
    Files.writeString(backConfig, Files.readString(sqliteConfig).replace("vigil.db", "back.db"));
    assertThat(run("report", "--config", backConfig.toString(), "--month", "2026-10", "--format", "json").out())
        .isEqualTo(fromSqlite.out());
  }
}
