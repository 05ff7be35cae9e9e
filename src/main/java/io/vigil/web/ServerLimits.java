package io.vigil.web;

import io.vigil.config.VigilConfig;
import java.time.Duration;

/**
 * What one client may make Vigil's HTTP port hold, so that the public port cannot be used to exhaust the
 * prober. Beyond a limit the request is refused (414 for a long request line, 431 for large headers, 413 for any
 * request body: no endpoint takes one) or the connection is closed (too many connections in all or from one
 * address, a request head that does not arrive in time, an idle connection).
 *
 * @param maxInitialLine longest request line, bytes
 * @param maxHeaderSize largest request header block, bytes
 * @param maxConnections most connections open at once; further ones are closed as soon as they are accepted
 * @param maxConnectionsPerClient most connections open at once from one remote address; further ones from that
 *     address are closed as soon as they are accepted, so one client cannot take the whole of
 *     {@code maxConnections}
 * @param headerTimeout time a client has to send a complete request head, from connecting or from the end of
 *     the previous response (a slow sender such as slowloris is cut off after it)
 * @param idleTimeout time without any traffic after which a connection is closed
 */
public record ServerLimits(int maxInitialLine, int maxHeaderSize, int maxConnections, int maxConnectionsPerClient,
    Duration headerTimeout, Duration idleTimeout) {

  public static final ServerLimits DEFAULT = new ServerLimits(8 * 1024, 16 * 1024, 512,
      VigilConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT, Duration.ofSeconds(10), Duration.ofSeconds(60));

  public ServerLimits {
    if (maxInitialLine <= 0 || maxHeaderSize <= 0 || maxConnections <= 0 || maxConnectionsPerClient <= 0
        || headerTimeout.isNegative() || headerTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("server limits must be positive: " + this);
    }
  }

  /** These limits with another per-client connection cap ({@code server.max_connections_per_client}). */
  public ServerLimits withMaxConnectionsPerClient(int perClient) {
    return new ServerLimits(maxInitialLine, maxHeaderSize, maxConnections, perClient, headerTimeout, idleTimeout);
  }
}
