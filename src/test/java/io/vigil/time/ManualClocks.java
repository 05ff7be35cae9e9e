package io.vigil.time;

import io.vigil.testing.ManualClock;
import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A system clock and a monotonic counter that a test moves by hand: {@link #pass} lets real time pass (both
 * move), {@link #step} sets the system clock forward or back as NTP or an operator would (only it moves).
 */
public final class ManualClocks {
  private final ManualClock wall;
  private volatile long monotonicNanos = 1_000_000_000L;

  public ManualClocks(Instant start) {
    this.wall = new ManualClock(start);
  }

  /** Real time passes: the system clock and the monotonic counter both advance. */
  public void pass(long millis) {
    wall.advanceMillis(millis);
    monotonicNanos += millis * 1_000_000L;
  }

  /** The system clock is stepped by {@code millis} (negative: back); no real time passes. */
  public void step(long millis) {
    wall.advanceMillis(millis);
  }

  public long wallMillis() {
    return wall.millis();
  }

  public LongSupplier monotonic() {
    return () -> monotonicNanos;
  }

  /** The system clock as a {@link Clock}. */
  public Clock wall() {
    return wall;
  }

  /** A steady clock over these clocks with the default slew. */
  public SteadyClock steady() {
    return new SteadyClock(wall(), monotonic(), SteadyClock.DEFAULT_SLEW);
  }
}
