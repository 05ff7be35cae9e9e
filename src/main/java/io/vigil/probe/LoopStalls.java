package io.vigil.probe;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stalls of the event loops probes run on: a check planned for a known moment that its loop ran more than
 * {@link #THRESHOLD_NANOS} late (a collector pause, a starved CPU, a task that held the loop). A run asks, as it
 * finishes, whether its own loop stalled while it was being measured; such a run's duration includes the
 * prober's own pause, and the run says so ({@code stalled}), so a slow target can be told from a slow prober.
 *
 * <p>The checks come from the loop monitor, one every {@link #CHECK_PERIOD_NANOS} per loop, so a stall of at
 * least the period plus the threshold is always seen. Each loop's state is touched only on that loop.
 */
public final class LoopStalls {
  /** How often each loop is checked. */
  public static final long CHECK_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** A check this late (or later) is a stall. */
  public static final long THRESHOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private static final Loop UNWATCHED = new Loop();

  private final Map<EventLoop, Loop> loops = new IdentityHashMap<>();

  public LoopStalls(EventLoopGroup group) {
    for (EventExecutor e : group) {
      if (e instanceof EventLoop loop) {
        loops.put(loop, new Loop());
      }
    }
  }

  /** The loops watched (those of the group given at construction). */
  public Iterable<EventLoop> loops() {
    return loops.keySet();
  }

  /** On {@code loop}: its next check is planned for {@code plannedNanos}. */
  public void plan(EventLoop loop, long plannedNanos) {
    Loop l = loops.get(loop);
    if (l != null) {
      l.planned = plannedNanos;
      l.armed = true;
    }
  }

  /** On {@code loop}: the planned check runs now; returns how late it is, and counts a stall when late enough. */
  public long checked(EventLoop loop, long nowNanos) {
    Loop l = loops.getOrDefault(loop, UNWATCHED);
    long late = Math.max(0, nowNanos - l.planned);
    if (l != UNWATCHED && late > THRESHOLD_NANOS) {
      l.stalls++;
    }
    return late;
  }

  /** On {@code loop}: a mark to hand to {@link #since} when the measured span ends. */
  public long mark(EventLoop loop) {
    return loops.getOrDefault(loop, UNWATCHED).stalls;
  }

  /**
   * On {@code loop} at {@code nowNanos}: whether it stalled since {@code mark} was taken, or is overdue for its
   * check right now (the pause just ended and the check has not run yet).
   */
  public boolean since(EventLoop loop, long mark, long nowNanos) {
    Loop l = loops.get(loop);
    return l != null && (l.stalls != mark || l.armed && nowNanos - l.planned > THRESHOLD_NANOS);
  }

  private static final class Loop {
    long planned;
    boolean armed;
    long stalls;
  }
}
