package io.vigil.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A window of fixed length that trails now: {@code [now − length, now)}.
 *
 * @param length P, e.g. 30 days
 */
public record RollingWindow(Duration length) implements Window {
  /** The windows of the status page and of {@code vigil_boundary_availability_ratio}: 1h, 1d, 7d, 30d, 90d. */
  public static final List<RollingWindow> STATUS_PAGE = List.of(
      new RollingWindow(Duration.ofHours(1)),
      new RollingWindow(Duration.ofDays(1)),
      new RollingWindow(Duration.ofDays(7)),
      new RollingWindow(Duration.ofDays(30)),
      new RollingWindow(Duration.ofDays(90)));

  public RollingWindow {
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a rolling window needs a positive length: " + length);
    }
  }

  @Override
  public Span period(Instant now) {
    return Span.ending(now, length);
  }

  @Override
  public Span elapsed(Instant now) {
    return period(now);
  }

  @Override
  public Duration length(Instant now) {
    return length;
  }
}
