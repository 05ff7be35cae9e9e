package io.vigil.web;

import java.time.Duration;

/**
 * What one client may make Vigil's HTTP port hold, so that the public port cannot be used to exhaust the
 * prober. Beyond a limit the request is refused (414 for a long request line, 431 for large headers, 413 for a
 * large body) or the connection is closed (too many connections, a request head that does not arrive in time,
 * an idle connection).
 *
 * @param maxInitialLine longest request line, bytes
 * @param maxHeaderSize largest request header block, bytes
 * @param maxBody largest request body accepted by the endpoints that take one (admin), bytes
 * @param maxConnections most connections open at once; further ones are closed as soon as they are accepted
 * @param headerTimeout time a client has to send a complete request head, from connecting or from the end of
 *     the previous response (a slow sender such as slowloris is cut off after it)
 * @param idleTimeout time without any traffic after which a connection is closed
 */
public record ServerLimits(int maxInitialLine, int maxHeaderSize, int maxBody, int maxConnections,
    Duration headerTimeout, Duration idleTimeout) {

  public static final ServerLimits DEFAULT = new ServerLimits(8 * 1024, 16 * 1024, 64 * 1024, 512,
      Duration.ofSeconds(10), Duration.ofSeconds(60));

  public ServerLimits {
    if (maxInitialLine <= 0 || maxHeaderSize <= 0 || maxBody < 0 || maxConnections <= 0
        || headerTimeout.isNegative() || headerTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("server limits must be positive: " + this);
    }
  }
}
