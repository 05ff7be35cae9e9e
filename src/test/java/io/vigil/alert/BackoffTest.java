package io.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retry delays double from the first up to the cap, and jitter spreads each over its upper half. */
class BackoffTest {
  @ParameterizedTest(name = "after {0} failures: {1}..{2} ms")
  @CsvSource(textBlock = """
      1,   500,  1000
      2,  1000,  2000
      3,  2000,  4000
      6, 16000, 32000
      9, 30000, 60000
      60, 30000, 60000
      """)
  void delaysDoubleUpToTheCapWithJitterInTheUpperHalf(int failures, long low, long high) {
    Backoff noJitter = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0.0);
    Backoff fullJitter = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0.999_999);

    assertThat(noJitter.delayMillis(failures)).isEqualTo(low);
    assertThat(fullJitter.delayMillis(failures)).isBetween(high - 1, high);
  }
}
