package io.vigil.probe.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.resolver.NoopAddressResolverGroup;
import io.vertx.core.Future;
import io.vigil.config.IpProtocol;
import io.vigil.config.ProbeConfig;
import io.vigil.probe.ProbeRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a connection-based probe reaches its target, prepared once per probe: names resolve in the probe's
 * address family, and every connection is a fresh one from the probe's source address (Netty's own resolver
 * bypassed), with a connect timeout just past the probe's timeout so that the run's deadline always speaks
 * first.
 */
public final class Dialer {
  private final ProbeRuntime runtime;
  private final IpProtocol family;
  private final boolean fallback;
  private final InetSocketAddress local;
  private final int connectTimeoutMillis;

  public Dialer(ProbeConfig config, ProbeRuntime runtime, IpProtocol family, boolean fallback) {
    this.runtime = runtime;
    this.family = family;
    this.fallback = fallback;
    this.local = config.localAddress();
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis() + 1000);
  }

  public Future<List<InetAddress>> resolve(EventLoop loop, String host) {
    return runtime.resolver().resolveAll(loop, host, family, fallback);
  }

  /** Connects to {@code to} on {@code loop}; {@code pipeline} sets up the new channel's handlers. */
  public ChannelFuture connect(EventLoop loop, InetSocketAddress to, Consumer<Channel> pipeline) {
    return new Bootstrap()
        .group(loop)
        .channelFactory(runtime.sockets())
        .resolver(NoopAddressResolverGroup.INSTANCE)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            pipeline.accept(ch);
          }
        })
        .connect(to, local);
  }
}
