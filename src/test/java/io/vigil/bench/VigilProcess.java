package io.vigil.bench;

import io.vigil.testing.ChildJvm;
import io.vigil.testing.Exposition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vigil as a child JVM for benchmarks, so that what is measured (heap, RSS, file descriptors) is Vigil's
 * alone: started on a config, its port read from its log, its metrics scraped, and stopped or killed.
 */
final class VigilProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("Vigil is serving on http://[^:]+:(\\d+)/");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path log;
  private final int port;

  private VigilProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code vigil run} on {@code config}, appending its output to {@code log}; waits until it serves. */
  static VigilProcess start(Path config, Path log, String maxHeap) throws Exception {
    long logged = Files.exists(log) ? Files.size(log) : 0;
    Process p = ChildJvm.vigil(maxHeap, "run", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("Vigil exited with " + p.exitValue() + "; see " + log);
      }
      String text = Files.readString(log);
      Matcher m = SERVING.matcher(text.substring((int) Math.min(logged, text.length())));
      if (m.find()) {
        return new VigilProcess(p, log, Integer.parseInt(m.group(1)));
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new IllegalStateException("Vigil did not start within 120 s; see " + log);
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  Exposition metrics() throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return new Exposition(r.body());
  }

  /** Resident set size, kB. */
  long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  long openFiles() throws IOException {
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
      return fds.count();
    }
  }

  /** Heap in use right after a full collection, bytes (forces one with jcmd). */
  long heapAfterGc() throws Exception {
    jcmd("GC.run");
    Exposition e = metrics();
    return (long) e.find("jvm_memory_used_bytes", "area", "heap").stream().mapToDouble(Exposition.Sample::value)
        .sum();
  }

  private void jcmd(String command) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p = new ProcessBuilder(jcmd, Long.toString(pid()), command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL if it has not ended within 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Lines of the form {@code key=value} for each pair. */
  static void print(List<String> pairs) {
    System.out.println(String.join(" ", pairs));
  }
}
