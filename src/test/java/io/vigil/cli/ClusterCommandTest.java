package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.service.VigilService;
import io.vigil.testing.Http;
import io.vigil.testing.Services;
import io.vigil.testing.TestTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single process answers {@code /api/v1/cluster} with itself and the probes of its location;
 * {@code vigil cluster --url} prints it. (A real cluster is covered by FailoverClusterTest.)
 */
class ClusterCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run cluster(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "cluster";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = Vigil.execute(Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err), all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aSingleProcessListsItselfWithTheProbesOfItsLocation() throws Exception {
    try (TestTarget target = new TestTarget()) {
      Files.writeString(dir.resolve("vigil.yaml"), """
          listen: 127.0.0.1:0
          node: probe-1
          location: eu-west
          storage: {sqlite: data/vigil.db}
          probe_files: [probes.yaml]
          """);
      Files.writeString(dir.resolve("probes.yaml"), """
          boundaries: [{name: shop}, {name: pay}]
          probes:
            - {name: home, boundary: shop, type: http, http: {url: "%1$s"}}
            - {name: cart, boundary: shop, type: http, locations: [eu-west], http: {url: "%1$s"}}
            - {name: charge, boundary: pay, type: http, locations: [us-east], http: {url: "%1$s"}}
          """.formatted(target.url()));
      VigilService service = Services.start(dir.resolve("vigil.yaml"), Map.of());
      try {
        String base = "http://127.0.0.1:" + service.port();
        JsonObject body = new JsonObject(Http.get(base + "/api/v1/cluster").body());
        assertThat(body.getValue("cluster")).isNull();
        assertThat(body.getJsonArray("nodes")).hasSize(1);
        assertThat(body.getJsonArray("nodes").getJsonObject(0).getMap()).containsExactlyInAnyOrderEntriesOf(
            Map.of("node", "probe-1", "location", "eu-west", "self", true, "probes", 2, "boundaries", 1));

        Run run = cluster("--url", base);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("a single process (no cluster: section)",
            "NODE                     LOCATION           PROBES  BOUNDARIES",
            "probe-1 *                eu-west                 2           1");
        assertThat(cluster("--url", "not a url").exit()).isEqualTo(2);
        assertThat(cluster().exit()).as("--url is required").isEqualTo(2);
      } finally {
        Services.stop(service);
      }
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Run unreachable = cluster("--url", "http://127.0.0.1:" + closed);
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:" + closed + "/api/v1/cluster");
  }
}
