package io.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.IpProtocol;
import io.vigil.testing.TestDnsServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NettyHostResolverTest {
  private static Vertx vertx;
  private static ProbeRuntime runtime;
  private TestDnsServer dns;
  private NettyHostResolver resolver;

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
  void start() throws InterruptedException {
    dns = TestDnsServer.start();
    dns.name("dual.vigil.test").a("192.0.2.10").aaaa("2001:db8::10");
    dns.name("v4.vigil.test").a("192.0.2.20");
    dns.name("v6.vigil.test").aaaa("2001:db8::20");
    resolver = new NettyHostResolver(runtime.datagrams(), runtime.sockets(),
        new SingletonDnsServerAddressStreamProvider(dns.address()));
  }

  @AfterEach
  void stop() {
    resolver.close();
    dns.close();
  }

  static Stream<Arguments> resolutions() {
    return Stream.of(
        Arguments.of("dual.vigil.test", IpProtocol.IP4, true, List.of("192.0.2.10", "2001:db8:0:0:0:0:0:10")),
        Arguments.of("dual.vigil.test", IpProtocol.IP6, true, List.of("2001:db8:0:0:0:0:0:10", "192.0.2.10")),
        Arguments.of("dual.vigil.test", IpProtocol.IP4, false, List.of("192.0.2.10")),
        Arguments.of("dual.vigil.test", IpProtocol.IP6, false, List.of("2001:db8:0:0:0:0:0:10")),
        Arguments.of("v6.vigil.test", IpProtocol.IP4, true, List.of("2001:db8:0:0:0:0:0:20")),
        Arguments.of("v4.vigil.test", IpProtocol.IP6, true, List.of("192.0.2.20")));
  }

  @ParameterizedTest(name = "{0} {1} fallback={2}")
  @MethodSource("resolutions")
  void resolvesPreferredFamilyFirst(String host, IpProtocol preferred, boolean fallback, List<String> expected)
      throws Exception {
    List<InetAddress> found = await(resolver.resolveAll(runtime.loops().next(), host, preferred, fallback));

    assertThat(found).extracting(InetAddress::getHostAddress).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> missingFamily() {
    return Stream.of(Arguments.of("v6.vigil.test", IpProtocol.IP4), Arguments.of("v4.vigil.test", IpProtocol.IP6));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("missingFamily")
  void withoutFallbackAMissingFamilyFails(String host, IpProtocol preferred) {
    Future<List<InetAddress>> f = resolver.resolveAll(runtime.loops().next(), host, preferred, false);

    assertThat(failure(f)).isInstanceOf(UnknownHostException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"192.0.2.7", "2001:db8::7", "[2001:db8::7]"})
  void ipLiteralsResolveToThemselvesWithoutAQuery(String literal) throws Exception {
    List<InetAddress> found = await(resolver.resolveAll(runtime.loops().next(), literal, IpProtocol.IP4, false));

    assertThat(found).singleElement().satisfies(a ->
        assertThat(a.getAddress()).isEqualTo(InetAddress.getByName(literal.replaceAll("[\\[\\]]", "")).getAddress()));
    assertThat(dns.queries()).isEmpty();
  }

  @Test
  void nxdomainFailsTheFuture() {
    Future<List<InetAddress>> f = resolver.resolveAll(runtime.loops().next(), "nothing.vigil.test", IpProtocol.IP4,
        true);

    assertThat(failure(f)).isInstanceOf(UnknownHostException.class);
    assertThat(dns.queries()).isNotEmpty();
  }

  @Test
  void answersComeFromTheConfiguredServer() throws Exception {
    List<InetAddress> found = await(resolver.resolveAll(runtime.loops().next(), "v4.vigil.test", IpProtocol.IP4,
        false));

    assertThat(found).singleElement().isInstanceOf(Inet4Address.class);
    assertThat(dns.queries()).extracting(TestDnsServer.Query::name).contains("v4.vigil.test.");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> f) {
    CompletableFuture<?> c = f.toCompletionStage().toCompletableFuture();
    try {
      c.get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("resolution did not end", e);
    }
  }
}
