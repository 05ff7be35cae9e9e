package io.vigil.alert;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after n failed attempts the next waits half of
 * {@code min(max, first × 2^(n−1))} plus a random share of the other half, so receivers that recover are not
 * hit by every sender at once.
 */
final class Backoff {
  private final long firstMillis;
  private final long maxMillis;
  private final DoubleSupplier random;

  /** @param random values in [0, 1) */
  Backoff(Duration first, Duration max, DoubleSupplier random) {
    this.firstMillis = Math.max(1, first.toMillis());
    this.maxMillis = Math.max(firstMillis, max.toMillis());
    this.random = random;
  }

  /** Milliseconds to wait after {@code failures} failed attempts (at least 1). */
  long delayMillis(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 30);
    long full = firstMillis << doublings;
    long capped = full <= 0 || full > maxMillis ? maxMillis : full;
    long half = capped / 2;
    return capped - half + (long) (random.getAsDouble() * half);
  }
}
