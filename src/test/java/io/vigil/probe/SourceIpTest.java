package io.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.net.ProbeHarness;
import io.vigil.testing.TestDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code source_ip} binds a probe's connections to a local address: loopback servers see HTTP, TCP and DNS
 * (UDP and TCP) come from 127.0.0.2, and an address this host does not have makes the run invalid (the
 * prober's own network), never bad.
 */
class SourceIpTest {
  @TempDir Path dir;

  private final List<InetAddress> seen = new CopyOnWriteArrayList<>();
  private HttpServer http;
  private ServerSocket tcp;
  private Thread acceptor;
  private TestDnsServer dns;
  private ProbeHarness harness;

  @BeforeEach
  void setUp() throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", ex -> {
      seen.add(ex.getRemoteAddress().getAddress());
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    http.start();
    tcp = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor = new Thread(() -> {
      while (!tcp.isClosed()) {
        try (Socket s = tcp.accept()) {
          seen.add(s.getInetAddress());
        } catch (Exception closed) {
          return;
        }
      }
    }, "source-ip-acceptor");
    acceptor.start();
    dns = TestDnsServer.start();
    dns.name("shop.test.").a("192.0.2.10");
    harness = new ProbeHarness();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
    dns.close();
    tcp.close();
    acceptor.join(5_000);
    http.stop(0);
  }

  private Map<String, ProbeConfig> load(String sourceIp) throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), "probe_files: [probes.yaml]\n");
    Files.writeString(dir.resolve("probes.yaml"), """
        boundaries: [{name: shop}]
        probes:
          - {name: web, boundary: shop, type: http, source_ip: "%1$s", http: {url: "http://127.0.0.1:%2$d/"}}
          - {name: port, boundary: shop, type: tcp, source_ip: "%1$s", tcp: {host: 127.0.0.1, port: %3$d}}
          - {name: udp, boundary: shop, type: dns, source_ip: "%1$s",
             dns: {server: "%4$s", name: shop.test, type: A}}
          - {name: dns-tcp, boundary: shop, type: dns, source_ip: "%1$s",
             dns: {server: "%4$s", name: shop.test, type: A, transport: tcp}}
        """.formatted(sourceIp, http.getAddress().getPort(), tcp.getLocalPort(), dns.hostPort()));
    VigilConfig c = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of());
    return Map.of("web", c.probe("web"), "port", c.probe("port"), "udp", c.probe("udp"),
        "dns-tcp", c.probe("dns-tcp"));
  }

  @Test
  void everyProtocolConnectsFromTheSourceAddress() throws Exception {
    Map<String, ProbeConfig> probes = load("127.0.0.2");
    for (String name : List.of("web", "port", "udp", "dns-tcp")) {
      ProbeResult r = harness.run(Probes.create(probes.get(name), harness.runtime));
      assertThat(r.outcome()).as(name + ": " + r.message()).isEqualTo(Outcome.GOOD);
    }
    InetAddress source = InetAddress.getByName("127.0.0.2");
    assertThat(seen).as("HTTP and TCP peers").hasSize(2).containsOnly(source);
    assertThat(dns.queries()).hasSize(2)
        .allSatisfy(q -> assertThat(q.from().getAddress()).isEqualTo(source));
  }

  @Test
  void anAddressThisHostDoesNotHaveMakesTheRunInvalid() throws Exception {
    Map<String, ProbeConfig> probes = load("192.0.2.1"); // TEST-NET-1: assigned to no interface here
    for (String name : List.of("web", "port", "udp", "dns-tcp")) {
      ProbeResult r = harness.run(Probes.create(probes.get(name), harness.runtime));
      assertThat(r.outcome()).as(name + ": " + r.message()).isEqualTo(Outcome.INVALID);
      assertThat(r.reason()).as(name).isEqualTo(Reason.PROBER_NETWORK);
    }
    assertThat(seen).isEmpty();
    assertThat(dns.queries()).isEmpty();
  }
}
