package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxOptions;
import io.vigil.config.ClusterConfig;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two members on loopback form one cluster; a member with another cluster name stays out. */
class ClusterNodeTest {
  @Test
  void membersSeeEachOtherWithLocationsAndOtherClusterNamesStayOut() throws Exception {
    int p1 = freePort();
    int p2 = freePort();
    int p3 = freePort();
    List<String> members = List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2, "127.0.0.1:" + p3);
    Duration fd = Duration.ofSeconds(3);
    ClusterNode a = join(new ClusterConfig("t", "127.0.0.1:" + p1, members, fd), "a1", "a");
    ClusterNode other = join(new ClusterConfig("other", "127.0.0.1:" + p3, members, fd), "x", "a");
    try {
      CountDownLatch seen = new CountDownLatch(1);
      a.onChange(() -> {
        if (a.live().size() == 2) {
          seen.countDown();
        }
      });
      ClusterNode b = join(new ClusterConfig("t", "127.0.0.1:" + p2, members, fd), "b1", "b");
      try {
        assertThat(seen.await(30, TimeUnit.SECONDS) || a.live().size() == 2).isTrue();
        Map<String, ClusterNode.Member> live = a.live();
        assertThat(live.values()).containsExactlyInAnyOrder(
            new ClusterNode.Member("a1", "a"), new ClusterNode.Member("b1", "b"));
        assertThat(a.liveAt("b")).containsExactly(b.id());
        assertThat(other.live()).hasSize(1);
      } finally {
        b.leave().await(30, TimeUnit.SECONDS);
      }
    } finally {
      a.leave().await(30, TimeUnit.SECONDS);
      other.leave().await(30, TimeUnit.SECONDS);
    }
  }

  private static ClusterNode join(ClusterConfig c, String node, String location) throws Exception {
    return ClusterNode.join(c, node, location, new VertxOptions().setEventLoopPoolSize(1))
        .await(60, TimeUnit.SECONDS);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
