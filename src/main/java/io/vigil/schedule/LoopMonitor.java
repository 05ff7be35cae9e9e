package io.vigil.schedule;

import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoop;
import io.vigil.probe.LoopStalls;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late each event loop runs a task scheduled for a known moment (every
 * {@link LoopStalls#CHECK_PERIOD_NANOS}), as {@code vigil_event_loop_delay_seconds}, and tells {@link LoopStalls}
 * so that a run measured across a stall says so. Probe timings are taken on the loops; when a loop is saturated
 * or paused this series says so, so slow-looking results can be told apart from a busy prober.
 */
public final class LoopMonitor {
  private static final long PERIOD_NANOS = LoopStalls.CHECK_PERIOD_NANOS;

  private final LoopStalls stalls;
  private volatile boolean stopped;

  /** @param delay records each check's delay ({@code vigil_event_loop_delay_seconds} in the service) */
  public LoopMonitor(LoopStalls stalls, Timer delay) {
    this.stalls = stalls;
    for (EventLoop loop : stalls.loops()) {
      loop.execute(new Probe(loop, delay)::arm);
    }
  }

  public void stop() {
    stopped = true;
  }

  private final class Probe implements Runnable {
    final EventLoop loop;
    final Timer delay;

    Probe(EventLoop loop, Timer delay) {
      this.loop = loop;
      this.delay = delay;
    }

    void arm() {
      stalls.plan(loop, System.nanoTime() + PERIOD_NANOS);
      loop.schedule(this, PERIOD_NANOS, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
      if (stopped || loop.isShuttingDown()) {
        return;
      }
      delay.record(stalls.checked(loop, System.nanoTime()), TimeUnit.NANOSECONDS);
      arm();
    }
  }
}
