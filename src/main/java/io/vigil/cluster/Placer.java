package io.vigil.cluster;

import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.ProbeResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which probes this node runs and which boundaries it owns. A single process runs and owns them all; a cluster
 * member runs its rendezvous share of its location's live nodes, owns its rendezvous share of all live nodes'
 * boundaries, and shares every result with the other nodes. This interface does not name Hazelcast: a process
 * without {@code cluster:} never loads it.
 */
public interface Placer {
  Placer SINGLE = new Placer() {
    @Override
    public List<ProbeConfig> mine(List<ProbeConfig> probes) {
      return probes;
    }

    @Override
    public List<NodeShare> nodes(VigilConfig config) {
      return List.of(share(config.storage().node(), config.location(), true,
          config.probes().stream().filter(p -> p.runsAt(config.location())).toList()));
    }

    @Override
    public Set<String> owned(Collection<String> boundaries) {
      return Set.copyOf(boundaries);
    }

    @Override
    public void publish(ProbeResult result) {}

    @Override
    public Future<Void> leave() {
      return Future.succeededFuture();
    }
  };

  /** Receives a run another node made (on a cluster thread). */
  interface Remote {
    void accept(String probe, String location, ProbeResult result);
  }

  /** The items of {@code probes} this node runs now. */
  List<ProbeConfig> mine(List<ProbeConfig> probes);

  /**
   * Every live node with the probes it runs under {@code config} (all nodes load the same probe files, so
   * each computes every node's share the way that node does), this node first.
   */
  List<NodeShare> nodes(VigilConfig config);

  /**
   * The items of {@code boundaries} this node owns now: it writes their rollups, checkpoints and incidents and
   * sends their notifications (rendezvous hashing over every live node, whatever its location).
   */
  Set<String> owned(Collection<String> boundaries);

  /** Shares one of this node's results with the other nodes. Safe from any thread. */
  void publish(ProbeResult result);

  /** Leaves the cluster (closes the clustered Vert.x). */
  Future<Void> leave();

  /**
   * Joins the cluster of {@code config} (which must have a {@code cluster:} section); {@code changed} runs
   * on a Hazelcast thread whenever the live members change, so that the caller re-applies its probes.
   */
  static Future<Placer> join(VigilConfig config, Runnable changed, Remote remote) {
    return ClusterNode.join(config.cluster(), config.storage().node(), config.location(),
            new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2))
        .map(node -> {
          node.onChange(changed);
          String location = config.location();
          ResultBus results = new ResultBus(node.vertx().eventBus(), node.id(), location, remote);
          return new Placer() {
            @Override
            public List<ProbeConfig> mine(List<ProbeConfig> probes) {
              return Placement.mine(probes, ProbeConfig::name, node.id(), node.liveAt(location));
            }

            @Override
            public List<NodeShare> nodes(VigilConfig config) {
              Map<String, ClusterNode.Member> live = node.live(); // one read of the member registry
              Map<String, List<String>> byLocation = new HashMap<>();
              live.forEach((id, m) -> byLocation.computeIfAbsent(m.location(), l -> new ArrayList<>()).add(id));
              List<NodeShare> out = new ArrayList<>();
              live.forEach((id, m) -> {
                List<ProbeConfig> runs = Placement.mine(config.probes().stream()
                    .filter(p -> p.runsAt(m.location())).toList(), ProbeConfig::name, id, byLocation.get(m.location()));
                NodeShare share = share(m.node(), m.location(), id.equals(node.id()), runs);
                out.add(share.self() ? 0 : out.size(), share);
              });
              return out;
            }

            @Override
            public Set<String> owned(Collection<String> boundaries) {
              Set<String> ids = node.live().keySet();
              Set<String> out = new HashSet<>();
              for (String b : boundaries) {
                // before this node's own registration is in, it owns nothing (it is not yet a live member)
                if (node.id().equals(Placement.owner(b, ids))) {
                  out.add(b);
                }
              }
              return out;
            }

            @Override
            public void publish(ProbeResult result) {
              results.publish(result);
            }

            @Override
            public Future<Void> leave() {
              results.close();
              return node.leave();
            }
          };
        });
  }

  private static NodeShare share(String node, String location, boolean self, List<ProbeConfig> runs) {
    Set<String> boundaries = new HashSet<>();
    runs.forEach(p -> boundaries.add(p.boundary()));
    return new NodeShare(node, location, self, runs.size(), boundaries.size());
  }
}
