package io.vigil.probe;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vigil.config.IpProtocol;
import java.net.InetAddress;
import java.util.List;

/**
 * Resolves target host names without blocking. A seam: tests and the CLI may supply their own.
 */
public interface HostResolver {
  /**
   * Resolves {@code host} to its addresses, preferred family first. IP literals resolve to themselves
   * without a query. The future fails (with {@link java.net.UnknownHostException} or a DNS error)
   * when the name has no address of an allowed family.
   */
  Future<List<InetAddress>> resolveAll(EventLoop loop, String host, IpProtocol preferred, boolean fallback);
}
