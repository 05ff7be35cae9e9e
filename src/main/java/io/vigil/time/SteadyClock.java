package io.vigil.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time Vigil stamps results and accounts history with: the system clock, except that it never runs
 * backwards. Durations never come from here (they use {@link System#nanoTime()}); this clock only says when
 * things happened.
 *
 * <ul>
 *   <li>While the system clock is at or ahead of this clock, this clock reads the same. A step forward (NTP
 *       correcting a slow clock, a resumed virtual machine) passes straight through: the time skipped is time
 *       in which nothing was measured, so accounting records it as unknown.
 *   <li>When the system clock steps back, this clock keeps advancing, slowed to {@code 1 - slew} of real time
 *       as measured by {@link System#nanoTime()}, until the system clock catches up; with the default slew of
 *       one half, a step back of one hour is absorbed in two hours. Timestamps stay ordered, accounting never
 *       sees time run backwards or stand still, and silent probes still turn unknown.
 * </ul>
 *
 * <p>Thread-safe; every reading is at least the previous one.
 */
public final class SteadyClock extends Clock {
  private static final Logger LOG = LoggerFactory.getLogger(SteadyClock.class);
  /** Default share of real time this clock drops while it is ahead of the system clock. */
  public static final double DEFAULT_SLEW = 0.5;
  private static final long NANOS_PER_MILLI = 1_000_000L;
  /** Steps smaller than this go unlogged (NTP corrects milliseconds all the time). */
  private static final long LOGGED_STEP_NANOS = 1_000 * NANOS_PER_MILLI;

  private final Clock system;
  private final LongSupplier monotonic;
  private final double keep;
  private long lastMonotonic;
  private long nowNanos; // epoch nanoseconds: good until the year 2262
  private boolean behind;

  /**
   * @param system the system (wall) clock
   * @param monotonic a monotonic nanosecond counter ({@code System::nanoTime})
   * @param slew share of real time dropped while ahead of the system clock, in (0, 1]
   */
  public SteadyClock(Clock system, LongSupplier monotonic, double slew) {
    if (!(slew > 0 && slew <= 1)) {
      throw new IllegalArgumentException("slew must be in (0, 1]: " + slew);
    }
    this.system = system;
    this.monotonic = monotonic;
    this.keep = 1 - slew;
    this.lastMonotonic = monotonic.getAsLong();
    this.nowNanos = system.millis() * NANOS_PER_MILLI;
  }

  /** A steady view of {@code system} with the default slew. */
  public static SteadyClock of(Clock system) {
    return system instanceof SteadyClock steady ? steady : new SteadyClock(system, System::nanoTime, DEFAULT_SLEW);
  }

  @Override
  public long millis() {
    return Math.floorDiv(advance(), NANOS_PER_MILLI);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return system.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(getZone()) ? this : new Zoned(this, zone);
  }

  /** How far this clock runs ahead of the system clock now (zero unless the system clock stepped back). */
  public synchronized long aheadMillis() {
    long now = advance();
    return Math.max(0, Math.floorDiv(now - system.millis() * NANOS_PER_MILLI, NANOS_PER_MILLI));
  }

  private synchronized long advance() {
    long mono = monotonic.getAsLong();
    long elapsed = Math.max(0, mono - lastMonotonic);
    lastMonotonic = mono;
    long wall = system.millis() * NANOS_PER_MILLI;
    long free = nowNanos + elapsed;
    if (wall >= free - NANOS_PER_MILLI) { // the system clock's millisecond holds where real time says we are
      if (wall - free > LOGGED_STEP_NANOS) {
        LOG.warn("the system clock stepped forward by {} ms; the time skipped is unknown to history",
            (wall - free) / NANOS_PER_MILLI);
      }
      if (behind) {
        LOG.info("the system clock caught up with Vigil's clock");
        behind = false;
      }
      nowNanos = Math.max(nowNanos, wall);
      return nowNanos;
    }
    if (!behind && free - wall > LOGGED_STEP_NANOS) {
      behind = true;
      LOG.warn("the system clock stepped back by {} ms; Vigil's clock keeps going, slowed, until it catches up",
          (free - wall) / NANOS_PER_MILLI);
    }
    nowNanos = Math.max(wall, nowNanos + (long) (elapsed * keep));
    return nowNanos;
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "SteadyClock[" + system + "]";
  }

  /** The same readings in another zone. */
  private static final class Zoned extends Clock {
    private final SteadyClock clock;
    private final ZoneId zone;

    Zoned(SteadyClock clock, ZoneId zone) {
      this.clock = clock;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return clock.withZone(other);
    }

    @Override
    public long millis() {
      return clock.millis();
    }

    @Override
    public Instant instant() {
      return clock.instant();
    }
  }
}
