package io.vigil.probe.net;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.HttpSpec;
import io.vigil.config.ProbeConfig;
import io.vigil.config.ProbeType;
import io.vigil.config.TcpSpec;
import io.vigil.probe.Probe;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x instance and the probe runtime on its event loops, for tests that run probes against loopback
 * servers. Every wait is bounded.
 */
public final class ProbeHarness implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(30);

  public final Vertx vertx;
  public final ProbeRuntime runtime;

  public ProbeHarness() {
    this.vertx = Vertx.vertx();
    this.runtime = ProbeRuntime.of(vertx, Clock.systemUTC());
  }

  public EventLoop loop() {
    return runtime.loops().next();
  }

  /** Runs {@code probe} once on one of the runtime's loops and waits for its result. */
  public ProbeResult run(Probe probe) {
    return await(probe.run(loop()));
  }

  public <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed within " + WAIT, e);
    }
  }

  public static ProbeConfig http(String name, Duration timeout, HttpSpec spec) {
    return new ProbeConfig(name, "test", name, ProbeType.HTTP, Duration.ofSeconds(30), timeout, Map.of(), spec,
        null, null, "test:1");
  }

  public static ProbeConfig tcp(String name, Duration timeout, TcpSpec spec) {
    return new ProbeConfig(name, "test", name, ProbeType.TCP, Duration.ofSeconds(30), timeout, Map.of(), null,
        spec, null, "test:1");
  }

  @Override
  public void close() {
    if (runtime.resolver() instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // shutting down anyway
      }
    }
    await(vertx.close());
  }
}
