package io.vigil.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.ChildJvm;
import io.vigil.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP reloads a running Vigil process (a child JVM, signalled with {@code kill -HUP}). The probe file is
 * rewritten with the same size and its old modification time, so the file watcher cannot see the change and
 * only the signal can: a valid file swaps in without the unchanged probe missing a run, an invalid one is
 * refused with {@code file:line:col} in the log and the running configuration carries on.
 */
class SighupReloadTest {
  @TempDir
  Path dir;

  @Test
  void sighupReloadsAValidFileAndRefusesAnInvalidOne() throws Exception {
    try (TimedTarget target = new TimedTarget()) {
      Path config = dir.resolve("vigil.yaml");
      Files.writeString(config, """
          listen: 127.0.0.1:0
          storage: {sqlite: data/vigil.db}
          probe_files: [probes.yaml]
          """);
      Path probes = dir.resolve("probes.yaml");
      String valid = """
          boundaries: [{name: shop}]
          probes:
            - {name: steady, boundary: shop, type: http, interval: 500ms, timeout: 400ms, http: {url: "%s"}}
            - {name: swapped, boundary: shop, type: http, interval: 500ms, timeout: 400ms, http: {url: "%s"}}
          """;
      Files.writeString(probes, valid.formatted(target.url("/steady"), target.url("/aaaa")));
      Path log = dir.resolve("vigil.log");
      ProcessBuilder child = ChildJvm.vigil("256m", "run", "--config", config.toString());
      // SIGHUP's default disposition, whatever this test runs under (nohup makes children ignore it)
      child.command().addAll(0, List.of("env", "--default-signal=HUP"));
      Process vigil = child.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        assertThat(Http.eventually(Duration.ofSeconds(30), () -> target.count("/aaaa") >= 3))
            .as("Vigil started: %s", Files.readString(log)).isTrue();
        long from = System.nanoTime();

        FileTime before = Files.getLastModifiedTime(probes);
        Files.writeString(probes, valid.formatted(target.url("/steady"), target.url("/bbbb")));
        Files.setLastModifiedTime(probes, before);
        Thread.sleep(3_000); // longer than the watcher's poll: it must not have noticed
        assertThat(target.count("/bbbb")).as("the watcher cannot see this change").isZero();

        hangUp(vigil);
        assertThat(Http.eventually(Duration.ofSeconds(10), () -> target.count("/bbbb") >= 3))
            .as(Files.readString(log)).isTrue();
        assertThat(Files.readString(log)).contains("SIGHUP received; reloading configuration")
            .contains("configuration reloaded: 2 probes in 1 boundaries");

        String invalid = valid.replace("interval: 500ms, timeout: 400ms, http: {url: \"%s\"}}\n  - {name: swapped",
            "intervol: 500ms, timeout: 400ms, http: {url: \"%s\"}}\n  - {name: swapped");
        assertThat(invalid).isNotEqualTo(valid);
        before = Files.getLastModifiedTime(probes);
        Files.writeString(probes, invalid.formatted(target.url("/steady"), target.url("/cccc")));
        Files.setLastModifiedTime(probes, before);
        hangUp(vigil);
        assertThat(Http.eventually(Duration.ofSeconds(10), () -> read(log).contains(
            probes + ":3:48: unknown key 'intervol'"))).as(read(log)).isTrue();
        assertThat(Files.readString(log)).contains("configuration reload refused; the running configuration stays");
        int bbbb = target.count("/bbbb");
        assertThat(Http.eventually(Duration.ofSeconds(5), () -> target.count("/bbbb") >= bbbb + 3)).isTrue();
        assertThat(target.count("/cccc")).isZero();

        ReloadTest.assertEveryRunMade(target.arrivals("/steady"), from, System.nanoTime());
      } finally {
        vigil.destroy();
        if (!vigil.waitFor(30, TimeUnit.SECONDS)) {
          vigil.destroyForcibly();
        }
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void hangUp(Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -HUP").isTrue();
  }
}
