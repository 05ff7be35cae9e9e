package io.vigil.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** Exit status and output (stdout and stderr together) of one promtool run. */
  public record Result(int exit, String output) {}

  /** {@code promtool check rules FILE}: exit 0 and {@code SUCCESS: N rules found} when the file is valid. */
  public static Result checkRules(Path file) throws IOException, InterruptedException {
    return exec(file.getParent(), "check", "rules", file.getFileName().toString());
  }

  /** {@code promtool test rules FILE}: unit tests of rules, run from the file's folder (rule_files are relative). */
  public static Result testRules(Path file) throws IOException, InterruptedException {
    return exec(file.getParent(), "test", "rules", file.getFileName().toString());
  }

  /** Runs {@code promtool ARGS} in {@code dir}, with no input; killed and failed after 60 s. */
  public static Result exec(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/promtool"));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("promtool", ".out");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("promtool did not finish in 60 s");
      }
      return new Result(p.exitValue(), Files.readString(output).trim());
    } finally {
      Files.deleteIfExists(output);
    }
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
