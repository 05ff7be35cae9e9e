package io.vigil.demo;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo targets that the bundled configuration probes, all on 127.0.0.1:
 * <ul>
 *   <li>{@value #HEALTHY} healthy: answers 200 at once ({@code /} and {@code /api/health} as JSON), and takes
 *       the demo's alert notifications on {@code POST /alerts} (logged);
 *   <li>{@value #FLAKY} flaky: 0.5% of requests fail with 500, 1% are slow (1.2 s), and for 90 seconds of
 *       every 15 minutes it is down (503), so incidents, burn-rate pages and budgets move;
 *   <li>{@value #SLOW} slow: answers after 150–900 ms, so latency SLIs have something to say;
 *   <li>{@value #DNS} DNS (UDP and TCP): {@code *.demo.vigil.test} has A 127.0.0.1, AAAA ::1 and a TXT record;
 *       other names are NXDOMAIN.
 * </ul>
 */
public final class DemoTargets {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoTargets.class);
  public static final int HEALTHY = 18480;
  public static final int FLAKY = 18481;
  public static final int SLOW = 18482;
  public static final int DNS = 18483;
  static final String ZONE = "demo.vigil.test.";
  private static final String HOST = "127.0.0.1";

  private final Vertx vertx;
  private final Clock clock;
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();

  public DemoTargets(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /** Starts every target; fails (with the port in the message) if a port is taken. */
  public Future<Void> start() {
    return http(HEALTHY, this::healthy)
        .compose(v -> http(FLAKY, this::flaky))
        .compose(v -> http(SLOW, this::slow))
        .compose(v -> dns())
        .recover(e -> stop().compose(v -> Future.failedFuture(
            new IllegalStateException("demo targets could not start on 127.0.0.1:" + HEALTHY + "-" + DNS
                + " (" + e.getMessage() + ")", e))));
  }

  public Future<Void> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    servers.forEach(s -> closing.add(s.close()));
    channels.forEach(Channel::close);
    servers.clear();
    channels.clear();
    return Future.all(closing).mapEmpty();
  }

  private Future<Void> http(int port, io.vertx.core.Handler<HttpServerRequest> handler) {
    return vertx.createHttpServer().requestHandler(handler).listen(port, HOST).map(s -> {
      servers.add(s);
      return null;
    });
  }

  private void healthy(HttpServerRequest req) {
    if (req.path().equals("/alerts") && req.method() == io.vertx.core.http.HttpMethod.POST) {
      receiveAlert(req);
    } else if (req.path().startsWith("/api")) {
      json(req, 200, new JsonObject().put("status", "UP").put("service", "demo-healthy").put("version", "1.4.2"));
    } else {
      req.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("Vigil demo: healthy\n");
    }
  }

  /** A stand-in Alertmanager-style receiver for the demo's webhook notifier: logs what it gets. */
  private void receiveAlert(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      try {
        JsonObject msg = body.toJsonObject();
        JsonObject labels = msg.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels");
        LOG.info("demo receiver got a {} notification: {} on {} ({})", msg.getString("status"),
            labels.getString("alertname"), labels.getString("boundary"), labels.getString("severity"));
      } catch (RuntimeException e) {
        LOG.info("demo receiver got a notification it could not read: {}", e.toString());
      }
      req.response().setStatusCode(200).end();
    });
  }

  private void flaky(HttpServerRequest req) {
    long second = Math.floorMod(clock.millis() / 1000, 900);
    double roll = ThreadLocalRandom.current().nextDouble();
    if (second < 90) {
      json(req, 503, new JsonObject().put("status", "DOWN").put("error", "planned demo outage"));
    } else if (roll < 0.005) {
      json(req, 500, new JsonObject().put("status", "ERROR").put("error", "random demo failure"));
    } else if (roll < 0.015) {
      vertx.setTimer(1200, t -> json(req, 200, new JsonObject().put("status", "UP").put("slow", true)));
    } else {
      json(req, 200, new JsonObject().put("status", "UP").put("cart", List.of("tea", "cups")));
    }
  }

  private void slow(HttpServerRequest req) {
    long delay = ThreadLocalRandom.current().nextLong(150, 900);
    vertx.setTimer(delay, t -> json(req, 200, new JsonObject().put("status", "UP").put("took_ms", delay)));
  }

  private static void json(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  @SuppressWarnings("unchecked")
  private Future<Void> dns() {
    VertxInternal internal = (VertxInternal) vertx;
    io.netty.util.concurrent.Promise<Void> done = internal.nettyEventLoopGroup().next().newPromise();
    Bootstrap udp = new Bootstrap()
        .group(internal.nettyEventLoopGroup())
        .channelFactory(internal.transport().datagramChannelFactory())
        .handler(new ChannelInitializer<DatagramChannel>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                new SimpleChannelInboundHandler<DatagramDnsQuery>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery q) {
                    DatagramDnsResponse r = new DatagramDnsResponse(q.recipient(), q.sender(), q.id());
                    ctx.writeAndFlush(answer(q, r));
                  }
                });
          }
        });
    ServerBootstrap tcp = new ServerBootstrap()
        .group(internal.acceptorEventLoopGroup(), internal.nettyEventLoopGroup())
        .channelFactory((ChannelFactory<? extends ServerChannel>) internal.transport().serverChannelFactory(false))
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new TcpDnsQueryDecoder(), new TcpDnsResponseEncoder(),
                new SimpleChannelInboundHandler<DnsQuery>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DnsQuery q) {
                    ctx.writeAndFlush(answer(q, new DefaultDnsResponse(q.id())));
                  }
                });
          }
        });
    InetSocketAddress address = new InetSocketAddress(HOST, DNS);
    udp.bind(address).addListener(u -> {
      if (!u.isSuccess()) {
        done.tryFailure(u.cause());
        return;
      }
      channels.add(((io.netty.channel.ChannelFuture) u).channel());
      tcp.bind(address).addListener(t -> {
        if (t.isSuccess()) {
          channels.add(((io.netty.channel.ChannelFuture) t).channel());
          done.trySuccess(null);
        } else {
          done.tryFailure(t.cause());
        }
      });
    });
    io.vertx.core.Promise<Void> result = io.vertx.core.Promise.promise();
    done.addListener(f -> {
      if (f.isSuccess()) {
        result.complete();
      } else {
        result.fail(f.cause());
      }
    });
    return result.future();
  }

  /** Fills {@code response} for the query's first question: authoritative for the demo zone. */
  static <R extends DnsResponse> R answer(DnsQuery query, R response) {
    response.setAuthoritativeAnswer(true).setRecursionDesired(query.isRecursionDesired());
    DnsQuestion question = query.recordAt(DnsSection.QUESTION);
    if (question == null) {
      response.setCode(DnsResponseCode.FORMERR);
      return response;
    }
    response.addRecord(DnsSection.QUESTION, question);
    String name = question.name().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".") ) {
      name = name + ".";
    }
    if (!name.equals(ZONE) && !name.endsWith("." + ZONE)) {
      response.setCode(DnsResponseCode.NXDOMAIN);
      return response;
    }
    DnsRecordType type = question.type();
    byte[] rdata = null;
    if (type == DnsRecordType.A) {
      rdata = new byte[] {127, 0, 0, 1};
    } else if (type == DnsRecordType.AAAA) {
      rdata = new byte[16];
      rdata[15] = 1;
    } else if (type == DnsRecordType.TXT) {
      byte[] text = "vigil demo".getBytes(StandardCharsets.US_ASCII);
      rdata = new byte[text.length + 1];
      rdata[0] = (byte) text.length;
      System.arraycopy(text, 0, rdata, 1, text.length);
    }
    if (rdata != null) {
      response.addRecord(DnsSection.ANSWER,
          new DefaultDnsRawRecord(question.name(), type, 60, Unpooled.wrappedBuffer(rdata)));
    }
    return response;
  }
}
