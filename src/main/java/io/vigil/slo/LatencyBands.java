package io.vigil.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Valid runs of a window split into the three latency bands; the three add up to the valid runs.
 *
 * @param fast good runs under the fast threshold
 * @param acceptable good runs from the fast threshold up to and including the slow one
 * @param slow good runs over the slow threshold, and every bad run
 */
public record LatencyBands(long fast, long acceptable, long slow) {
  public static final LatencyBands NONE = new LatencyBands(0, 0, 0);

  /** The bands as SPEC §9 names them, in order; the {@code band} label of the metric. */
  public enum Band { FAST, ACCEPTABLE, SLOW;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LatencyBands {
    if (fast < 0 || acceptable < 0 || slow < 0) {
      throw new IllegalArgumentException("negative band count: " + fast + "/" + acceptable + "/" + slow);
    }
  }

  /**
   * From cumulative counts: {@code fastOrBetter} good runs under the fast edge, {@code acceptableOrBetter} good
   * runs at most the slow edge, of {@code valid} valid runs.
   */
  public static LatencyBands of(long fastOrBetter, long acceptableOrBetter, long valid) {
    return new LatencyBands(fastOrBetter, acceptableOrBetter - fastOrBetter, valid - acceptableOrBetter);
  }

  public long valid() {
    return fast + acceptable + slow;
  }

  public long count(Band band) {
    return switch (band) {
      case FAST -> fast;
      case ACCEPTABLE -> acceptable;
      case SLOW -> slow;
    };
  }

  /** The band's share of the valid runs (exact to 34 digits); empty when nothing valid ran. */
  public Optional<BigDecimal> share(Band band) {
    long v = valid();
    return v == 0 ? Optional.empty()
        : Optional.of(BigDecimal.valueOf(count(band)).divide(BigDecimal.valueOf(v), MathContext.DECIMAL128));
  }
}
