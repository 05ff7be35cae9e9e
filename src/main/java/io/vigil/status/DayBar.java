package io.vigil.status;

import io.vigil.slo.TimeTotals;
import java.time.LocalDate;
import java.util.Optional;
import java.math.BigDecimal;

/**
 * One day of a boundary's 90-day bar (UTC days): time-based availability and where the time went.
 *
 * @param date the UTC day
 * @param time up, down, unknown and maintenance time of that day (so far, for today)
 */
public record DayBar(LocalDate date, TimeTotals time) {
  public Optional<BigDecimal> availability() {
    return time.availability();
  }

  public long downtimeMinutes() {
    return (time.down().toSeconds() + 59) / 60;
  }
}
