package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service file without {@code cluster:} is today's single process: no Hazelcast instance, no member port, no
 * cluster code of Vigil's. (Vert.x itself instantiates the cluster manager it finds among its service providers
 * at start, which loads a handful of interface classes; nothing of Hazelcast's runtime follows.)
 */
class SingleProcessTest {
  @TempDir Path dir;

  @Test
  void noClusterSectionLoadsNoHazelcast() throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: []
        """);
    ProcessBuilder pb = ChildJvm.vigil("128m", "run", "--config", dir.resolve("vigil.yaml").toString());
    List<String> argv = pb.command();
    argv.add(1, "-Xlog:class+load=info");
    Path log = dir.resolve("vigil.log");
    Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!Files.readString(log).contains("Vigil is serving") && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      String out = Files.readString(log);
      assertThat(out).contains("Vigil is serving");
      assertThat(out).doesNotContain("com.hazelcast.instance.impl.HazelcastInstanceImpl")
          .doesNotContain("com.hazelcast.instance.impl.Node ").doesNotContain("com.hazelcast.internal.server.tcp")
          .doesNotContain("io.vigil.cluster.ClusterNode").doesNotContain("Members {");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
