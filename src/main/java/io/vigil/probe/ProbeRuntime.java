package io.vigil.probe;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Clock;

/**
 * What probes share: Vert.x's own Netty event loops and channel types (so probes add no threads), a
 * non-blocking host resolver, and the wall clock used to stamp results.
 *
 * @param loops the event-loop group every probe channel registers on
 * @param sockets TCP channel factory of the active transport
 * @param datagrams UDP channel factory of the active transport
 * @param resolver host name resolution
 * @param clock wall clock for result timestamps (durations always use {@link System#nanoTime()})
 * @param stalls stalls of {@code loops}, which mark the runs measured across one
 */
public record ProbeRuntime(
    EventLoopGroup loops,
    ChannelFactory<? extends SocketChannel> sockets,
    ChannelFactory<? extends DatagramChannel> datagrams,
    HostResolver resolver,
    Clock clock,
    LoopStalls stalls) {

  /** A runtime on {@code vertx}'s event loops with the system resolver. */
  @SuppressWarnings("unchecked")
  public static ProbeRuntime of(Vertx vertx, Clock clock) {
    VertxInternal internal = (VertxInternal) vertx;
    ChannelFactory<? extends SocketChannel> sockets =
        (ChannelFactory<? extends SocketChannel>) internal.transport().channelFactory(false);
    ChannelFactory<? extends DatagramChannel> datagrams = internal.transport().datagramChannelFactory();
    EventLoopGroup loops = internal.nettyEventLoopGroup();
    return new ProbeRuntime(loops, sockets, datagrams, new NettyHostResolver(datagrams, sockets), clock,
        new LoopStalls(loops));
  }

  public ProbeRuntime withResolver(HostResolver other) {
    return new ProbeRuntime(loops, sockets, datagrams, other, clock, stalls);
  }
}
