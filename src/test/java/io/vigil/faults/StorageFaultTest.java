package io.vigil.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.service.ServiceParts;
import io.vigil.service.VigilService;
import io.vigil.status.HistoryHealth;
import io.vigil.status.StatusService;
import io.vigil.store.JdbcStore;
import io.vigil.store.SqliteStore;
import io.vigil.store.StoredResult;
import io.vigil.testing.Http;
import io.vigil.testing.TestTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History that cannot be written, in the running service: another process holding the database's write lock,
 * the WAL file made immutable ({@code chattr +i}, which stops even root) and the disk full (the database on a
 * small tmpfs filled to the last byte). During each fault probing continues, {@code /metrics} answers,
 * {@code /-/ready} answers 503 naming history, {@code vigil_store_degraded} is 1 and the status snapshot says
 * history is degraded; when the fault clears, all of it recovers and the results queued meanwhile are written.
 * The immutable and disk-full faults are skipped where {@code chattr} or {@code mount} is not available (and
 * the immutable one runs on the regular file system: tmpfs does not stop writes through open files).
 */
@Tag("faults")
class StorageFaultTest {
  @TempDir
  Path dir;

  private TestTarget target;
  private VigilService service;
  private Path mounted;
  private Path immutable;
  private Path filler;

  @AfterEach
  void tearDown() throws Exception {
    if (immutable != null) {
      command("chattr", "-i", immutable.toString());
    }
    if (filler != null) {
      Files.deleteIfExists(filler);
    }
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (target != null) {
      target.close();
    }
    if (mounted != null) {
      command("umount", mounted.toString());
    }
  }

  private Path start(boolean onSmallTmpfs) throws Exception {
    target = new TestTarget();
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    if (onSmallTmpfs && command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", data.toString())) {
      mounted = data;
    }
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: [probes.yaml]
        """);
    Files.writeString(dir.resolve("probes.yaml"), """
        boundaries: [{name: shop}]
        probes:
          - {name: home, boundary: shop, type: http, interval: 200ms, timeout: 150ms, http: {url: "%s"}}
        """.formatted(target.url()));
    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of(), null,
        Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> store().resultsWritten() > 5)).isTrue();
    return ((SqliteStore) store()).file();
  }

  @Test
  void lockedOrImmutableDatabaseDegradesHistoryOnlyAndWritingResumes() throws Exception {
    Path db = start(false);
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO boundaries(id, name) VALUES(999, 'held by another process')");
      assertDegradedWhileProbingContinues("database is locked by another process");
      s.execute("ROLLBACK");
    }
    assertRecovered();

    Path wal = Path.of(db + "-wal");
    assumeTrue(Files.exists(wal) && command("chattr", "+i", wal.toString()), "chattr +i is not available here");
    immutable = wal;
    // the open WAL fails with an I/O error; a connection reopened meanwhile finds the database read-only
    assertDegradedWhileProbingContinues("I/O error on the database|database is not writable");
    assertThat(command("chattr", "-i", wal.toString())).isTrue();
    immutable = null;
    assertRecovered();
  }

  @Test
  void fullDiskDegradesHistoryOnlyAndWritingResumes() throws Exception {
    start(true);
    assumeTrue(mounted != null, "cannot mount a small tmpfs here");
    filler = mounted.resolve("filler");
    fill(filler);
    assertDegradedWhileProbingContinues("disk full");
    Files.delete(filler);
    filler = null;
    assertRecovered();
  }

  /** @param reason a pattern for how the degraded reason starts */
  private void assertDegradedWhileProbingContinues(String reason) throws Exception {
    long faultFrom = System.currentTimeMillis();
    String db = Pattern.quote(((SqliteStore) store()).file().toString());
    String base = "http://127.0.0.1:" + service.port();
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> store().degradedReason() != null))
        .as("history degraded by: " + reason).isTrue();
    assertThat(store().degradedReason()).containsPattern("^(" + reason + ") \\(" + db + "\\)");

    int requests = target.requests();
    HttpResponse<String> ready = Http.get(base + "/-/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).containsPattern("history is degraded: (" + reason + ")");
    assertThat(Http.eventually(Duration.ofSeconds(5), () -> target.requests() >= requests + 5))
        .as("probing continues").isTrue();
    assertThat(Http.eventually(Duration.ofSeconds(5), () -> Http.metrics(service.port())
        .value("vigil_store_degraded") == 1.0)).isTrue();
    assertThat(Http.metrics(service.port()).value("probe_success", "probe", "home")).isEqualTo(1.0);
    assertThat(Http.get(base + "/-/healthy").statusCode()).isEqualTo(200);
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> status().current().history().degraded()))
        .as("the status snapshot says history is degraded").isTrue();
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> {
      try {
        return Http.get(base + "/").body().contains("History is degraded")
            && Http.get(base + "/api/v1/status").body().contains("\"degraded\":true");
      } catch (Exception e) {
        return false;
      }
    })).as("the status page and API say history is degraded").isTrue();
    assertThat(Http.get(base + "/").body()).doesNotContain(((SqliteStore) store()).file().toString());
    HistoryHealth health = status().current().history();
    assertThat(health.reason()).containsPattern("^(" + reason + ")");
    this.faultFrom = faultFrom;
    this.faultTo = System.currentTimeMillis();
  }

  private long faultFrom;
  private long faultTo;

  private void assertRecovered() throws Exception {
    String base = "http://127.0.0.1:" + service.port();
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> store().degradedReason() == null)).isTrue();
    assertThat(Http.eventually(Duration.ofSeconds(5), () -> {
      try {
        return Http.get(base + "/-/ready").statusCode() == 200;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    })).isTrue();
    assertThat(Http.metrics(service.port()).value("vigil_store_degraded")).isZero();
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> !status().current().history().degraded()))
        .isTrue();
    store().flush();
    List<StoredResult> during = store().results(faultFrom + 500, faultTo);
    assertThat(during).as("results queued while history was degraded are written").isNotEmpty();
    assertThat(store().resultsDropped()).isZero();
  }

  private JdbcStore store() {
    return ServiceParts.store(service);
  }

  private StatusService status() {
    return ServiceParts.status(service);
  }

  /** Writes zeros until the file system is full. */
  private static void fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < 1_000; i++) { // 64 MiB at most; the tmpfs holds 8
        out.write(block);
      }
    } catch (IOException full) {
      return;
    }
    throw new IllegalStateException("the file system never filled up");
  }

  private static boolean command(String... argv) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException notAvailable) {
      return false;
    }
  }
}
