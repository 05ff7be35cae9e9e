package io.vigil.cluster;

import io.vigil.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real Vigil node in a JVM of its own, for the cluster tests: its files in {@code dir/<node>}, its log there. */
final class ClusterProcess {
  private static final Pattern SERVING = Pattern.compile("Vigil is serving on http://127\\.0\\.0\\.1:(\\d+)/");

  private ClusterProcess() {}

  /**
   * Writes the node's service file (SQLite history, the given cluster) and {@code probes.yaml}, and starts it.
   *
   * @param clusterPort the node's member port on 127.0.0.1
   * @param members the YAML list of every member's address
   */
  static Process start(Path dir, String cluster, String node, String location, int clusterPort, String members,
      long failureDetectionMillis, CharSequence probes) throws Exception {
    Path d = Files.createDirectories(dir.resolve(node));
    Files.writeString(d.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        node: %s
        location: %s
        storage: {sqlite: data/vigil.db}
        probe_files: [probes.yaml]
        cluster: {name: %s, listen: "127.0.0.1:%d", members: %s, failure_detection: %dms}
        """.formatted(node, location, cluster, clusterPort, members, failureDetectionMillis));
    Files.writeString(d.resolve("probes.yaml"), probes);
    return ChildJvm.vigil("256m", "run", "--config", d.resolve("vigil.yaml").toString())
        .redirectErrorStream(true).redirectOutput(d.resolve("vigil.log").toFile()).start();
  }

  /** The HTTP port the node logged when it started serving (waits for it, at most 60 s). */
  static int httpPort(Path dir, String node) throws Exception {
    Path log = dir.resolve(node).resolve("vigil.log");
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      Matcher m = SERVING.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no serving line in " + log);
  }
}
