package io.vigil.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small authoritative DNS server for tests: UDP and TCP on the same loopback port, answering from the
 * names a test configures, and misbehaving on request.
 *
 * <pre>{@code
 * try (TestDnsServer dns = TestDnsServer.start()) {
 *   dns.name("www.vigil.test").a("192.0.2.1").a("192.0.2.2");
 *   dns.name("alias.vigil.test").cname("www.vigil.test");   // asked for A, answers the CNAME and both A
 *   dns.name("big.vigil.test").txt("v=spf1 -all").truncateOverUdp();
 *   dns.name("slow.vigil.test").a("192.0.2.3").delay(Duration.ofMillis(200));
 *   probe(dns.hostPort());                                    // "127.0.0.1:40123"
 * }
 * }</pre>
 *
 * <p>Answers: a configured name answers NOERROR with its records of the asked type, in the order they were
 * added; when it has none but has a CNAME (and the question is not for CNAME) the CNAME is answered and
 * followed to its target, as authoritative servers do. A configured name without matching records answers
 * NOERROR with no answers; a name never configured answers NXDOMAIN. Every answer is authoritative (AA),
 * echoes the question and the RD flag, and compresses names (owners and names inside record data) unless
 * {@link #compression(boolean)} turns it off.
 *
 * <p>Thread-safe: tests configure names from their own thread while the server's single event-loop thread
 * answers. {@link #close()} releases the port and the thread.
 */
public final class TestDnsServer implements AutoCloseable {
  /** How a query reached the server. */
  public enum Transport { UDP, TCP }

  /**
   * A query the server received, logged before any behaviour applies (silent names are logged too).
   *
   * @param name the queried name, lower case with a trailing dot
   */
  public record Query(String name, DnsRecordType type, Transport transport, int id, boolean recursionDesired,
      InetSocketAddress from) {}

  private static final byte[] GARBAGE = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x00};
  private static final int MAX_CNAME_HOPS = 8;
  private static final int BIND_ATTEMPTS = 10;

  private final EventLoopGroup group;
  private final Map<String, Name> names = new ConcurrentHashMap<>();
  private final List<Query> queries = new CopyOnWriteArrayList<>();
  private final Channel udp;
  private final Channel tcp;
  private final InetSocketAddress address;
  private volatile boolean compression = true;

  private TestDnsServer(String bindAddress) throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Channel boundUdp = null;
    Channel boundTcp = null;
    try {
      for (int attempt = 1; boundTcp == null; attempt++) {
        boundUdp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
            .handler(pipeline(ch -> ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new UdpAnswers())))
            .bind(bindAddress, 0).sync().channel();
        int port = ((InetSocketAddress) boundUdp.localAddress()).getPort();
        try {
          boundTcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
              .childHandler(pipeline(ch -> ch.pipeline().addLast(new TcpDnsQueryDecoder(), new TcpAnswers())))
              .bind(bindAddress, port).sync().channel();
        } catch (Exception portTakenForTcp) {
          boundUdp.close().sync();
          if (attempt == BIND_ATTEMPTS) {
            throw portTakenForTcp;
          }
        }
      }
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
    udp = boundUdp;
    tcp = boundTcp;
    address = (InetSocketAddress) udp.localAddress();
  }

  /** Starts a server on 127.0.0.1 at a free port. */
  public static TestDnsServer start() throws InterruptedException {
    return start("127.0.0.1");
  }

  /** Starts a server on {@code bindAddress} (an IP literal such as {@code ::1}) at a free port. */
  public static TestDnsServer start(String bindAddress) throws InterruptedException {
    return new TestDnsServer(bindAddress);
  }

  /** The port both UDP and TCP listen on. */
  public int port() {
    return address.getPort();
  }

  public InetSocketAddress address() {
    return address;
  }

  /** The server as a probe config writes it: {@code 127.0.0.1:40123} or {@code [::1]:40123}. */
  public String hostPort() {
    return NetUtil.toSocketAddressString(address);
  }

  /** The behaviour of {@code name} (case-insensitive, trailing dot optional), created on first use. */
  public Name name(String name) {
    return names.computeIfAbsent(canonical(name), k -> new Name());
  }

  /** Whether answers compress names (default on); off writes every name in full. */
  public TestDnsServer compression(boolean on) {
    compression = on;
    return this;
  }

  /** Every query received so far, in arrival order. */
  public List<Query> queries() {
    return List.copyOf(queries);
  }

  @Override
  public void close() {
    udp.close().syncUninterruptibly();
    tcp.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * What one name answers. Records are answered in the order added; the misbehaviours apply to every
   * query for the name. Methods return {@code this} for chaining.
   */
  public static final class Name {
    private final List<Rr> records = new CopyOnWriteArrayList<>();
    private volatile DnsResponseCode rcode;
    private volatile boolean truncateOverUdp;
    private volatile boolean garbage;
    private volatile boolean wrongId;
    private volatile boolean wrongQuestion;
    private volatile boolean silent;
    private volatile Duration delay = Duration.ZERO;

    private Name() {}

    public Name a(String ip) {
      return add(DnsRecordType.A, null, w -> w.buf.writeBytes(ip(ip, 4)));
    }

    public Name aaaa(String ip) {
      return add(DnsRecordType.AAAA, null, w -> w.buf.writeBytes(ip(ip, 16)));
    }

    /** A CNAME to {@code target}; queries for other types follow it. */
    public Name cname(String target) {
      String t = canonical(target);
      return add(DnsRecordType.CNAME, t, w -> w.name(t));
    }

    public Name ns(String host) {
      return add(DnsRecordType.NS, null, w -> w.name(canonical(host)));
    }

    public Name ptr(String host) {
      return add(DnsRecordType.PTR, null, w -> w.name(canonical(host)));
    }

    public Name mx(int preference, String exchange) {
      return add(DnsRecordType.MX, null, w -> {
        w.buf.writeShort(preference);
        w.name(canonical(exchange));
      });
    }

    /** A TXT record of one or more character-strings (each at most 255 bytes, ISO-8859-1). */
    public Name txt(String... strings) {
      return add(DnsRecordType.TXT, null, w -> {
        for (String s : strings) {
          w.characterString(s);
        }
      });
    }

    public Name soa(String mname, String rname, long serial, long refresh, long retry, long expire, long minimum) {
      return add(DnsRecordType.SOA, null, w -> {
        w.name(canonical(mname));
        w.name(canonical(rname));
        w.buf.writeInt((int) serial).writeInt((int) refresh).writeInt((int) retry).writeInt((int) expire)
            .writeInt((int) minimum);
      });
    }

    public Name srv(int priority, int weight, int port, String target) {
      return add(DnsRecordType.SRV, null, w -> {
        w.buf.writeShort(priority).writeShort(weight).writeShort(port);
        w.name(canonical(target));
      });
    }

    public Name caa(int flags, String tag, String value) {
      return add(DnsRecordType.CAA, null, w -> {
        w.buf.writeByte(flags);
        w.characterString(tag);
        w.buf.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
      });
    }

    /** A record of {@code type} with exactly these data bytes, for malformed or unusual records. */
    public Name raw(DnsRecordType type, byte[] data) {
      byte[] copy = data.clone();
      return add(type, null, w -> w.buf.writeBytes(copy));
    }

    /** Answers with this response code (e.g. {@link DnsResponseCode#SERVFAIL}), plus any records added. */
    public Name rcode(DnsResponseCode code) {
      rcode = code;
      return this;
    }

    /** Over UDP, answers with the TC bit and no records; over TCP, answers in full. */
    public Name truncateOverUdp() {
      truncateOverUdp = true;
      return this;
    }

    /** Answers five bytes that are no DNS message (over TCP, in a correctly length-prefixed frame). */
    public Name garbage() {
      garbage = true;
      return this;
    }

    /** Answers correctly but under a different message ID than the query's. */
    public Name wrongId() {
      wrongId = true;
      return this;
    }

    /** Answers correctly but for another question ({@code wrong.} prefixed to the name). */
    public Name wrongQuestion() {
      wrongQuestion = true;
      return this;
    }

    /** Never answers. */
    public Name silent() {
      silent = true;
      return this;
    }

    /** Answers after {@code delay}. */
    public Name delay(Duration delay) {
      this.delay = delay;
      return this;
    }

    private Name add(DnsRecordType type, String cnameTarget, Consumer<Wire> data) {
      records.add(new Rr(type, cnameTarget, data));
      return this;
    }

    private static byte[] ip(String ip, int size) {
      byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
      if (bytes == null || bytes.length != size) {
        throw new IllegalArgumentException(ip + " is not an IPv" + (size == 4 ? 4 : 6) + " address");
      }
      return bytes;
    }
  }

  /** One configured record; {@code cnameTarget} is set for CNAME records only. */
  private record Rr(DnsRecordType type, String cnameTarget, Consumer<Wire> data) {}

  /** Writes one DNS message, remembering where each name suffix went so later names can point to it. */
  private static final class Wire {
    final ByteBuf buf = Unpooled.buffer(512);
    private final Map<String, Integer> suffixes = new HashMap<>();
    private final boolean compress;

    Wire(boolean compress) {
      this.compress = compress;
    }

    /** Writes {@code name} (canonical: lower case, trailing dot), pointing to an earlier suffix when it can. */
    void name(String name) {
      String rest = name;
      while (!rest.isEmpty() && !rest.equals(".")) {
        Integer at = compress ? suffixes.get(rest) : null;
        if (at != null) {
          buf.writeShort(0xc000 | at);
          return;
        }
        if (buf.writerIndex() < 0x3fff) {
          suffixes.putIfAbsent(rest, buf.writerIndex());
        }
        int dot = rest.indexOf('.');
        byte[] label = rest.substring(0, dot).getBytes(StandardCharsets.ISO_8859_1);
        buf.writeByte(label.length).writeBytes(label);
        rest = rest.substring(dot + 1);
      }
      buf.writeByte(0);
    }

    void characterString(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
      if (bytes.length > 255) {
        throw new IllegalArgumentException("character-string longer than 255 bytes");
      }
      buf.writeByte(bytes.length).writeBytes(bytes);
    }

    void record(String owner, Rr rr) {
      name(owner);
      buf.writeShort(rr.type().intValue()).writeShort(1).writeInt(300);
      int lengthAt = buf.writerIndex();
      buf.writeShort(0);
      rr.data().accept(this);
      buf.setShort(lengthAt, buf.writerIndex() - lengthAt - 2);
    }
  }

  private ByteBuf answer(Query query, Name behaviour, boolean udp) {
    if (behaviour != null && behaviour.garbage) {
      return Unpooled.wrappedBuffer(GARBAGE);
    }
    boolean truncated = udp && behaviour != null && behaviour.truncateOverUdp;
    DnsResponseCode code = behaviour == null ? DnsResponseCode.NXDOMAIN
        : behaviour.rcode != null ? behaviour.rcode : DnsResponseCode.NOERROR;
    List<Map.Entry<String, Rr>> answers = truncated ? List.of() : answers(query.name(), query.type());
    Wire w = new Wire(compression);
    int id = behaviour != null && behaviour.wrongId ? (query.id() + 1) & 0xffff : query.id();
    int flags = 0x8000 | 0x0400 | (truncated ? 0x0200 : 0) | (query.recursionDesired() ? 0x0100 : 0)
        | code.intValue();
    w.buf.writeShort(id).writeShort(flags).writeShort(1).writeShort(answers.size()).writeShort(0).writeShort(0);
    w.name(behaviour != null && behaviour.wrongQuestion ? "wrong." + query.name() : query.name());
    w.buf.writeShort(query.type().intValue()).writeShort(1);
    for (Map.Entry<String, Rr> a : answers) {
      w.record(a.getKey(), a.getValue());
    }
    return w.buf;
  }

  /** The answer section for a question: owner name and record, following CNAMEs a few hops. */
  private List<Map.Entry<String, Rr>> answers(String qname, DnsRecordType qtype) {
    List<Map.Entry<String, Rr>> out = new ArrayList<>();
    String owner = qname;
    for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
      Name n = names.get(owner);
      if (n == null) {
        break;
      }
      boolean found = false;
      Rr cname = null;
      for (Rr r : n.records) {
        if (r.type().equals(qtype)) {
          out.add(Map.entry(owner, r));
          found = true;
        } else if (r.cnameTarget() != null && cname == null) {
          cname = r;
        }
      }
      if (found || cname == null) {
        break;
      }
      out.add(Map.entry(owner, cname));
      owner = cname.cnameTarget();
    }
    return out;
  }

  private void reply(ChannelHandlerContext ctx, DnsQuery query, Transport transport,
      Function<ByteBuf, Object> frame) {
    if (query.count(DnsSection.QUESTION) == 0) {
      return;
    }
    DnsQuestion question = query.recordAt(DnsSection.QUESTION);
    InetSocketAddress from = query instanceof DatagramDnsQuery d ? d.sender()
        : (InetSocketAddress) ctx.channel().remoteAddress();
    Query seen = new Query(canonical(question.name()), question.type(), transport, query.id(),
        query.isRecursionDesired(), from);
    queries.add(seen);
    Name behaviour = names.get(seen.name());
    if (behaviour != null && behaviour.silent) {
      return;
    }
    Object out = frame.apply(answer(seen, behaviour, transport == Transport.UDP));
    long delayNanos = behaviour == null ? 0 : behaviour.delay.toNanos();
    if (delayNanos > 0) {
      ctx.executor().schedule(() -> ctx.writeAndFlush(out), delayNanos, TimeUnit.NANOSECONDS);
    } else {
      ctx.writeAndFlush(out);
    }
  }

  private final class UdpAnswers extends SimpleChannelInboundHandler<DatagramDnsQuery> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
      reply(ctx, query, Transport.UDP, buf -> new DatagramPacket(buf, query.sender()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // an undecodable query gets no answer, as from a real server
    }
  }

  private final class TcpAnswers extends SimpleChannelInboundHandler<DnsQuery> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
      reply(ctx, query, Transport.TCP,
          buf -> Unpooled.wrappedBuffer(Unpooled.buffer(2).writeShort(buf.readableBytes()), buf));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static ChannelInitializer<Channel> pipeline(Consumer<Channel> setup) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        setup.accept(ch);
      }
    };
  }

  private static String canonical(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }
}
