package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil cluster --url URL}: the live nodes of the cluster a running Vigil belongs to, with their
 * locations and the probes and boundaries each holds. Exit 0, 2 for bad arguments, 1 when the Vigil cannot be
 * reached.
 */
@Command(name = "cluster", description = "List a running Vigil's cluster nodes, their locations and the probes"
    + " and boundaries each holds.")
final class ClusterCommand implements Callable<Integer> {
  @Option(names = "--url", paramLabel = "URL", required = true, description = "a running Vigil's base URL")
  String url;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonNode body;
    try {
      body = new ApiClient(url).get("api/v1/cluster");
    } catch (IllegalArgumentException e) {
      err.println("vigil: " + e.getMessage());
      err.flush();
      return Vigil.EXIT_CONFIG;
    } catch (IllegalStateException e) {
      err.println("vigil: " + e.getMessage());
      err.flush();
      return 1;
    }
    JsonNode name = body.path("cluster");
    out.println(name.isTextual() ? "cluster " + name.asText() + ": " + body.path("nodes").size() + " live nodes"
        : "a single process (no cluster: section)");
    out.printf("%-24s %-16s %8s %11s%n", "NODE", "LOCATION", "PROBES", "BOUNDARIES");
    for (JsonNode n : body.path("nodes")) {
      out.printf("%-24s %-16s %8d %11d%n", n.path("node").asText() + (n.path("self").asBoolean() ? " *" : ""),
          n.path("location").asText(), n.path("probes").asInt(), n.path("boundaries").asInt());
    }
    out.flush();
    return 0;
  }
}
