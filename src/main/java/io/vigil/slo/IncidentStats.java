package io.vigil.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Repair and failure statistics of a boundary over some span, from its incidents (the spans it was
 * down) and its uptime in the same span.
 *
 * <p>MTTR, mean time to restore, is the mean incident duration. MTBF, mean time between failures, follows
 * the common SRE reading: total uptime / number of failures. (The mean gap between the starts of
 * consecutive incidents is a different figure; see {@link #meanTimeBetweenStarts}.)
 *
 * @param incidents number of incidents
 * @param downtime the incidents' total duration
 * @param uptime total uptime in the same span (e.g. {@link TimeTotals#up()})
 */
public record IncidentStats(int incidents, Duration downtime, Duration uptime) {
  /**
   * The statistics of {@code incidents} (disjoint down spans, clipped to the span of interest by the
   * caller) given the uptime of that span.
   */
  public static IncidentStats of(List<Span> incidents, Duration uptime) {
    Duration down = Duration.ZERO;
    for (Span s : incidents) {
      down = down.plus(s.length());
    }
    return new IncidentStats(incidents.size(), down, uptime);
  }

  /** Mean time to restore: total incident duration / number of incidents; empty without incidents. */
  public Optional<Duration> mttr() {
    return incidents == 0 ? Optional.empty() : Optional.of(downtime.dividedBy(incidents));
  }

  /** Mean time between failures: total uptime / number of incidents; empty without incidents. */
  public Optional<Duration> mtbf() {
    return incidents == 0 ? Optional.empty() : Optional.of(uptime.dividedBy(incidents));
  }

  /**
   * The mean time between the starts of consecutive incidents, (last start − first start) / (count − 1);
   * empty with fewer than two incidents.
   */
  public static Optional<Duration> meanTimeBetweenStarts(List<Span> incidents) {
    if (incidents.size() < 2) {
      return Optional.empty();
    }
    List<Span> sorted = new ArrayList<>(incidents);
    sorted.sort(Comparator.comparing(Span::start));
    Duration first = Duration.between(sorted.get(0).start(), sorted.get(sorted.size() - 1).start());
    return Optional.of(first.dividedBy(sorted.size() - 1));
  }
}
