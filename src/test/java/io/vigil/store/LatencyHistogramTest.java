package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyHistogramTest {
  private static final long MS = 1_000;

  @Test
  void bytesRoundTripKeepsEveryCountIncludingBeyondTheLastBound() {
    LatencyHistogram h = new LatencyHistogram();
    h.add(0);
    h.add(700);
    h.add(1 * MS);
    h.add(42 * MS, 3);
    h.add(999 * MS);
    h.add(4_321 * MS);
    h.add(59_000 * MS);
    h.add(120_000 * MS, 1_000_000);

    LatencyHistogram back = LatencyHistogram.fromBytes(h.toBytes());

    assertThat(back).isEqualTo(h);
    assertThat(back.total()).isEqualTo(1_000_009);
  }

  @Test
  void emptyHistogramIsZeroBytesAndReadsBackEmpty() {
    assertThat(new LatencyHistogram().toBytes()).isEmpty();
    assertThat(LatencyHistogram.fromBytes(new byte[0]).isEmpty()).isTrue();
    assertThat(LatencyHistogram.fromBytes(null).isEmpty()).isTrue();
  }

  @Test
  void sparseHistogramSerialisesToAFewBytes() {
    LatencyHistogram h = new LatencyHistogram();
    h.add(35 * MS, 6);
    assertThat(h.toBytes()).hasSizeLessThanOrEqualTo(3);
  }

  @ParameterizedTest(name = "threshold {0} µs counts {1} of the runs (answered for {2} µs)")
  @CsvSource({
      // runs: 1 ms, 10 ms, 11 ms, 15 ms, 100 ms, 101 ms, 6 s
      "1000,     1, 1000",
      "10000,    2, 10000",
      "12000,    2, 10000",    // between 10 and 15 ms: rounds down to 10 ms, the 11 ms run is not counted
      "15000,    4, 15000",
      "99999,    4, 95000",
      "100000,   5, 100000",
      "105000,   5, 100000",
      "110000,   6, 110000",
      "999,      0, 0",        // below the first bound
      "60000000, 7, 60000000",
      "90000000, 7, 60000000",
  })
  void atMostIsExactOnTheGridAndRoundsDownBetweenBounds(long thresholdMicros, long expected, long bound) {
    LatencyHistogram h = new LatencyHistogram();
    for (long ms : new long[] {1, 10, 11, 15, 100, 101, 6_000}) {
      h.add(ms * MS);
    }
    assertThat(h.atMost(thresholdMicros)).isEqualTo(expected);
    assertThat(LatencyHistogram.boundAtOrBelow(thresholdMicros)).isEqualTo(bound);
  }

  @Test
  void atMostNeverOverstatesTheTrueShare() {
    LatencyHistogram h = new LatencyHistogram();
    long[] runs = new long[500];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = (i * 7919L) % 2_000_000 + 1; // spread over 0–2 s in µs
      h.add(runs[i]);
    }
    for (long threshold = 500; threshold < 2_100_000; threshold += 3_333) {
      long t = threshold;
      long truth = Arrays.stream(runs).filter(r -> r <= t).count();
      assertThat(h.atMost(threshold)).as("threshold %d", threshold).isLessThanOrEqualTo(truth);
    }
  }

  @Test
  void quantilesAreTheUpperBoundOfTheBucketHoldingTheRank() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 100; ms++) {
      h.add(ms * MS);
    }
    assertThat(h.quantileMicros(0.01)).isEqualTo(1 * MS);
    assertThat(h.quantileMicros(0.5)).isEqualTo(50 * MS);
    assertThat(h.quantileMicros(0.95)).isEqualTo(95 * MS);
    assertThat(h.quantileMicros(0.99)).isEqualTo(100 * MS); // the 99th run (99 ms) lies in (95, 100]
    assertThat(h.quantileMicros(1.0)).isEqualTo(100 * MS);
  }

  @Test
  void quantileOfEmptyIsMinusOneAndBeyondTheGridIsMaxValue() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.quantileMicros(0.5)).isEqualTo(-1);
    h.add(61_000 * MS);
    assertThat(h.quantileMicros(0.5)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void addAllSumsAndCopyIsIndependent() {
    LatencyHistogram a = new LatencyHistogram();
    a.add(5 * MS, 2);
    LatencyHistogram b = a.copy();
    b.add(300 * MS);
    a.addAll(b);
    assertThat(a.total()).isEqualTo(5);
    assertThat(b.total()).isEqualTo(3);
    assertThat(a.atMost(5 * MS)).isEqualTo(4);
  }
}
