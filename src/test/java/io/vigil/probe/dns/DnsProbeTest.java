package io.vigil.probe.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.vertx.core.Vertx;
import io.vigil.config.DnsSpec;
import io.vigil.config.DnsSpec.DnsExpect;
import io.vigil.config.DnsSpec.RecordType;
import io.vigil.config.DnsSpec.Transport;
import io.vigil.config.ProbeConfig;
import io.vigil.config.ProbeType;
import io.vigil.probe.NettyHostResolver;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.Reason;
import io.vigil.testing.TestDnsServer;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  /** Scheduling slack on a loaded machine: a timed-out run must end within its timeout plus this. */
  private static final long SLACK_MILLIS = 1_500;

  private static Vertx vertx;
  private static ProbeRuntime runtime;
  private TestDnsServer dns;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    runtime = ProbeRuntime.of(vertx, Clock.systemUTC());
  }

  @AfterAll
  static void stopVertx() throws Exception {
    ((NettyHostResolver) runtime.resolver()).close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void startDns() throws InterruptedException {
    dns = TestDnsServer.start();
  }

  @AfterEach
  void stopDns() {
    dns.close();
  }

  // ---- rendering ----

  static Stream<Arguments> records() {
    Stream<Arguments> rows = Stream.of(
        row(RecordType.A, n -> n.a("192.0.2.1").a("192.0.2.2"), "192.0.2.1", "192.0.2.2"),
        row(RecordType.AAAA, n -> n.aaaa("2001:db8::1").aaaa("2001:db8:0:0:1:0:0:1").aaaa("::ffff:192.0.2.9"),
            "2001:db8::1", "2001:db8::1:0:0:1", "::ffff:192.0.2.9"),
        row(RecordType.CNAME, n -> n.cname("target.vigil.test"), "target.vigil.test."),
        row(RecordType.NS, n -> n.ns("ns1.vigil.test").ns("ns2.vigil.test"), "ns1.vigil.test.", "ns2.vigil.test."),
        row(RecordType.PTR, n -> n.ptr("host.vigil.test"), "host.vigil.test."),
        row(RecordType.MX, n -> n.mx(10, "mail.vigil.test").mx(20, "backup.mail.vigil.test"),
            "10 mail.vigil.test.", "20 backup.mail.vigil.test."),
        row(RecordType.TXT, n -> n.txt("v=spf1 -all").txt("first", "second part").txt("say \"hi\" \\ \u0001"),
            "\"v=spf1 -all\"", "\"first\" \"second part\"", "\"say \\\"hi\\\" \\\\ \\001\""),
        row(RecordType.SOA, n -> n.soa("ns1.vigil.test", "hostmaster.vigil.test", 4_000_000_000L, 7200, 3600,
            1_209_600, 300), "ns1.vigil.test. hostmaster.vigil.test. 4000000000 7200 3600 1209600 300"),
        row(RecordType.SRV, n -> n.srv(10, 60, 5060, "sip.vigil.test"), "10 60 5060 sip.vigil.test."),
        row(RecordType.CAA, n -> n.caa(0, "issue", "ca.example").caa(128, "iodef", "mailto:sec@vigil.test"),
            "0 issue \"ca.example\"", "128 iodef \"mailto:sec@vigil.test\""));
    return rows.flatMap(r -> Stream.of(true, false).map(compress -> Arguments.of(r.get()[0], r.get()[1],
        r.get()[2], compress)));
  }

  private static Arguments row(RecordType type, Consumer<TestDnsServer.Name> setup, String... expected) {
    return Arguments.of(type, setup, List.of(expected));
  }

  @ParameterizedTest(name = "{0}, compression {3}")
  @MethodSource("records")
  void rendersEveryRecordTypeLikeDigShort(RecordType type, Consumer<TestDnsServer.Name> setup,
      List<String> expected, boolean compression) throws Exception {
    dns.compression(compression);
    setup.accept(dns.name("rr.vigil.test"));

    ProbeResult r = run(spec("rr.vigil.test", type, DnsExpect.DEFAULT));

    assertThat(r.dns().answers()).containsExactlyElementsOf(expected);
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    assertThat(r.dns().rcode()).isEqualTo("NOERROR");
    assertThat(r.dns().transport()).isEqualTo("udp");
    assertThat(r.dns().truncated()).isFalse();
  }

  @Test
  void rendersSpecialCharactersInNamesEscaped() throws Exception {
    // a label "a.b" and a label holding one space, then the root
    dns.name("odd.vigil.test").raw(DnsRecordType.CNAME, new byte[] {3, 'a', '.', 'b', 1, ' ', 0});

    ProbeResult r = run(spec("odd.vigil.test", RecordType.CNAME, DnsExpect.DEFAULT));

    assertThat(r.dns().answers()).containsExactly("a\\.b.\\032.");
  }

  @Test
  void cnameChainAskedForACountsOnlyTheARecords() throws Exception {
    dns.name("alias.vigil.test").cname("middle.vigil.test");
    dns.name("middle.vigil.test").cname("www.vigil.test");
    dns.name("www.vigil.test").a("192.0.2.1");

    ProbeResult r = run(spec("alias.vigil.test", RecordType.A, new DnsExpect("NOERROR", null, null, null, 1, 1)));

    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    assertThat(r.dns().answers()).containsExactly("192.0.2.1");
  }

  // ---- assertions ----

  record MatchRow(String desc, String any, String all, String none, int min, List<String> addresses,
      Outcome outcome, Reason reason) {
    @Override
    public String toString() {
      return desc;
    }
  }

  static Stream<MatchRow> matchRows() {
    List<String> mixed = List.of("192.0.2.1", "198.51.100.1");
    List<String> same = List.of("192.0.2.1", "192.0.2.2");
    return Stream.of(
        new MatchRow("any: one answer matches", "^192\\.0\\.2\\.", null, null, 1, mixed, Outcome.GOOD, null),
        new MatchRow("any: no answer matches", "^10\\.", null, null, 1, mixed, Outcome.BAD, Reason.ANSWER),
        new MatchRow("all: every answer matches", null, "^192\\.0\\.2\\.", null, 1, same, Outcome.GOOD, null),
        new MatchRow("all: one answer differs", null, "^192\\.0\\.2\\.", null, 1, mixed, Outcome.BAD, Reason.ANSWER),
        new MatchRow("all: no answers at all", null, ".*", null, 0, List.of(), Outcome.BAD, Reason.ANSWER),
        new MatchRow("not: nothing matches", null, null, "^10\\.", 1, mixed, Outcome.GOOD, null),
        new MatchRow("not: one answer matches", null, null, "^198\\.51\\.", 1, mixed, Outcome.BAD, Reason.ANSWER),
        new MatchRow("any and not together", "^192\\.", null, "^203\\.", 1, mixed, Outcome.GOOD, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matchRows")
  void answerPatternsDecideTheOutcome(MatchRow row) throws Exception {
    TestDnsServer.Name name = dns.name("match.vigil.test");
    row.addresses().forEach(name::a);

    ProbeResult r = run(spec("match.vigil.test", RecordType.A,
        new DnsExpect("NOERROR", pattern(row.any()), pattern(row.all()), pattern(row.none()), row.min(), -1)));

    assertThat(r.outcome()).as(r.message()).isEqualTo(row.outcome());
    assertThat(r.reason()).isEqualTo(row.reason());
    assertThat(r.dns().answers()).containsExactlyElementsOf(row.addresses());
  }

  @Test
  void failedPatternNamesThePatternAndTheAnswers() throws Exception {
    dns.name("match.vigil.test").a("192.0.2.1");

    ProbeResult r = run(spec("match.vigil.test", RecordType.A,
        new DnsExpect("NOERROR", Pattern.compile("^10\\."), null, null, 1, -1)));

    assertThat(r.message()).contains("answers_match", "^10\\.", "192.0.2.1");
    assertThat(r.checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("answers_match");
      assertThat(c.passed()).isFalse();
    });
  }

  static Stream<Arguments> counts() {
    return Stream.of(
        Arguments.of("one answer, at least two wanted", 1, 2, -1, Outcome.BAD),
        Arguments.of("two answers, at most one wanted", 2, 0, 1, Outcome.BAD),
        Arguments.of("two answers, one to two wanted", 2, 1, 2, Outcome.GOOD),
        Arguments.of("no answers, at least one wanted", 0, 1, -1, Outcome.BAD),
        Arguments.of("no answers, none needed", 0, 0, -1, Outcome.GOOD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("counts")
  void answerCountMustFallWithinBounds(String desc, int answers, int min, int max, Outcome expected)
      throws Exception {
    TestDnsServer.Name name = dns.name("count.vigil.test").aaaa("2001:db8::99"); // known name, maybe no A
    for (int i = 1; i <= answers; i++) {
      name.a("192.0.2." + i);
    }

    ProbeResult r = run(spec("count.vigil.test", RecordType.A, new DnsExpect("NOERROR", null, null, null, min, max)));

    assertThat(r.outcome()).as(r.message()).isEqualTo(expected);
    assertThat(r.dns().answers()).hasSize(answers);
    if (expected == Outcome.BAD) {
      assertThat(r.reason()).isEqualTo(Reason.ANSWER);
    }
  }

  // ---- response codes ----

  @Test
  void unexpectedNxdomainIsBadWithReasonRcode() throws Exception {
    ProbeResult r = run(spec("missing.vigil.test", RecordType.A, DnsExpect.DEFAULT));

    assertThat(r.outcome()).isEqualTo(Outcome.BAD);
    assertThat(r.reason()).isEqualTo(Reason.RCODE);
    assertThat(r.message()).contains("NXDOMAIN, expected NOERROR");
    assertThat(r.dns().rcode()).isEqualTo("NXDOMAIN");
  }

  @Test
  void expectedNxdomainIsGood() throws Exception {
    ProbeResult r = run(spec("missing.vigil.test", RecordType.A, new DnsExpect("NXDOMAIN", null, null, null, 0, -1)));

    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    assertThat(r.dns().rcode()).isEqualTo("NXDOMAIN");
  }

  static Stream<Arguments> serverErrors() {
    return Stream.of(Arguments.of(DnsResponseCode.SERVFAIL, "SERVFAIL"),
        Arguments.of(DnsResponseCode.REFUSED, "REFUSED"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serverErrors")
  void serverErrorRcodeIsBadWithReasonRcode(DnsResponseCode code, String label) throws Exception {
    dns.name("err.vigil.test").a("192.0.2.1").rcode(code);

    ProbeResult r = run(spec("err.vigil.test", RecordType.A, DnsExpect.DEFAULT));

    assertThat(r.outcome()).isEqualTo(Outcome.BAD);
    assertThat(r.reason()).isEqualTo(Reason.RCODE);
    assertThat(r.dns().rcode()).isEqualTo(label);
  }

  // ---- transports ----

  @Test
  void truncatedUdpAnswerIsAskedAgainOverTcp() throws Exception {
    dns.name("big.vigil.test").txt("one").txt("two").truncateOverUdp();

    ProbeResult r = run(spec("big.vigil.test", RecordType.TXT, DnsExpect.DEFAULT));

    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    assertThat(r.dns().truncated()).isTrue();
    assertThat(r.dns().transport()).isEqualTo("tcp");
    assertThat(r.dns().answers()).containsExactly("\"one\"", "\"two\"");
    assertThat(r.phases().has(Phase.CONNECT)).isTrue();
    assertThat(r.phases().has(Phase.PROCESSING)).isTrue();
    assertThat(dns.queries()).extracting(TestDnsServer.Query::transport)
        .containsExactly(TestDnsServer.Transport.UDP, TestDnsServer.Transport.TCP);
  }

  @Test
  void tcpTransportQueriesOverTcpOnly() throws Exception {
    dns.name("www.vigil.test").a("192.0.2.1");

    ProbeResult r = run(new DnsSpec(dns.hostPort(), "www.vigil.test", RecordType.A, Transport.TCP, true,
        DnsExpect.DEFAULT), TIMEOUT);

    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    assertThat(r.dns().transport()).isEqualTo("tcp");
    assertThat(r.dns().truncated()).isFalse();
    assertThat(r.phases().has(Phase.CONNECT)).isTrue();
    assertThat(dns.queries()).extracting(TestDnsServer.Query::transport).containsExactly(TestDnsServer.Transport.TCP);
  }

  @Test
  void udpRunHasNoConnectPhase() throws Exception {
    dns.name("www.vigil.test").a("192.0.2.1");

    ProbeResult r = run(spec("www.vigil.test", RecordType.A, DnsExpect.DEFAULT));

    assertThat(r.phases().has(Phase.CONNECT)).isFalse();
    assertThat(r.phases().has(Phase.RESOLVE)).isFalse();
    assertThat(r.phases().has(Phase.PROCESSING)).isTrue();
    assertThat(r.address()).isEqualTo(dns.hostPort());
  }

  @ParameterizedTest(name = "rd={0}")
  @ValueSource(booleans = {true, false})
  void recursionDesiredFlagFollowsConfig(boolean rd) throws Exception {
    dns.name("www.vigil.test").a("192.0.2.1");

    run(new DnsSpec(dns.hostPort(), "www.vigil.test", RecordType.A, Transport.UDP, rd, DnsExpect.DEFAULT), TIMEOUT);

    assertThat(dns.queries()).singleElement().satisfies(q -> {
      assertThat(q.recursionDesired()).isEqualTo(rd);
      assertThat(q.name()).isEqualTo("www.vigil.test.");
      assertThat(q.type()).isEqualTo(DnsRecordType.A);
    });
  }

  @Test
  void everyRunUsesAFreshQueryId() throws Exception {
    dns.name("www.vigil.test").a("192.0.2.1");
    DnsProbe probe = new DnsProbe(config(spec("www.vigil.test", RecordType.A, DnsExpect.DEFAULT), TIMEOUT), runtime);

    for (int i = 0; i < 4; i++) {
      assertThat(await(probe.run(runtime.loops().next()).toCompletionStage().toCompletableFuture()).good()).isTrue();
    }

    Set<Integer> ids = new HashSet<>();
    dns.queries().forEach(q -> ids.add(q.id()));
    assertThat(ids).hasSizeGreaterThan(1);
  }

  // ---- misbehaving servers ----

  @ParameterizedTest(name = "{0}")
  @EnumSource(Transport.class)
  void garbageAnswerIsBadWithReasonProtocol(Transport transport) throws Exception {
    dns.name("junk.vigil.test").garbage();

    ProbeResult r = run(new DnsSpec(dns.hostPort(), "junk.vigil.test", RecordType.A, transport, true,
        DnsExpect.DEFAULT), TIMEOUT);

    assertThat(r.outcome()).isEqualTo(Outcome.BAD);
    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.PROTOCOL);
    assertThat(r.durationNanos()).isLessThan(TIMEOUT.toNanos());
  }

  @Test
  void recordDataOfTheWrongSizeIsBadWithReasonProtocol() throws Exception {
    dns.name("bad.vigil.test").raw(DnsRecordType.A, new byte[] {1, 2, 3, 4, 5});

    ProbeResult r = run(spec("bad.vigil.test", RecordType.A, DnsExpect.DEFAULT));

    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.PROTOCOL);
    assertThat(r.message()).contains("5 bytes");
  }

  @Test
  void compressionPointerThatDoesNotPointBackIsBadWithReasonProtocol() throws Exception {
    dns.name("loop.vigil.test").raw(DnsRecordType.CNAME, new byte[] {(byte) 0xc0, (byte) 0xff});

    ProbeResult r = run(spec("loop.vigil.test", RecordType.CNAME, DnsExpect.DEFAULT));

    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.PROTOCOL);
    assertThat(r.message()).contains("pointer");
  }

  @Test
  void answerWithWrongIdIsIgnoredThenBadWithReasonProtocolAtTheDeadline() throws Exception {
    dns.name("spoof.vigil.test").a("192.0.2.1").wrongId();
    Duration timeout = Duration.ofMillis(600);

    ProbeResult r = run(new DnsSpec(dns.hostPort(), "spoof.vigil.test", RecordType.A, Transport.UDP, true,
        DnsExpect.DEFAULT), timeout);

    assertThat(r.outcome()).isEqualTo(Outcome.BAD);
    assertThat(r.reason()).isEqualTo(Reason.PROTOCOL);
    assertThat(r.message()).contains("ID");
    assertThat(r.dns().answers()).isEmpty();
    assertThat(r.durationNanos()).isBetween(ms(timeout.toMillis() - 20), ms(timeout.toMillis() + SLACK_MILLIS));
  }

  @Test
  void answerForAnotherQuestionIsIgnoredThenBadWithReasonProtocol() throws Exception {
    dns.name("other.vigil.test").a("192.0.2.1").wrongQuestion();

    ProbeResult r = run(new DnsSpec(dns.hostPort(), "other.vigil.test", RecordType.A, Transport.UDP, true,
        DnsExpect.DEFAULT), Duration.ofMillis(500));

    assertThat(r.reason()).isEqualTo(Reason.PROTOCOL);
    assertThat(r.message()).contains("wrong.other.vigil.test.");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Transport.class)
  void serverThatNeverAnswersTimesOutOnTime(Transport transport) throws Exception {
    dns.name("void.vigil.test").silent();
    Duration timeout = Duration.ofMillis(500);

    ProbeResult r = run(new DnsSpec(dns.hostPort(), "void.vigil.test", RecordType.A, transport, true,
        DnsExpect.DEFAULT), timeout);

    assertThat(r.outcome()).isEqualTo(Outcome.BAD);
    assertThat(r.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(r.message()).contains("no answer", "500ms");
    assertThat(r.dns().rcode()).isEmpty();
    assertThat(r.durationNanos()).isBetween(ms(timeout.toMillis() - 20), ms(timeout.toMillis() + SLACK_MILLIS));
  }

  @Test
  void delayedAnswerShowsInProcessing() throws Exception {
    dns.name("slow.vigil.test").a("192.0.2.1").delay(Duration.ofMillis(200));

    ProbeResult r = run(spec("slow.vigil.test", RecordType.A, DnsExpect.DEFAULT));

    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    assertThat(r.phases().nanos(Phase.PROCESSING)).isGreaterThanOrEqualTo(ms(180));
    assertThat(r.durationNanos()).isGreaterThanOrEqualTo(r.phases().nanos(Phase.PROCESSING));
  }

  @Test
  void closedUdpPortIsBadWithReasonConnect() throws Exception {
    int port;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }

    ProbeResult r = run(new DnsSpec("127.0.0.1:" + port, "www.vigil.test", RecordType.A, Transport.UDP, true,
        DnsExpect.DEFAULT), TIMEOUT);

    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.CONNECT);
    assertThat(r.durationNanos()).isLessThan(TIMEOUT.toNanos());
  }

  @Test
  void closedTcpPortIsBadWithReasonConnect() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }

    ProbeResult r = run(new DnsSpec("127.0.0.1:" + port, "www.vigil.test", RecordType.A, Transport.TCP, true,
        DnsExpect.DEFAULT), TIMEOUT);

    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.CONNECT);
    assertThat(r.dns().transport()).isEqualTo("tcp");
  }

  // ---- server addresses ----

  @Test
  void serverGivenAsLocalhostIsResolvedFromTheHostsFile() throws Exception {
    dns.name("www.vigil.test").a("192.0.2.1");

    ProbeResult r = run(new DnsSpec("localhost:" + dns.port(), "www.vigil.test", RecordType.A, Transport.UDP, true,
        DnsExpect.DEFAULT), TIMEOUT);

    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    assertThat(r.phases().has(Phase.RESOLVE)).isTrue();
    assertThat(r.address()).isEqualTo("127.0.0.1:" + dns.port());
  }

  @Test
  void serverGivenAsIpv6LiteralIsQueried() throws Exception {
    TestDnsServer v6;
    try {
      v6 = TestDnsServer.start("::1");
    } catch (Exception noIpv6) {
      assumeTrue(false, "no IPv6 loopback: " + noIpv6);
      return;
    }
    try (v6) {
      v6.name("www.vigil.test").aaaa("2001:db8::1");

      ProbeResult r = run(new DnsSpec("[::1]:" + v6.port(), "www.vigil.test", RecordType.AAAA, Transport.UDP, true,
          DnsExpect.DEFAULT), TIMEOUT);

      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.dns().answers()).containsExactly("2001:db8::1");
      assertThat(r.address()).isEqualTo("[::1]:" + v6.port());
      assertThat(r.phases().has(Phase.RESOLVE)).isFalse();
    }
  }

  @Test
  void serverNameIsResolvedThroughTheRuntimeResolver() throws Exception {
    dns.name("ns.vigil.test").a("127.0.0.1");
    dns.name("www.vigil.test").a("192.0.2.1");
    try (NettyHostResolver resolver = testResolver()) {
      ProbeResult r = run(runtime.withResolver(resolver), new DnsSpec("ns.vigil.test:" + dns.port(),
          "www.vigil.test", RecordType.A, Transport.UDP, true, DnsExpect.DEFAULT), TIMEOUT);

      assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
      assertThat(r.phases().has(Phase.RESOLVE)).isTrue();
      assertThat(r.address()).isEqualTo("127.0.0.1:" + dns.port());
    }
  }

  @Test
  void unresolvableServerNameIsBadWithReasonDns() throws Exception {
    try (NettyHostResolver resolver = testResolver()) {
      ProbeResult r = run(runtime.withResolver(resolver), new DnsSpec("nowhere.vigil.test:" + dns.port(),
          "www.vigil.test", RecordType.A, Transport.UDP, true, DnsExpect.DEFAULT), TIMEOUT);

      assertThat(r.outcome()).isEqualTo(Outcome.BAD);
      assertThat(r.reason()).as(r.message()).isEqualTo(Reason.DNS);
      assertThat(r.message()).contains("nowhere.vigil.test");
      assertThat(r.address()).isEmpty();
    }
  }

  static Stream<Arguments> serverTexts() {
    return Stream.of(
        Arguments.of("1.1.1.1:53", "1.1.1.1", 53),
        Arguments.of("[::1]:5353", "::1", 5353),
        Arguments.of("[2001:db8::1]", "2001:db8::1", 53),
        Arguments.of("2001:db8::1", "2001:db8::1", 53),
        Arguments.of("ns.example.com", "ns.example.com", 53),
        Arguments.of("ns.example.com:5300", "ns.example.com", 5300));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverTexts")
  void serverIsReadAsHostAndPort(String text, String host, int port) {
    assertThat(DnsProbe.HostPort.parse(text, 53)).isEqualTo(new DnsProbe.HostPort(host, port));
  }

  static Stream<Arguments> transportErrors() {
    return Stream.of(
        Arguments.of(new SocketException("Network is unreachable"), true, Reason.PROBER_NETWORK),
        Arguments.of(new ConnectException("connect(..) failed: Network is unreachable"), true, Reason.PROBER_NETWORK),
        Arguments.of(new ConnectException("Connection refused"), true, Reason.CONNECT),
        Arguments.of(new PortUnreachableException(), false, Reason.CONNECT),
        Arguments.of(new DecoderException(new CorruptedFrameException("not a response")), false, Reason.PROTOCOL),
        Arguments.of(new SocketException("Connection reset"), false, Reason.PROTOCOL),
        Arguments.of(new SocketException("Connection reset"), true, Reason.CONNECT));
  }

  @ParameterizedTest(name = "{0} while connecting={1}")
  @MethodSource("transportErrors")
  void transportErrorsMapToReasons(Throwable error, boolean connecting, Reason expected) {
    assertThat(DnsRun.reasonFor(error, connecting)).isEqualTo(expected);
  }

  // ---- helpers ----

  private NettyHostResolver testResolver() {
    return new NettyHostResolver(runtime.datagrams(), runtime.sockets(),
        new SingletonDnsServerAddressStreamProvider(dns.address()));
  }

  private DnsSpec spec(String name, RecordType type, DnsExpect expect) {
    return new DnsSpec(dns.hostPort(), name, type, Transport.UDP, true, expect);
  }

  private static Pattern pattern(String regex) {
    return regex == null ? null : Pattern.compile(regex);
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static ProbeConfig config(DnsSpec spec, Duration timeout) {
    return new ProbeConfig("dns-probe", "dns", "dns-probe", ProbeType.DNS, Duration.ofSeconds(30), timeout, Map.of(),
        null, null, spec, "test");
  }

  private ProbeResult run(DnsSpec spec) throws Exception {
    return run(spec, TIMEOUT);
  }

  private ProbeResult run(DnsSpec spec, Duration timeout) throws Exception {
    return run(runtime, spec, timeout);
  }

  private static ProbeResult run(ProbeRuntime rt, DnsSpec spec, Duration timeout) throws Exception {
    DnsProbe probe = new DnsProbe(config(spec, timeout), rt);
    return await(probe.run(rt.loops().next()).toCompletionStage().toCompletableFuture());
  }

  private static ProbeResult await(CompletableFuture<ProbeResult> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }
}
