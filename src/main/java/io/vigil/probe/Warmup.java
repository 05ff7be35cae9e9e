package io.vigil.probe;

import com.jayway.jsonpath.JsonPath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslHandler;
import io.vigil.config.TlsSpec;
import io.vigil.probe.tls.TlsClient;
import java.nio.ByteBuffer;
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
  public static void exercise(io.vertx.core.Vertx vertx, ProbeRuntime runtime) {
    run();
    io.vertx.core.http.HttpServer server = null;
    try {
      server = vertx.createHttpServer().requestHandler(r -> r.response().end("ok"))
          .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
      String url = "http://127.0.0.1:" + server.actualPort() + "/";
      java.time.Duration second = java.time.Duration.ofSeconds(2);
      io.vigil.config.HttpSpec http = new io.vigil.config.HttpSpec(url, "GET", java.util.Map.of(), "",
          io.vigil.config.HttpSpec.HttpExpect.DEFAULT, java.util.List.of(), io.vigil.config.HttpSpec.Addresses.FIRST,
          TlsSpec.OFF, io.vigil.config.HttpSpec.Auth.NONE, false, 0, 1024, io.vigil.config.IpProtocol.IP4, true);
      io.vigil.config.TcpSpec tcp = new io.vigil.config.TcpSpec("127.0.0.1", server.actualPort(), TlsSpec.OFF,
          java.util.List.of(), null, io.vigil.config.IpProtocol.IP4, true);
      for (io.vigil.config.ProbeConfig p : java.util.List.of(
          new io.vigil.config.ProbeConfig("warm-up-http", "warm-up", "", io.vigil.config.ProbeType.HTTP, second,
              second, java.util.Map.of(), http, null, null, "warm-up"),
          new io.vigil.config.ProbeConfig("warm-up-tcp", "warm-up", "", io.vigil.config.ProbeType.TCP, second,
              second, java.util.Map.of(), null, tcp, null, "warm-up"))) {
        Probe probe = Probes.create(p, runtime);
        // a hundred runs spread over the loops get the hot paths compiled before the first measured run
        long deadline = System.nanoTime() + 600_000_000L;
        for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
          java.util.List<java.util.concurrent.CompletableFuture<ProbeResult>> runs = new java.util.ArrayList<>();
          for (int i = 0; i < 8; i++) {
            runs.add(probe.run(runtime.loops().next()).toCompletionStage().toCompletableFuture());
          }
          for (java.util.concurrent.CompletableFuture<ProbeResult> r : runs) {
            r.get(5, java.util.concurrent.TimeUnit.SECONDS);
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
