package io.vigil.slo;

import java.math.BigDecimal;
import java.util.Optional;

/** What an SLI is computed from over a window: event counts (requests, latency) or time totals (time). */
public sealed interface Measure permits Counts, TimeTotals {
  /** The error ratio, 1 − SLI; empty when nothing was measured. */
  Optional<BigDecimal> errorRatio();
}
