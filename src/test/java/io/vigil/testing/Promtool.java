package io.vigil.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus's promtool (Debian package {@code prometheus}, installed by .ci/run). */
public final class Promtool {
  private Promtool() {}

  public static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/promtool"));
  }

  /** Output of {@code promtool check metrics} on the exposition (empty when it finds nothing). */
  public static String checkMetrics(String exposition) throws IOException, InterruptedException {
    return run(List.of("promtool", "check", "metrics"), exposition);
  }

  /** Runs promtool with the given arguments; returns exit code and output as {@code code:output}. */
  public static String run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("promtool did not finish in 60 s");
    }
    return p.exitValue() == 0 ? out.trim() : "exit " + p.exitValue() + ": " + out.trim();
  }
}
