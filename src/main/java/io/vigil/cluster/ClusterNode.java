package io.vigil.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vigil.config.ClusterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This node's membership in a Vigil cluster: a clustered Vert.x on Hazelcast with a static TCP member list
 * (no multicast, no auto-detection), the cluster name as isolation, and the configured failure detection.
 * Each member registers its Vigil node name and location; {@link #live()} is the live members' view.
 * Only this class refers to Hazelcast, so a single process never loads it.
 */
public final class ClusterNode {
  private static final String MEMBERS_MAP = "vigil.members";
  private static final long HEARTBEAT_SECONDS = 1;

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** One live member: its Vigil node name and location. */
  public record Member(String node, String location) {}

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.manager = manager;
  }

  /** Joins the cluster (or forms it, when no member is up yet) and registers {@code node} at {@code location}. */
  public static Future<ClusterNode> join(ClusterConfig cluster, String node, String location, VertxOptions options) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster));
    String host = host(cluster.listen());
    options.getEventBusOptions().setHost(host).setPort(0);
    return Vertx.builder().with(options).withClusterManager(manager).buildClustered().map(vertx -> {
      ClusterNode n = new ClusterNode(vertx, manager);
      IMap<String, String> members = manager.getHazelcastInstance().getMap(MEMBERS_MAP);
      // a member counts once its registration is in: listen to the map, not only to joins
      members.addEntryListener((EntryAddedListener<String, String>) e -> n.changed(), false);
      members.put(manager.getNodeId(), location + "\t" + node);
      manager.nodeListener(new NodeListener() {
        @Override
        public void nodeAdded(String id) {
          n.changed();
        }

        @Override
        public void nodeLeft(String id) {
          members.remove(id);
          n.changed();
        }
      });
      return n;
    });
  }

  static Config hazelcast(ClusterConfig cluster) {
    Config c = ConfigUtil.loadConfig();
    c.setClusterName(cluster.name());
    // Hazelcast counts heartbeats in whole seconds and looks for missing ones once per heartbeat: a member
    // silent for more than max.no.heartbeat is suspected at the next check, up to one heartbeat later. So the
    // allowance is failure detection minus one heartbeat, and a killed node is declared dead within it.
    long seconds = Math.max(1, cluster.failureDetection().toSeconds() - HEARTBEAT_SECONDS);
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    c.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(HEARTBEAT_SECONDS));
    c.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(seconds));
    c.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
    NetworkConfig net = c.getNetworkConfig();
    String host = host(cluster.listen());
    net.setPort(port(cluster.listen())).setPortAutoIncrement(false);
    net.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    c.setProperty("hazelcast.local.localAddress", host);
    net.getRestApiConfig().setEnabled(false);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(cluster.members()));
    return c;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** This node's cluster id (Hazelcast member UUID). */
  public String id() {
    return manager.getNodeId();
  }

  /** Live members by cluster id, sorted; a member whose registration has not arrived yet is left out. */
  public Map<String, Member> live() {
    Map<String, String> members = manager.getHazelcastInstance().getMap(MEMBERS_MAP);
    Map<String, Member> out = new TreeMap<>();
    for (String id : manager.getNodes()) {
      String v = members.get(id);
      if (v != null) {
        int tab = v.indexOf('\t');
        out.put(id, new Member(v.substring(tab + 1), v.substring(0, tab)));
      }
    }
    return out;
  }

  /** The cluster ids of the live members at {@code location}. */
  public List<String> liveAt(String location) {
    List<String> out = new ArrayList<>();
    live().forEach((id, m) -> {
      if (m.location().equals(location)) {
        out.add(id);
      }
    });
    return out;
  }

  /** Runs {@code listener} (on a Hazelcast thread) whenever a member joins or leaves. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }

  public Future<Void> leave() {
    return vertx.close();
  }

  private static String host(String hostPort) {
    return hostPort.substring(0, hostPort.lastIndexOf(':')).replace("[", "").replace("]", "");
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }
}
