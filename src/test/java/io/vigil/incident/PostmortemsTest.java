package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostmortemsTest {
  private static final long START = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;

  /** Incident length, time since it ended, whether linked, and whether due (postmortem_after 30 min). */
  @ParameterizedTest(name = "{0} min long, ended {1} ms ago, linked {2}: due {3}")
  @CsvSource({"31, 172800000, false, true", "30, 172800000, false, false", "31, 172799999, false, false",
      "31, 172800000, true, false", "120, 999999999, false, true", "1, 999999999, false, false"})
  void dueOnceLongerThanTheThresholdAndUnlinked48HoursAfterItEnded(long minutes, long sinceEnd, boolean linked,
      boolean due) {
    long end = START + minutes * MINUTE;
    Incident i = new Incident("shop-" + START, "shop", START, START + MINUTE, end, end + 1_000, List.of("p"), "status");
    assertThat(Postmortems.due(i, linked, Postmortems.DEFAULT_AFTER, Instant.ofEpochMilli(end + sinceEnd)))
        .isEqualTo(due);
  }

  @Test
  void anOpenIncidentIsNeverDue() {
    Incident open = new Incident("shop-" + START, "shop", START, START + MINUTE, 0, 0, List.of("p"), "status");
    assertThat(Postmortems.due(open, false, Duration.ZERO, Instant.ofEpochMilli(START + 1_000 * HOUR))).isFalse();
  }
}
