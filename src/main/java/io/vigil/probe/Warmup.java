package io.vigil.probe;

import com.jayway.jsonpath.JsonPath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vigil.config.HttpSpec;
import io.vigil.config.IpProtocol;
import io.vigil.config.ProbeConfig;
import io.vigil.config.ProbeType;
import io.vigil.config.TcpSpec;
import io.vigil.config.TlsSpec;
import io.vigil.probe.tls.TlsClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises what the first runs would otherwise load on an event loop: the TLS stack (a client
 * hello is produced, which initialises key exchange), the HTTP and DNS codecs, JSONPath. Without it the
 * first TLS run of a JVM stalls its loop for hundreds of milliseconds, late-starting and timing out the runs
 * that share the loop. Blocking: call from a worker thread before scheduling.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

  private static final int ROUNDS = 12;

  private Warmup() {}

  /**
   * {@link #run()}, then about a hundred real HTTP and TCP runs (at most 0.6 s each) against a
   * throwaway server on loopback, so Netty's bootstrap, connect and codec paths are compiled before the first
   * measured run. Blocking: a worker thread
   * or the main thread.
   */
  public static void exercise(Vertx vertx, ProbeRuntime runtime) {
    exercise(vertx, runtime, () -> false);
  }

  /**
   * {@link #exercise(Vertx, ProbeRuntime)} that stops early, after at least one round of each kind, once
   * {@code enough} says so: start-up warms up while it reads the configuration and opens history, and does not
   * wait for more warm-up than that took.
   */
  public static void exercise(Vertx vertx, ProbeRuntime runtime, BooleanSupplier enough) {
    run();
    HttpServer server = null;
    try {
      server = vertx.createHttpServer().requestHandler(r -> r.response().end("ok"))
          .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      Duration second = Duration.ofSeconds(2);
      HttpSpec http = new HttpSpec("http://127.0.0.1:" + server.actualPort() + "/", "GET", Map.of(), "",
          HttpSpec.HttpExpect.DEFAULT, List.of(), HttpSpec.Addresses.FIRST, TlsSpec.OFF, HttpSpec.Auth.NONE, false,
          0, 1024, IpProtocol.IP4, true);
      TcpSpec tcp = new TcpSpec("127.0.0.1", server.actualPort(), TlsSpec.OFF, List.of(), null, IpProtocol.IP4, true);
      for (ProbeConfig p : List.of(
          new ProbeConfig("warm-up-http", "warm-up", "", ProbeType.HTTP, second, second, Map.of(), http, null, null,
              "warm-up"),
          new ProbeConfig("warm-up-tcp", "warm-up", "", ProbeType.TCP, second, second, Map.of(), null, tcp, null,
              "warm-up"))) {
        Probe probe = Probes.create(p, runtime);
        // a hundred runs spread over the loops get the hot paths compiled before the first measured run
        long deadline = System.nanoTime() + 600_000_000L;
        for (int round = 0; round < ROUNDS && System.nanoTime() < deadline && (round == 0 || !enough.getAsBoolean());
            round++) {
          List<CompletableFuture<ProbeResult>> runs = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            runs.add(probe.run(runtime.loops().next()).toCompletionStage().toCompletableFuture());
          }
          for (CompletableFuture<ProbeResult> r : runs) {
            r.get(5, TimeUnit.SECONDS);
          }
        }
      }
    } catch (Exception e) {
      LOG.debug("warm-up run incomplete: {}", e.toString());
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  public static void run() {
    long start = System.nanoTime();
    try {
      new HttpClientCodec();
      new HttpContentDecompressor();
      new DatagramDnsQueryEncoder();
      new DatagramDnsResponseDecoder();
      JsonPath.read("{\"status\":\"UP\"}", "$.status");
      SslHandler handler = TlsClient.create(TlsSpec.DEFAULT_ON).newHandler(ByteBufAllocator.DEFAULT, "localhost");
      SSLEngine engine = handler.engine();
      ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      engine.wrap(ByteBuffer.allocate(0), out); // builds a client hello
      engine.closeOutbound();
      ByteBuf unused = ByteBufAllocator.DEFAULT.buffer(1);
      unused.release();
    } catch (Exception | LinkageError e) {
      LOG.debug("warm-up incomplete: {}", e.toString());
    }
    LOG.debug("warm-up took {} ms", (System.nanoTime() - start) / 1_000_000);
  }
}
