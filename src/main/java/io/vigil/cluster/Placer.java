package io.vigil.cluster;

import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import java.util.List;

/**
 * Which probes this node runs. A single process runs them all; a cluster member runs its rendezvous share of
 * its location's live nodes. This interface does not name Hazelcast: a process without {@code cluster:} never
 * loads it.
 */
public interface Placer {
  Placer SINGLE = new Placer() {
    @Override
    public List<ProbeConfig> mine(List<ProbeConfig> probes) {
      return probes;
    }

    @Override
    public Future<Void> leave() {
      return Future.succeededFuture();
    }
  };

  /** The items of {@code probes} this node runs now. */
  List<ProbeConfig> mine(List<ProbeConfig> probes);

  /** Leaves the cluster (closes the clustered Vert.x). */
  Future<Void> leave();

  /**
   * Joins the cluster of {@code config} (which must have a {@code cluster:} section); {@code changed} runs
   * on a Hazelcast thread whenever the live members change, so that the caller re-applies its probes.
   */
  static Future<Placer> join(VigilConfig config, Runnable changed) {
    return ClusterNode.join(config.cluster(), config.storage().node(), config.location(),
            new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2))
        .map(node -> {
          node.onChange(changed);
          String location = config.location();
          return new Placer() {
            @Override
            public List<ProbeConfig> mine(List<ProbeConfig> probes) {
              return Placement.mine(probes, ProbeConfig::name, node.id(), node.liveAt(location));
            }

            @Override
            public Future<Void> leave() {
              return node.leave();
            }
          };
        });
  }
}
