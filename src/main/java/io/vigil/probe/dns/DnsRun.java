package io.vigil.probe.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryEncoder;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vigil.config.IpProtocol;
import io.vigil.probe.DnsFacts;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.probe.RunRecorder;
import io.vigil.probe.net.Failures;
import io.vigil.probe.net.PhaseClock;
import io.vigil.probe.net.RunLifecycle;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run of a {@link DnsProbe}: resolve the server, send the query, wait for the matching answer, judge
 * it. Every step runs on the run's event loop, so the state needs no locking; the result is completed
 * exactly once, by the answer, a failure or the deadline, and whatever channel is open is then closed.
 */
final class DnsRun implements RunLifecycle.Protocol {
  private static final int MAX_TCP_MESSAGE = 65_535;

  private final DnsProbe probe;
  private final RunRecorder rec;
  private final EventLoop loop;
  private final RunLifecycle life;
  private final int id = ThreadLocalRandom.current().nextInt(0x10000);

  private InetSocketAddress server;
  private String serverText = "";
  private Channel channel;
  private boolean tcp;
  private boolean truncated;
  private String mismatch;
  private String rcode = "";
  private List<String> answers = List.of();
  private final PhaseClock clock;

  DnsRun(DnsProbe probe, RunRecorder rec, EventLoop loop) {
    this.probe = probe;
    this.rec = rec;
    this.clock = new PhaseClock(rec);
    this.loop = loop;
    this.life = new RunLifecycle(loop, rec, probe.timeoutNanos, probe.runtime.stalls());
    this.tcp = probe.tcpOnly;
  }

  Future<ProbeResult> start() {
    return life.start(this);
  }

  @Override
  public void begin() {
    if (probe.literalServer != null) {
      query(probe.literalServer);
    } else {
      resolve();
    }
  }

  private void resolve() {
    enter(Phase.RESOLVE);
    Future<List<InetAddress>> found;
    try {
      found = probe.runtime.resolver().resolveAll(loop, probe.serverHost, IpProtocol.IP4, true);
    } catch (RuntimeException e) {
      found = Future.failedFuture(e);
    }
    found.onComplete(ar -> life.onLoop(() -> resolved(ar)));
  }

  private void resolved(AsyncResult<List<InetAddress>> ar) {
    if (life.done()) {
      return;
    }
    leave();
    if (ar.failed() || ar.result().isEmpty()) {
      Throwable cause = ar.failed() ? ar.cause() : null;
      String why = cause == null ? "no address" : describe(cause);
      if (cause != null && reasonFor(cause, false) == Reason.PROBER_NETWORK) {
        rec.invalid(Reason.PROBER_NETWORK, "resolving " + probe.serverHost + ": " + why);
      } else {
        rec.fail(Reason.DNS, "cannot resolve server " + probe.serverHost + ": " + why);
      }
      life.finish();
      return;
    }
    query(new InetSocketAddress(ar.result().get(0), probe.serverPort));
  }

  private void query(InetSocketAddress to) {
    server = to;
    serverText = NetUtil.toSocketAddressString(to);
    rec.address(serverText);
    connect();
  }

  /** Opens the channel for the current transport; UDP "connects" too, so ICMP errors reach the channel. */
  private void connect() {
    ChannelFactory<? extends Channel> factory = tcp ? probe.runtime.sockets() : probe.runtime.datagrams();
    Bootstrap bootstrap = new Bootstrap().group(loop).channelFactory(factory)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (tcp) {
              ch.pipeline().addLast(new TcpDnsQueryEncoder(),
                  new TcpDnsResponseDecoder(probe.decoder, MAX_TCP_MESSAGE));
            } else {
              ch.pipeline().addLast(new DatagramDnsQueryEncoder(), new DatagramDnsResponseDecoder(probe.decoder));
            }
            ch.pipeline().addLast(new Reader());
          }
        });
    if (tcp) {
      enter(Phase.CONNECT);
    }
    ChannelFuture connecting = bootstrap.connect(server, probe.localAddress);
    channel = connecting.channel();
    connecting.addListener(f -> connected(connecting));
  }

  private void connected(ChannelFuture f) {
    if (life.done() || f.channel() != channel) {
      return;
    }
    if (!f.isSuccess()) {
      failed(f.channel(), f.cause(), true);
      return;
    }
    leave();
    send();
  }

  private void send() {
    DnsQuery query = tcp ? new DefaultDnsQuery(id) : new DatagramDnsQuery(null, server, id);
    query.setRecursionDesired(probe.recursionDesired).setRecord(DnsSection.QUESTION, probe.question);
    Channel ch = channel;
    enter(Phase.PROCESSING);
    ch.writeAndFlush(query).addListener(f -> {
      if (!f.isSuccess()) {
        failed(ch, f.cause(), false);
      }
    });
  }

  private void answered(Channel ch, DnsResponse response) {
    if (life.done() || ch != channel) {
      return;
    }
    String wrong = mismatch(response);
    if (wrong != null) {
      mismatch = wrong;
      return;
    }
    leave();
    if (response.isTruncated() && !tcp) {
      truncated = true;
      tcp = true;
      channel = null;
      ch.close();
      connect();
      return;
    }
    rcode = Rcodes.name(response.code().intValue());
    answers = answersOf(response);
    probe.judge(rec, rcode, answers);
    life.finish();
  }

  /** Why the response is not the answer to this query, or {@code null} when it is. */
  private String mismatch(DnsResponse response) {
    if (response.id() != id) {
      return "answer ID " + response.id() + " does not match query ID " + id;
    }
    int questions = response.count(DnsSection.QUESTION);
    if (questions == 0) { // servers may leave the question out of error answers
      return response.code().equals(DnsResponseCode.NOERROR) ? "answer carries no question" : null;
    }
    DnsQuestion asked = probe.question;
    DnsQuestion echoed = response.recordAt(DnsSection.QUESTION);
    boolean same = questions == 1 && echoed.type().intValue() == asked.type().intValue()
        && echoed.dnsClass() == asked.dnsClass() && sameName(echoed.name(), asked.name());
    return same ? null : "answer is for " + echoed.name() + " " + echoed.type().name() + ", not "
        + asked.name() + " " + asked.type().name();
  }

  private static boolean sameName(String a, String b) {
    String x = a.endsWith(".") ? a : a + ".";
    String y = b.endsWith(".") ? b : b + ".";
    return x.equalsIgnoreCase(y);
  }

  private static List<String> answersOf(DnsResponse response) {
    int n = response.count(DnsSection.ANSWER);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DnsRecord r = response.recordAt(DnsSection.ANSWER, i);
      if (r instanceof AnswerDecoder.Decoded d && d.text() != null) {
        out.add(d.text());
      }
    }
    return Collections.unmodifiableList(out);
  }

  private void failed(Channel ch, Throwable cause, boolean connecting) {
    if (life.done() || ch != channel) {
      return;
    }
    leave();
    Reason reason = reasonFor(cause, connecting);
    String via = tcp ? " over TCP" : " over UDP";
    switch (reason) {
      case PROBER_NETWORK -> rec.invalid(reason, "cannot reach " + serverText + ": " + describe(cause));
      case CONNECT -> rec.fail(reason, "cannot reach " + serverText + via + ": " + describe(cause));
      default -> rec.fail(reason, "malformed answer from " + serverText + via + ": " + describe(cause));
    }
    life.finish();
  }

  private void closedEarly(Channel ch) {
    if (life.done() || ch != channel) {
      return;
    }
    leave();
    rec.fail(Reason.PROTOCOL, serverText + " closed the connection without answering");
    life.finish();
  }

  @Override
  public void expired() {
    Phase cut = clock.running();
    leave();
    if (mismatch != null) {
      rec.fail(Reason.PROTOCOL, "no matching answer within " + probe.timeoutText + ": " + mismatch);
    } else if (cut == Phase.RESOLVE) {
      rec.fail(Reason.TIMEOUT, "server " + probe.serverHost + " not resolved within " + probe.timeoutText);
    } else if (cut == Phase.CONNECT) {
      rec.fail(Reason.TIMEOUT, "no TCP connection to " + serverText + " within " + probe.timeoutText);
    } else {
      rec.fail(Reason.TIMEOUT, "no answer from " + serverText + " within " + probe.timeoutText);
    }
  }

  @Override
  public void settle() {
    if (channel != null) {
      channel.close();
      channel = null;
    }
    rec.dns(new DnsFacts(rcode, answers, truncated, tcp ? "tcp" : "udp"));
  }

  private void enter(Phase p) {
    clock.start(p, System.nanoTime());
  }

  /** Ends the phase in progress, if any, at this moment. */
  private void leave() {
    clock.stop(System.nanoTime());
  }

  /**
   * The reason a transport error gives the run: the prober's own network failing (as for every protocol, see
   * {@link Failures#isProberNetwork}) makes it invalid; refusal, ICMP port unreachable and no route to the host
   * are {@code connect}; undecodable bytes are {@code protocol}; anything else counts as {@code connect}
   * while connecting and as {@code protocol} once the query is on its way.
   */
  static Reason reasonFor(Throwable cause, boolean connecting) {
    if (Failures.isProberNetwork(cause)) {
      return Reason.PROBER_NETWORK;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof PortUnreachableException || t instanceof ConnectException
          || t instanceof NoRouteToHostException) {
        return Reason.CONNECT;
      }
      if (t instanceof DecoderException) {
        return Reason.PROTOCOL;
      }
    }
    return connecting ? Reason.CONNECT : Reason.PROTOCOL;
  }

  /** One line on a failure: the innermost message, or the exception's name when it has none. */
  private static String describe(Throwable cause) {
    Throwable t = cause;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof PortUnreachableException) {
      return "port unreachable";
    }
    if (t instanceof IndexOutOfBoundsException) {
      return "message ends early";
    }
    String message = t.getMessage() != null ? t.getMessage() : cause.getMessage();
    return message != null ? message : t.getClass().getSimpleName();
  }

  /** Hands the channel's events to the run; stale channels (closed after truncation) are ignored there. */
  private final class Reader extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof DnsResponse response) {
          answered(ctx.channel(), response);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failed(ctx.channel(), cause, false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closedEarly(ctx.channel());
    }
  }
}
