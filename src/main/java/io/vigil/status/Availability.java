package io.vigil.status;

import io.vigil.slo.Counts;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.TimeTotals;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A boundary's availability over one fixed window.
 *
 * @param window label: 1h, 1d, 7d, 30d, 90d
 * @param requests Σgood / Σvalid over every run of the boundary's probes
 * @param time up, down, unknown and maintenance time
 * @param bands the valid runs by latency band (fast, acceptable, slow)
 */
public record Availability(String window, Counts requests, TimeTotals time, LatencyBands bands) {
  public Availability {
    bands = bands == null ? LatencyBands.NONE : bands;
  }

  public Availability(String window, Counts requests, TimeTotals time) {
    this(window, requests, time, LatencyBands.NONE);
  }

  public Optional<BigDecimal> requestRatio() {
    return requests.sli();
  }

  public Optional<BigDecimal> timeRatio() {
    return time.availability();
  }

  public Optional<BigDecimal> coverage() {
    return time.coverage();
  }
}
