package io.vigil.status;

import io.vigil.config.SloConfig;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.BurnRateVerdict;
import io.vigil.slo.Counts;
import io.vigil.slo.Span;
import io.vigil.slo.TimeTotals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One SLO evaluated at one moment.
 *
 * @param config the SLO
 * @param window the part of its window that has elapsed (rolling: the whole window)
 * @param period the whole SLO period (a calendar month or quarter, or the rolling length)
 * @param counts requests and latency SLOs: good and valid runs in the window; {@code null} for time SLOs
 * @param time time SLOs: time per state in the window; {@code null} otherwise
 * @param budget SLI, consumed and remaining budget, met or not; empty while nothing was measured
 * @param allowedDowntime time SLOs: the budget as a duration over the whole period; {@code null} otherwise
 * @param remainingDowntime time SLOs: downtime still allowed over the period; {@code null} otherwise
 * @param errorRatios error ratio per burn window (5m … 3d), for windows with data
 * @param burnRates burn rate per burn window, for windows with data
 * @param verdict the multiwindow, multi-burn-rate evaluation
 */
public record SloStatus(SloConfig config, Span window, Duration period, Counts counts, TimeTotals time,
    Optional<BudgetStatus> budget, Duration allowedDowntime, Duration remainingDowntime,
    Map<Duration, BigDecimal> errorRatios, Map<Duration, BigDecimal> burnRates, BurnRateVerdict verdict) {}
