package io.vigil.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock, set forward by a test: real time passes as usual (a running service keeps probing), and
 * {@link #shift} moves it ahead at once, as if that much time had gone by. Thread-safe.
 */
public final class ShiftedClock extends Clock {
  private final AtomicLong shiftMillis = new AtomicLong();

  /** Moves the clock ahead by {@code d}. */
  public void shift(Duration d) {
    shiftMillis.addAndGet(d.toMillis());
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + shiftMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
