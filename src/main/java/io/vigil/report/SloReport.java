package io.vigil.report;

import io.vigil.config.SloConfig;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.Counts;
import io.vigil.slo.TimeTotals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One SLO over the report month in its timezone (UTC unless it names one), whatever window it declares for
 * live tracking. Budget figures follow SPEC §1: spent = bad / (B × valid), for time SLOs
 * down / (B × (up + down)); remaining = 1 − spent, negative when overspent.
 *
 * @param config the SLO
 * @param window the month in the SLO's timezone and what was read of it
 * @param source which rollups were read
 * @param events requests and latency SLOs: good and valid events; {@code null} for time SLOs
 * @param time time SLOs: time per state; {@code null} otherwise
 * @param budget SLI, spent and remaining budget, met; empty when nothing was measured
 * @param budgetRatio B = 1 − target
 * @param allowedBad requests and latency SLOs: B × valid; {@code null} for time SLOs
 * @param allowedDowntime time SLOs: B × the month's length; {@code null} otherwise
 * @param allowedDowntimeMeasured time SLOs: B × measured time (up + down), the base of spent and remaining
 * @param remainingDowntime time SLOs: B × measured − down; negative when overspent
 * @param latencyBoundMicros latency SLOs: the histogram bound the threshold is answered for (equal to the
 *     threshold when it lies on the grid); 0 otherwise
 * @param notes what a reader must know to trust the figures
 */
public record SloReport(SloConfig config, MonthWindow window, Source source, Counts events, TimeTotals time,
    Optional<BudgetStatus> budget, BigDecimal budgetRatio, BigDecimal allowedBad, Duration allowedDowntime,
    Duration allowedDowntimeMeasured, Duration remainingDowntime, long latencyBoundMicros, List<String> notes) {
  public SloReport {
    notes = List.copyOf(notes);
  }

  public String name() {
    return config.name();
  }

  /** Whether the SLO was met; empty when nothing was measured. */
  public Optional<Boolean> met() {
    return budget.map(BudgetStatus::met);
  }
}
