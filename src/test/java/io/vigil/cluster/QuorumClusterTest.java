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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Vigil processes at two locations, a and b, each running the same probes: their results travel to each
 * other over the clustered event bus, so both serve the same state, decided by location quorum. One location
 * failing makes a {@code majority} boundary degraded and an {@code any} boundary down; both failing make both
 * down. Each boundary's series are exported by its owner only.
 */
class QuorumClusterTest {
  private static final long INTERVAL = 500;

  @TempDir Path dir;

  /** Which locations the target fails for (read by the target's handler). */
  private volatile String failing = "";

  @Test
  void bothNodesServeTheStateTheLocationQuorumDecides() throws Exception {
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/", ex -> {
      String side = ex.getRequestHeaders().getFirst("X-Side");
      ex.sendResponseHeaders(failing.contains(String.valueOf(side)) ? 503 : 204, -1);
      ex.close();
    });
    target.start();
    int[] ports = {ClusterNodeTest.freePort(), ClusterNodeTest.freePort()};
    String members = "[127.0.0.1:%d, 127.0.0.1:%d]".formatted(ports[0], ports[1]);
    List<Process> procs = new ArrayList<>();
    try {
      procs.add(start("a1", "a", ports[0], members, target.getAddress().getPort()));
      procs.add(start("b1", "b", ports[1], members, target.getAddress().getPort()));
      int[] http = {ClusterProcess.httpPort(dir, "a1"), ClusterProcess.httpPort(dir, "b1")};

      // every node sees the probes of both locations
      for (int p : http) {
        await(p, s -> "up".equals(state(s, "majority")) && "up".equals(state(s, "eager"))
            && Map.of("a", "passing", "b", "passing").equals(locations(s, "majority")), "both up, seen from a and b");
      }

      failing = "b";
      for (int p : http) {
        await(p, s -> "degraded".equals(state(s, "majority")) && "down".equals(state(s, "eager"))
            && Map.of("a", "passing", "b", "failing").equals(locations(s, "majority")),
            "b failing: majority degraded, any down");
      }

      failing = "ab";
      for (int p : http) {
        await(p, s -> "down".equals(state(s, "majority")) && "down".equals(state(s, "eager")), "both failing: down");
      }

      // each boundary's series come from one node, its owner; together the nodes export each once
      for (String b : List.of("majority", "eager")) {
        int exporters = 0;
        for (int p : http) {
          String metrics = Http.get("http://127.0.0.1:" + p + "/metrics").body();
          exporters += metrics.contains("vigil_boundary_up{boundary=\"" + b + "\"") ? 1 : 0;
        }
        assertThat(exporters).as("nodes exporting vigil_boundary_up of %s", b).isEqualTo(1);
      }
    } finally {
      for (Process p : procs) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      target.stop(0);
    }
  }

  private static String state(JsonObject status, String boundary) {
    JsonObject b = boundary(status, boundary);
    return b == null ? null : b.getString("state");
  }

  private static Map<String, Object> locations(JsonObject status, String boundary) {
    JsonObject b = boundary(status, boundary);
    if (b == null || b.getJsonArray("probes").isEmpty()) {
      return Map.of();
    }
    return new TreeMap<>(b.getJsonArray("probes").getJsonObject(0).getJsonObject("locations").getMap());
  }

  private static JsonObject boundary(JsonObject status, String name) {
    for (Object o : status.getJsonArray("boundaries")) {
      JsonObject b = (JsonObject) o;
      if (name.equals(b.getString("name"))) {
        return b;
      }
    }
    return null;
  }

  /** Polls {@code /api/v1/status} of the node on {@code port} until {@code ok} holds (at most 60 s). */
  private static void await(int port, Predicate<JsonObject> ok, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    JsonObject last = null;
    while (System.currentTimeMillis() < deadline) {
      last = new JsonObject(Http.get("http://127.0.0.1:" + port + "/api/v1/status").body());
      if (ok.test(last)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(what + " on port " + port + ", last status: " + last);
  }

  private Process start(String node, String location, int port, String members, int targetPort) throws Exception {
    // the same probes at both locations; the header tells the target which location asks
    StringBuilder probes = new StringBuilder("""
        boundaries:
          - {name: majority, public: true}
          - {name: eager, public: true, locations_down_when: any}
        probes:
        """);
    for (String b : List.of("majority", "eager")) {
      probes.append(("  - {name: %s-p, boundary: %s, type: http, interval: %dms, timeout: 400ms, "
          + "http: {url: \"http://127.0.0.1:%d/\", headers: {X-Side: %s}}}%n")
          .formatted(b, b, INTERVAL, targetPort, location));
    }
    return ClusterProcess.start(dir, "q", node, location, port, members, 3_000, probes);
  }
}
