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

  private Warmup() {}

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
