package io.vigil.probe.net;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.probe.LoopStalls;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.RunRecorder;
import java.util.concurrent.TimeUnit;

/**
 * What every run shares, whatever its protocol: it starts on its event loop, arms its deadline (the probe's
 * timeout, counted from the recorder's start), and completes its result exactly once, by the protocol's own
 * ending or by the deadline. A protocol supplies only its {@link Protocol} steps. All state lives on the one
 * event loop, so none of it needs locking.
 */
public final class RunLifecycle {
  /** The protocol's part of a run. */
  public interface Protocol {
    /** The first step, on the loop, with the deadline armed. */
    void begin();

    /** The deadline struck while the run was unfinished: record why, where it stood; the run then finishes. */
    void expired();

    /** Last work before the result is taken (close channels, fold per-address results); runs once. */
    default void settle() {}
  }

  private final EventLoop loop;
  private final RunRecorder rec;
  private final long timeoutNanos;
  private final LoopStalls stalls;
  private final long stallMark;
  private final Promise<ProbeResult> promise = Promise.promise();
  private Protocol protocol;
  private ScheduledFuture<?> deadline;
  private boolean done;

  public RunLifecycle(EventLoop loop, RunRecorder rec, long timeoutNanos, LoopStalls stalls) {
    this.loop = loop;
    this.rec = rec;
    this.timeoutNanos = timeoutNanos;
    this.stalls = stalls;
    this.stallMark = stalls.mark(loop);
  }

  /** Starts {@code protocol} on the loop; the future completes once, with the run's result. */
  public Future<ProbeResult> start(Protocol protocol) {
    this.protocol = protocol;
    onLoop(() -> {
      deadline = loop.schedule(this::expire, Math.max(0, timeoutNanos - rec.elapsedNanos()), TimeUnit.NANOSECONDS);
      protocol.begin();
    });
    return promise.future();
  }

  /** Whether the result is already complete: late events (a reply after the deadline) are then ignored. */
  public boolean done() {
    return done;
  }

  /** Completes the run with what the recorder holds; later calls do nothing. */
  public void finish() {
    if (done) {
      return;
    }
    done = true;
    if (deadline != null) {
      deadline.cancel(false);
    }
    protocol.settle();
    if (stalls.since(loop, stallMark, System.nanoTime())) {
      rec.stalled();
    }
    promise.complete(rec.finish());
  }

  /** Runs {@code task} on the run's loop: now when already there, else queued. */
  public void onLoop(Runnable task) {
    onLoop(loop, task);
  }

  /** Runs {@code task} on {@code loop}: now when already there, else queued. */
  public static void onLoop(EventLoop loop, Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  private void expire() {
    if (!done) {
      protocol.expired();
      finish();
    }
  }
}
