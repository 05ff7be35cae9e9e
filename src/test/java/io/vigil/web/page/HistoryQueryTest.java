package io.vigil.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The history query's parameters straight from a caller: anything that is not a valid query is refused with a
 * one-line reason ({@link HistoryQuery.Invalid}, answered 400), never another exception (answered 500, logged).
 */
class HistoryQueryTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:34:56Z");

  @ParameterizedTest(name = "from={0} to={1} step={2}")
  @CsvSource(nullValues = "-", delimiter = '|', value = {
      "-                    | -          | 1ns                       | step must be a positive whole number of minutes",
      "-                    | -          | 59999ms                   | step must be a positive whole number of minutes",
      "-                    | -          | 1m1ns                     | step must be a positive whole number of minutes",
      "-                    | -          | 0.5ns                     | step must be a positive whole number of minutes",
      "-                    | -          | 9223372036854775807ns1ns  | step must be at most 90d",
      "-                    | -          | 99999999999999999999999d  | step must be at most 90d",
      "-                    | -          | ''                        | step must be a positive whole number of minutes",
      "-                    | -          | 1m%00                     | step must be a duration such as 5m, 1h or 1d",
      "-                    | -          | 999w                      | step must be at most 90d",
      "''                   | -          | -                         | from must be an RFC 3339 time (2026-03-01T00:00:00Z) or Unix seconds",
      "999999999999         | -          | -                         | from must be before to",
      "-999999999999        | -          | -                         | history reaches back 90 days; from is older",
      "+999999999-12-31T23:59:59Z | -    | -                         | from must be before to",
      "-                    | 1e308      | -                         | to must be an RFC 3339 time (2026-03-01T00:00:00Z) or Unix seconds"})
  void badParametersAreRefusedWithAOneLineReason(String from, String to, String step, String reason) {
    assertThatThrownBy(() -> HistoryQuery.parse(from, to, step, NOW))
        .isInstanceOf(HistoryQuery.Invalid.class).hasMessage(reason);
  }

  @ParameterizedTest
  @CsvSource({"1m, PT1M", "60s, PT1M", "1h, PT1H", "60000ms, PT1M"})
  void wholeMinuteStepsAreAccepted(String step, String expected) throws Exception {
    assertThat(HistoryQuery.parse(null, null, step, NOW).step()).isEqualTo(Duration.parse(expected));
  }
}
