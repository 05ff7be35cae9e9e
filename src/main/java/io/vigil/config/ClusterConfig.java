package io.vigil.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code cluster:} section (SPEC §8): absent means a single process, with no cluster manager loaded and
 * no cluster port opened.
 *
 * @param name cluster name; nodes configured with another name never join
 * @param listen {@code host:port} this node's cluster member port binds to (a private address: no auth)
 * @param members static join list of {@code host:port}; no multicast
 * @param failureDetection how long a silent member is kept before it is declared dead and its probes move
 */
public record ClusterConfig(String name, String listen, List<String> members, Duration failureDetection) {
  /** Default Hazelcast member port. */
  public static final int DEFAULT_PORT = 5701;
  /**
   * Default failure detection: a killed node's probes move within this plus one interval. Shorter moves
   * them sooner but a long GC pause or a brief network stall then counts as a death (probes flap over).
   */
  public static final Duration DEFAULT_FAILURE_DETECTION = Duration.ofSeconds(10);
  /** Shortest failure detection: heartbeats are counted in whole seconds, one a second. */
  public static final Duration MIN_FAILURE_DETECTION = Duration.ofSeconds(2);
}
