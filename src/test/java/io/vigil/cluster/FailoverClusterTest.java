package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Http;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real Vigil processes on loopback, two at location a and one at b: every probe runs once per interval
 * per location, and after {@code kill -9} of a node of a its probes run on the other node of a within failure
 * detection plus one interval.
 */
class FailoverClusterTest {
  private static final int PROBES = 16; // a1 holds none of 16 with odds of 1 in 65,536
  private static final long INTERVAL = 1_000;
  private static final long FAILURE_DETECTION = 3_000;

  @TempDir Path dir;

  /** Request times by "probe@location". */
  private final Map<String, List<Long>> seen = new ConcurrentHashMap<>();

  @Test
  void probesRunOncePerIntervalPerLocationAndMoveAfterKill() throws Exception {
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/", ex -> {
      String key = ex.getRequestURI().getPath().substring(1) + "@" + ex.getRequestURI().getQuery();
      seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    target.start();
    int[] ports = {ClusterNodeTest.freePort(), ClusterNodeTest.freePort(), ClusterNodeTest.freePort()};
    String members = "[127.0.0.1:%d, 127.0.0.1:%d, 127.0.0.1:%d]".formatted(ports[0], ports[1], ports[2]);
    String[][] nodes = {{"a1", "a"}, {"a2", "a"}, {"b1", "b"}};
    List<Process> procs = new ArrayList<>();
    try {
      for (int i = 0; i < nodes.length; i++) {
        procs.add(start(nodes[i][0], nodes[i][1], ports[i], members, target.getAddress().getPort()));
      }
      // once all three have joined: every probe once per interval at each location
      long deadline = System.currentTimeMillis() + 90_000;
      while (!steady(System.currentTimeMillis()) && System.currentTimeMillis() < deadline) {
        Thread.sleep(250);
      }
      assertThat(steady(System.currentTimeMillis())).as("each probe once per interval per location: %s", seen)
          .isTrue();

      Map<String, Integer> before = probesByNode(ClusterProcess.httpPort(dir, "a2"));
      assertThat(before).as("/api/v1/cluster on a2").containsOnlyKeys("a1@a", "a2@a", "b1@b");
      assertThat(before.get("a1@a") + before.get("a2@a")).as("a's probes split over a1 and a2").isEqualTo(PROBES);
      assertThat(before.get("b1@b")).isEqualTo(PROBES);

      long killedAt = System.currentTimeMillis();
      procs.get(0).destroyForcibly(); // kill -9 a1
      procs.get(0).waitFor(10, TimeUnit.SECONDS);
      Thread.sleep(FAILURE_DETECTION + 3 * INTERVAL);
      // the longest pause of any probe of a across the kill: a1's probes pause for detection plus up to an
      // interval, a2's keep their interval (a run a1 had in flight as it died may still arrive: skip 200 ms)
      long worst = 0;
      for (int p = 0; p < PROBES; p++) {
        List<Long> runs = seen.get("p" + p + "@a");
        long last = runs.stream().filter(t -> t <= killedAt).reduce((a, b) -> b).orElseThrow();
        long next = runs.stream().filter(t -> t > killedAt + 200).findFirst().orElseThrow();
        worst = Math.max(worst, next - last);
      }
      System.out.printf("longest pause of a probe across kill -9 of a1 (which held %d of %d): %d ms%n",
          before.get("a1@a"), PROBES, worst);
      assertThat(before.get("a1@a")).as("a1 held probes, so the kill moves some").isPositive();
      assertThat(worst).as("a1's probes run again within failure detection + one interval")
          .isLessThanOrEqualTo(FAILURE_DETECTION + INTERVAL);
      long now = System.currentTimeMillis();
      assertThat(steady(now)).as("after the kill a2 runs every probe of a: %s", seen).isTrue();
      assertThat(probesByNode(ClusterProcess.httpPort(dir, "a2"))).as("/api/v1/cluster after the kill")
          .isEqualTo(Map.of("a2@a", PROBES, "b1@b", PROBES));
    } finally {
      for (Process p : procs) {
        p.destroyForcibly();
      }
      target.stop(0);
    }
  }

  /** {@code /api/v1/cluster} of the node on {@code port}: probes by "node@location". */
  private static Map<String, Integer> probesByNode(int port) throws Exception {
    JsonObject body = new JsonObject(Http.get("http://127.0.0.1:" + port + "/api/v1/cluster").body());
    assertThat(body.getString("cluster")).isEqualTo("t");
    Map<String, Integer> out = new TreeMap<>();
    body.getJsonArray("nodes").forEach(n -> {
      JsonObject o = (JsonObject) n;
      out.put(o.getString("node") + "@" + o.getString("location"), o.getInteger("probes"));
    });
    return out;
  }

  /** In the last 3 intervals before {@code now}, each probe ran 2 to 4 times at each location. */
  private boolean steady(long now) {
    for (String loc : List.of("a", "b")) {
      for (int p = 0; p < PROBES; p++) {
        List<Long> times = seen.getOrDefault("p" + p + "@" + loc, List.of());
        long n = times.stream().filter(t -> t > now - 3 * INTERVAL).count();
        if (n < 2 || n > 4) {
          return false;
        }
      }
    }
    return true;
  }

  private Process start(String node, String location, int port, String members, int targetPort) throws Exception {
    StringBuilder probes = new StringBuilder("boundaries: [{name: shop}]\nprobes:\n");
    for (int p = 0; p < PROBES; p++) {
      probes.append("  - {name: p%d, boundary: shop, type: http, interval: %dms, timeout: 500ms, ".formatted(p, INTERVAL))
          .append("http: {url: \"http://127.0.0.1:%d/p%d?%s\"}}\n".formatted(targetPort, p, location));
    }
    return ClusterProcess.start(dir, "t", node, location, port, members, FAILURE_DETECTION, probes);
  }
}
