package io.vigil.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.cluster.NodeShare;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/cluster}: the live nodes, their locations, and how many probes and boundaries each holds
 * (a single process lists itself). Names and counts only: no member addresses.
 */
public final class ClusterEndpoint implements Endpoint {
  private final Supplier<String> clusterName;
  private final Supplier<List<NodeShare>> nodes;

  /** @param clusterName {@code cluster.name}, or {@code null} for a single process */
  public ClusterEndpoint(Supplier<String> clusterName, Supplier<List<NodeShare>> nodes) {
    this.clusterName = clusterName;
    this.nodes = nodes;
  }

  private String body() {
    JsonArray list = new JsonArray();
    for (NodeShare n : nodes.get()) {
      list.add(new JsonObject().put("node", n.node()).put("location", n.location()).put("self", n.self())
          .put("probes", n.probes()).put("boundaries", n.boundaries()));
    }
    return new JsonObject().put("cluster", clusterName.get()).put("nodes", list).encodePrettily();
  }

  @Override
  public void mount(Router router) {
    // the member registry is a Hazelcast map: read it on a worker, never on the event loop
    router.get("/api/v1/cluster").handler(ctx -> ctx.vertx().executeBlocking(this::body, false)
        .onSuccess(body -> ctx.response().putHeader("Content-Type", "application/json").end(body))
        .onFailure(ctx::fail));
  }
}
