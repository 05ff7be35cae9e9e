package io.vigil.config;

import java.time.Duration;

/**
 * A boundary's latency bands (SPEC §1, §9): a valid good run is fast when its duration is under {@code fast},
 * acceptable from {@code fast} up to and including {@code slow}, and slow above {@code slow}; a valid bad run is
 * slow (it did not serve the user in time either, as Apdex counts errors frustrated).
 *
 * @param fast upper edge of fast (exclusive)
 * @param slow upper edge of acceptable (inclusive); greater than {@code fast}
 */
public record LatencyBandsConfig(Duration fast, Duration slow) {
  /** SPEC §1's classic bands: under 400 ms, 400–800 ms, over 800 ms. */
  public static final LatencyBandsConfig DEFAULT =
      new LatencyBandsConfig(Duration.ofMillis(400), Duration.ofMillis(800));
}
