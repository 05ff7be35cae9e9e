package io.vigil.slo;

import static io.vigil.slo.Exact.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.slo.LatencyBands.Band;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DisplayName;

/** The three latency bands of a window (SPEC §9): fast, acceptable, slow add up to the valid runs. */
class LatencyBandsTest {
  @Test
  @DisplayName("From cumulative counts: 60 under the fast edge, 90 at most the slow one, of 100 valid → 60/30/10")
  void bandsFromCumulativeCounts() {
    LatencyBands bands = LatencyBands.of(60, 90, 100);
    assertThat(bands).isEqualTo(new LatencyBands(60, 30, 10));
    assertThat(bands.valid()).isEqualTo(100);
    assertThat(bands.count(Band.FAST)).isEqualTo(60);
    assertThat(bands.count(Band.ACCEPTABLE)).isEqualTo(30);
    assertThat(bands.count(Band.SLOW)).isEqualTo(10);
  }

  @Test
  @DisplayName("Each band's share of the valid runs, exact; no share without valid runs")
  void shares() {
    LatencyBands bands = new LatencyBands(1, 2, 5);
    assertThat(value(bands.share(Band.FAST))).isEqualByComparingTo("0.125");
    assertThat(value(bands.share(Band.ACCEPTABLE))).isEqualByComparingTo("0.25");
    assertThat(value(bands.share(Band.SLOW))).isEqualByComparingTo("0.625");
    assertThat(LatencyBands.NONE.share(Band.FAST)).isEmpty();
    assertThat(new LatencyBands(0, 0, 3).share(Band.FAST)).hasValueSatisfying(
        v -> assertThat(v).isEqualByComparingTo("0"));
  }

  @Test
  @DisplayName("Empty bands are allowed; a negative band count is refused, whichever band")
  void negativeCountsAreRefused() {
    assertThat(new LatencyBands(0, 0, 0).valid()).isZero();
    assertThatThrownBy(() -> new LatencyBands(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LatencyBands(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LatencyBands(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("The band label of the metric is the lower-case name; severities label the same way")
  void labels() {
    assertThat(Band.FAST.label()).isEqualTo("fast");
    assertThat(Band.ACCEPTABLE.label()).isEqualTo("acceptable");
    assertThat(Band.SLOW.label()).isEqualTo("slow");
    assertThat(Severity.PAGE.label()).isEqualTo("page");
    assertThat(Severity.TICKET.label()).isEqualTo("ticket");
  }
}
