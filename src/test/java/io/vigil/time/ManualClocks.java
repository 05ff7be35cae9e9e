package io.vigil.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A system clock and a monotonic counter that a test moves by hand: {@link #pass} lets real time pass (both
 * move), {@link #step} sets the system clock forward or back as NTP or an operator would (only it moves).
 */
public final class ManualClocks {
  private long wallMillis;
  private long monotonicNanos = 1_000_000_000L;

  public ManualClocks(Instant start) {
    this.wallMillis = start.toEpochMilli();
  }

  /** Real time passes: the system clock and the monotonic counter both advance. */
  public void pass(long millis) {
    wallMillis += millis;
    monotonicNanos += millis * 1_000_000L;
  }

  /** The system clock is stepped by {@code millis} (negative: back); no real time passes. */
  public void step(long millis) {
    wallMillis += millis;
  }

  public long wallMillis() {
    return wallMillis;
  }

  public LongSupplier monotonic() {
    return () -> monotonicNanos;
  }

  /** The system clock as a {@link Clock}. */
  public Clock wall() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public long millis() {
        return wallMillis;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(wallMillis);
      }
    };
  }

  /** A steady clock over these clocks with the default slew. */
  public SteadyClock steady() {
    return new SteadyClock(wall(), monotonic(), SteadyClock.DEFAULT_SLEW);
  }
}
