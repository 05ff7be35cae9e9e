package io.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Half-open spans of time and the states availability reads. */
class SpanTest {
  private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

  private static Instant min(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  @Test
  @DisplayName("A span holds its start and not its end; only a span of no time is empty")
  void halfOpen() {
    Span s = new Span(min(0), min(10));
    assertThat(s.length()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.isEmpty()).isFalse();
    assertThat(new Span(min(3), min(3)).isEmpty()).isTrue();
    assertThat(s.contains(min(0))).isTrue();
    assertThat(s.contains(min(10))).isFalse();
    assertThat(s.contains(min(0).minusNanos(1))).isFalse();
    assertThat(Span.of(min(0), Duration.ofMinutes(10))).isEqualTo(s);
    assertThat(Span.ending(min(10), Duration.ofMinutes(10))).isEqualTo(s);
  }

  @Test
  @DisplayName("Intersection: the shared time, in either order; spans that only touch or are apart share none")
  void intersect() {
    Span a = new Span(min(0), min(10));
    Span b = new Span(min(5), min(20));
    assertThat(a.intersect(b)).contains(new Span(min(5), min(10)));
    assertThat(b.intersect(a)).contains(new Span(min(5), min(10)));
    assertThat(a.intersect(new Span(min(2), min(3)))).contains(new Span(min(2), min(3)));
    assertThat(new Span(min(2), min(3)).intersect(a)).contains(new Span(min(2), min(3)));
    assertThat(a.intersect(new Span(min(10), min(12)))).isEmpty();
    assertThat(a.intersect(new Span(min(30), min(40)))).isEmpty();
  }

  @Test
  @DisplayName("A span that ends before it starts is refused, with both instants in half-open notation")
  void backwardsSpanIsRefused() {
    assertThatThrownBy(() -> new Span(min(1), min(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[" + min(1) + ", " + min(0) + ")");
    assertThat(new Span(min(0), min(1))).hasToString("[2026-07-01T00:00:00Z, 2026-07-01T00:01:00Z)");
  }

  @Test
  @DisplayName("Up and degraded time is uptime; down is measured but not up; unknown and maintenance are neither")
  void states() {
    assertThat(State.UP.isUp()).isTrue();
    assertThat(State.DEGRADED.isUp()).isTrue();
    assertThat(State.DOWN.isUp()).isFalse();
    assertThat(State.UNKNOWN.isUp()).isFalse();
    assertThat(State.MAINTENANCE.isUp()).isFalse();
    assertThat(State.DOWN.isMeasured()).isTrue();
    assertThat(State.UNKNOWN.isMeasured()).isFalse();
    assertThat(State.MAINTENANCE.isMeasured()).isFalse();
  }

  @Test
  @DisplayName("Time totals add state by state")
  void totalsAdd() {
    TimeTotals a = new TimeTotals(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3),
        Duration.ofMinutes(4));
    TimeTotals b = new TimeTotals(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30),
        Duration.ofMinutes(40));
    assertThat(a.plus(b)).isEqualTo(new TimeTotals(Duration.ofMinutes(11), Duration.ofMinutes(22),
        Duration.ofMinutes(33), Duration.ofMinutes(44)));
    assertThat(a.plus(b).total()).isEqualTo(Duration.ofMinutes(110));
  }
}
