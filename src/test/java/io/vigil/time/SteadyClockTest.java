package io.vigil.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SteadyClockTest {
  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
  private static final long HOUR = 3_600_000L;

  @Test
  void readsTheSystemClockWhileItRunsNormally() {
    ManualClocks c = new ManualClocks(T0);
    SteadyClock steady = c.steady();
    for (int i = 0; i < 100; i++) {
      c.pass(137);
      assertThat(steady.millis()).isEqualTo(c.wallMillis());
      assertThat(steady.instant()).isEqualTo(Instant.ofEpochMilli(c.wallMillis()));
    }
    assertThat(steady.aheadMillis()).isZero();
  }

  @Test
  void aStepForwardPassesStraightThrough() {
    ManualClocks c = new ManualClocks(T0);
    SteadyClock steady = c.steady();
    c.pass(1_000);
    steady.millis();
    c.step(3 * HOUR);
    assertThat(steady.millis()).isEqualTo(c.wallMillis());
    c.pass(500);
    assertThat(steady.millis()).isEqualTo(c.wallMillis());
  }

  @Test
  void aStepBackNeverTurnsTheClockBackAndIsAbsorbedAtHalfSpeed() {
    ManualClocks c = new ManualClocks(T0);
    SteadyClock steady = c.steady();
    c.pass(10_000);
    long before = steady.millis();
    c.step(-HOUR);
    long previous = before;
    long caughtUpAfter = -1;
    for (long t = 1_000; t <= 3 * HOUR; t += 1_000) {
      c.pass(1_000);
      long now = steady.millis();
      assertThat(now).as("never backwards").isGreaterThanOrEqualTo(previous);
      assertThat(now - previous).as("keeps moving, at least at half speed").isGreaterThanOrEqualTo(500);
      assertThat(now).isGreaterThanOrEqualTo(c.wallMillis());
      if (caughtUpAfter < 0 && now == c.wallMillis()) {
        caughtUpAfter = t;
      }
      previous = now;
    }
    // behind by an hour, closing at half the speed of real time: caught up after two hours
    assertThat(caughtUpAfter).isBetween(2 * HOUR - 2_000, 2 * HOUR + 2_000);
    assertThat(steady.aheadMillis()).isZero();
  }

  @Test
  void smallJittersBackAreHeldNotRepeated() {
    ManualClocks c = new ManualClocks(T0);
    SteadyClock steady = c.steady();
    long previous = steady.millis();
    for (int i = 0; i < 1_000; i++) {
      c.pass(10);
      c.step(i % 3 == 0 ? -15 : 5); // NTP nudging a clock back and forth
      long now = steady.millis();
      assertThat(now).isGreaterThanOrEqualTo(previous);
      previous = now;
    }
  }

  @Test
  void everyZoneReadsTheSameInstant() {
    ManualClocks c = new ManualClocks(T0);
    SteadyClock steady = c.steady();
    Clock paris = steady.withZone(ZoneId.of("Europe/Paris"));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.millis()).isEqualTo(steady.millis());
    assertThat(steady.withZone(steady.getZone())).isSameAs(steady);
    assertThat(SteadyClock.of(steady)).isSameAs(steady);
  }

  @Test
  void slewMustBeAShareOfRealTime() {
    ManualClocks c = new ManualClocks(T0);
    assertThatThrownBy(() -> new SteadyClock(c.wall(), c.monotonic(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SteadyClock(c.wall(), c.monotonic(), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
