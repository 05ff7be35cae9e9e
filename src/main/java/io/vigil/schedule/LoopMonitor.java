package io.vigil.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late each event loop runs a task scheduled for a known moment (every 100 ms), as
 * {@code vigil_event_loop_delay_seconds}. Probe timings are taken on the loops; when a loop is saturated this
 * series says so, so slow-looking results can be told apart from a busy prober.
 */
public final class LoopMonitor {
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private volatile boolean stopped;

  public LoopMonitor(EventLoopGroup loops, MeterRegistry registry) {
    Timer delay = Timer.builder("vigil.event.loop.delay")
        .description("How late an event loop ran a task planned for a known moment (checked every 100 ms)")
        .serviceLevelObjectives(Duration.ofNanos(100_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
            Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1))
        .register(registry);
    for (EventExecutor e : loops) {
      if (e instanceof EventLoop loop) {
        Probe p = new Probe(loop, delay);
        p.planned = System.nanoTime() + PERIOD_NANOS;
        loop.schedule(p, PERIOD_NANOS, TimeUnit.NANOSECONDS);
      }
    }
  }

  public void stop() {
    stopped = true;
  }

  private final class Probe implements Runnable {
    final EventLoop loop;
    final Timer delay;
    long planned; // only touched on its loop

    Probe(EventLoop loop, Timer delay) {
      this.loop = loop;
      this.delay = delay;
    }

    @Override
    public void run() {
      if (stopped || loop.isShuttingDown()) {
        return;
      }
      long now = System.nanoTime();
      delay.record(Math.max(0, now - planned), TimeUnit.NANOSECONDS);
      planned = now + PERIOD_NANOS;
      loop.schedule(this, PERIOD_NANOS, TimeUnit.NANOSECONDS);
    }
  }
}
