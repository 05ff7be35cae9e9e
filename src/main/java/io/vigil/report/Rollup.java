package io.vigil.report;

import io.vigil.config.SloConfig;
import io.vigil.slo.Counts;
import io.vigil.slo.Measure;
import io.vigil.slo.TimeTotals;
import io.vigil.store.BucketRow;
import io.vigil.store.LatencyHistogram;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Rollup rows of one subject summed over a report window, and where they came from. Mutable while read. */
final class Rollup implements SloConfig.Sli.Measures<Measure> {
  long good;
  long valid;
  long excluded;
  final LatencyHistogram latency = new LatencyHistogram();
  long upMs;
  long degradedMs;
  long downMs;
  long unknownMs;
  long maintenanceMs;
  long unaccountedMs;
  boolean fromHours;
  final List<LocalDate> dayRollups = new ArrayList<>();
  boolean dayEdgesRounded;

  void add(BucketRow r) {
    good += r.good();
    valid += r.valid();
    excluded += r.excluded();
    latency.addAll(r.latency());
    upMs += r.upMs();
    degradedMs += r.degradedMs();
    downMs += r.downMs();
    unknownMs += r.unknownMs();
    maintenanceMs += r.maintenanceMs();
  }

  /** Milliseconds the added rows account for, in any state. */
  long accountedMs() {
    return upMs + degradedMs + downMs + unknownMs + maintenanceMs;
  }

  /** Request-based counts: good and valid runs (runs in excused maintenance are not valid). */
  @Override
  public Counts requests() {
    return new Counts(good, valid);
  }

  /**
   * Latency-SLI counts: valid runs, of which good runs no longer than the threshold (answered on the latency
   * histogram's grid; see {@link LatencyHistogram#atMost}).
   */
  @Override
  public Counts latency(Duration threshold) {
    return new Counts(latency.atMost(threshold.toNanos() / 1000), valid);
  }

  /** Time per state; degraded counts as up, time with no stored history as unknown. */
  @Override
  public TimeTotals time() {
    return new TimeTotals(Duration.ofMillis(upMs + degradedMs), Duration.ofMillis(downMs),
        Duration.ofMillis(unknownMs + unaccountedMs), Duration.ofMillis(maintenanceMs));
  }

  Source source() {
    String resolution = fromHours && !dayRollups.isEmpty() ? Source.HOUR_AND_DAY
        : fromHours ? Source.HOUR : !dayRollups.isEmpty() ? Source.DAY : Source.NONE;
    return new Source(resolution, dayRollups, dayEdgesRounded, Duration.ofMillis(unaccountedMs));
  }
}
