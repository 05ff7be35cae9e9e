package io.vigil.store;

import java.time.Duration;

/** Rollup resolutions. Bucket starts are aligned to UTC. */
public enum Resolution {
  MINUTE(Duration.ofMinutes(1)), HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

  private final long millis;

  Resolution(Duration width) {
    this.millis = width.toMillis();
  }

  public long millis() {
    return millis;
  }

  /** Start of the bucket holding {@code epochMillis}. */
  public long floor(long epochMillis) {
    return Math.floorDiv(epochMillis, millis) * millis;
  }
}
