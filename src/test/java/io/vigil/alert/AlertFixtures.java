package io.vigil.alert;

import io.vigil.boundary.BoundaryState;
import io.vigil.boundary.BoundaryView;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.BurnRatePolicy;
import io.vigil.slo.BurnRateVerdict;
import io.vigil.slo.Counts;
import io.vigil.slo.ErrorBudget;
import io.vigil.status.BoundaryStatus;
import io.vigil.status.SloStatus;
import io.vigil.status.StatusSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SLO verdicts and snapshots for alert tests, judged by the real multiwindow, multi-burn-rate policy. */
final class AlertFixtures {
  static final SloConfig AVAILABILITY = new SloConfig("availability", SloConfig.Sli.REQUESTS,
      new BigDecimal("0.999"), SloConfig.SloWindow.rolling(Duration.ofDays(30)), ZoneOffset.UTC);

  /** SLO-MATH §7 vector 4 at T = 99.9%: page-slow fires; ticket-slow fires too but is suppressed. */
  static final Map<Duration, BigDecimal> VECTOR_4 = ratios(".0010", ".0065", ".0200", ".0070", ".005", ".002",
      ".0012");
  /** Only ticket-slow fires: 3d .0012 and 6h .0012 are above 1 × B; every page pair and ticket-fast stay quiet. */
  static final Map<Duration, BigDecimal> TICKET_ONLY = ratios(".0010", ".0010", ".0020", ".0012", ".0010", ".0020",
      ".0012");
  static final Map<Duration, BigDecimal> CALM = ratios(".0001", ".0001", ".0001", ".0001", ".0001", ".0001",
      ".0001");

  private AlertFixtures() {}

  static Map<Duration, BigDecimal> ratios(String m5, String m30, String h1, String h6, String h2, String d1,
      String d3) {
    return Map.of(Duration.ofMinutes(5), new BigDecimal(m5), Duration.ofMinutes(30), new BigDecimal(m30),
        Duration.ofHours(1), new BigDecimal(h1), Duration.ofHours(6), new BigDecimal(h6), Duration.ofHours(2),
        new BigDecimal(h2), Duration.ofDays(1), new BigDecimal(d1), Duration.ofDays(3), new BigDecimal(d3));
  }

  /**
   * A snapshot of the config's boundaries at {@code at}, each with {@link #AVAILABILITY} showing these error
   * ratios (judged by the standard policy for 30 days) and 42.1% of its budget left.
   */
  static StatusSnapshot snapshot(VigilConfig config, Map<Duration, BigDecimal> ratios, Instant at) {
    BurnRateVerdict verdict = BurnRatePolicy.standard(ErrorBudget.of(AVAILABILITY), Duration.ofDays(30))
        .evaluate(ratios);
    SloStatus slo = new SloStatus(AVAILABILITY, null, Duration.ofDays(30), new Counts(99_000, 100_000), null,
        Optional.of(new BudgetStatus(new BigDecimal("0.99942"), new BigDecimal("0.579"), new BigDecimal("0.421"),
            true)), null, null, ratios, Map.of(), verdict);
    List<BoundaryStatus> boundaries = config.boundaries().stream().map(b -> status(b, slo)).toList();
    return new StatusSnapshot(at, config.location(), boundaries);
  }

  private static BoundaryStatus status(BoundaryConfig b, SloStatus slo) {
    BoundaryView view = new BoundaryView(b, BoundaryState.UP, 0, null, List.of());
    return new BoundaryStatus(view, List.of(), List.of(slo), List.of(), Optional.empty(), Optional.empty(),
        List.of(), 0, List.of(), List.of(), List.of(), List.of());
  }
}
