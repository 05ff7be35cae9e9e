package io.vigil.probe;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.config.IpProtocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves with Netty's asynchronous {@link DnsNameResolver}: the hosts file first, then the system's name
 * servers ({@code /etc/resolv.conf}), answers cached for their TTL. One resolver per event loop and address
 * family policy, created on first use and closed with {@link #close()}.
 */
public final class NettyHostResolver implements HostResolver, AutoCloseable {
  private final ChannelFactory<? extends DatagramChannel> datagrams;
  private final ChannelFactory<? extends SocketChannel> sockets;
  private final DnsServerAddressStreamProvider servers;
  private final Map<Key, DnsNameResolver> resolvers = new ConcurrentHashMap<>();

  private record Key(EventLoop loop, ResolvedAddressTypes types) {}

  public NettyHostResolver(ChannelFactory<? extends DatagramChannel> datagrams,
      ChannelFactory<? extends SocketChannel> sockets) {
    this(datagrams, sockets, DnsServerAddressStreamProviders.platformDefault());
  }

  // VisibleForTesting: point the resolver at a test name server
  public NettyHostResolver(ChannelFactory<? extends DatagramChannel> datagrams,
      ChannelFactory<? extends SocketChannel> sockets, DnsServerAddressStreamProvider servers) {
    this.datagrams = datagrams;
    this.sockets = sockets;
    this.servers = servers;
  }

  @Override
  public Future<List<InetAddress>> resolveAll(EventLoop loop, String host, IpProtocol preferred, boolean fallback) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(bare);
    if (literal != null) {
      try {
        return Future.succeededFuture(List.of(InetAddress.getByAddress(bare, literal)));
      } catch (UnknownHostException impossible) {
        return Future.failedFuture(impossible);
      }
    }
    Promise<List<InetAddress>> promise = Promise.promise();
    resolver(loop, types(preferred, fallback)).resolveAll(bare).addListener(f -> {
      if (f.isSuccess()) {
        @SuppressWarnings("unchecked")
        List<InetAddress> found = (List<InetAddress>) f.getNow();
        promise.complete(ordered(found, preferred));
      } else {
        promise.fail(f.cause());
      }
    });
    return promise.future();
  }

  /** Preferred family first, keeping the resolver's order within each family. */
  private static List<InetAddress> ordered(List<InetAddress> found, IpProtocol preferred) {
    List<InetAddress> first = new ArrayList<>(found.size());
    List<InetAddress> rest = new ArrayList<>(found.size());
    for (InetAddress a : found) {
      boolean v4 = a instanceof Inet4Address;
      ((v4 == (preferred == IpProtocol.IP4)) ? first : rest).add(a);
    }
    first.addAll(rest);
    return first;
  }

  private static ResolvedAddressTypes types(IpProtocol preferred, boolean fallback) {
    if (preferred == IpProtocol.IP6) {
      return fallback ? ResolvedAddressTypes.IPV6_PREFERRED : ResolvedAddressTypes.IPV6_ONLY;
    }
    return fallback ? ResolvedAddressTypes.IPV4_PREFERRED : ResolvedAddressTypes.IPV4_ONLY;
  }

  private DnsNameResolver resolver(EventLoop loop, ResolvedAddressTypes types) {
    return resolvers.computeIfAbsent(new Key(loop, types), k -> new DnsNameResolverBuilder(k.loop())
        .datagramChannelFactory(datagrams)
        .socketChannelFactory(sockets)
        .nameServerProvider(servers)
        .resolvedAddressTypes(k.types())
        .build());
  }

  @Override
  public void close() {
    resolvers.values().forEach(DnsNameResolver::close);
    resolvers.clear();
  }
}
