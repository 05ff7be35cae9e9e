package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.probe.Outcome;
import org.junit.jupiter.api.Test;

class TablesTest {
  private static int stored(int durationMicros) {
    return Tables.duration10us(new StoredResult(1, 0, durationMicros, Outcome.GOOD, null, 0));
  }

  @Test
  void durationsAreKeptInTenMicrosecondStepsRoundedUp() {
    assertThat(stored(0)).isZero();
    assertThat(stored(1)).isEqualTo(1);
    assertThat(stored(10)).isEqualTo(1);
    assertThat(stored(11)).isEqualTo(2);
    assertThat(stored(1_234_567)).isEqualTo(123_457);
  }

  @Test
  void theLongestDurationStaysPositive() {
    // RawResults clamps runs longer than ~35 minutes to Integer.MAX_VALUE µs; adding the rounding step in
    // int arithmetic wrapped that to a negative duration.
    assertThat(stored(Integer.MAX_VALUE)).isEqualTo(214_748_365);
    assertThat(stored(Integer.MAX_VALUE - 5)).isEqualTo(214_748_365);
    // read back as at most Integer.MAX_VALUE µs (HistoryQueries), the same value the run was clamped to
    assertThat(Math.min(Integer.MAX_VALUE, stored(Integer.MAX_VALUE) * 10L)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aNegativeDurationIsStoredAsZero() {
    assertThat(stored(-1)).isZero();
    assertThat(stored(Integer.MIN_VALUE)).isZero();
  }
}
