package io.vigil.report;

import io.vigil.slo.Span;
import io.vigil.store.BucketRow;
import io.vigil.store.HistoryReader;
import io.vigil.store.Resolution;
import io.vigil.store.Subject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Sums a subject's rollups over a window of whole UTC hours. Hour rollups are read wherever they are
 * complete; a UTC day whose hour rollups do not add up to its day rollup (retention dropped some or all of
 * them) is read from the day rollup instead, taken whole when the window holds most of that day.
 */
final class RollupReader {
  private static final long DAY = Resolution.DAY.millis();

  private final HistoryReader history;

  RollupReader(HistoryReader history) {
    this.history = history;
  }

  /**
   * A boundary's sums over {@code window}; time of the window that no row accounts for is unaccounted (and
   * all of it when the boundary has no history id).
   */
  Rollup boundary(OptionalInt id, Span window) {
    Rollup out = new Rollup();
    long from = window.start().toEpochMilli();
    long to = window.end().toEpochMilli();
    long expected = id.isPresent() ? read(Subject.BOUNDARY, id.getAsInt(), from, to, out) : to - from;
    out.unaccountedMs = Math.max(0, expected - out.accountedMs());
    return out;
  }

  /** A probe's run counts over {@code window}, summed over every id it has had (one per definition). */
  Rollup probe(List<Integer> ids, Span window) {
    Rollup out = new Rollup();
    for (int id : ids) {
      read(Subject.PROBE, id, window.start().toEpochMilli(), window.end().toEpochMilli(), out);
    }
    return out;
  }

  /** Adds one id's rows to {@code out}; returns the milliseconds the rows read should account for. */
  private long read(Subject subject, int id, long from, long to, Rollup out) {
    if (to <= from) {
      return 0;
    }
    long firstDay = Resolution.DAY.floor(from);
    long endDay = Resolution.DAY.floor(to - 1) + DAY;
    Map<Long, List<BucketRow>> hoursByDay = new HashMap<>();
    for (BucketRow r : history.buckets(subject, id, Resolution.HOUR, firstDay, endDay)) {
      hoursByDay.computeIfAbsent(Resolution.DAY.floor(r.bucketStart()), d -> new ArrayList<>()).add(r);
    }
    Map<Long, BucketRow> days = new HashMap<>();
    for (BucketRow r : history.buckets(subject, id, Resolution.DAY, firstDay, endDay)) {
      days.put(r.bucketStart(), r);
    }
    long wholeFrom = MonthWindow.nearest(from, Resolution.DAY);
    long wholeTo = MonthWindow.nearest(to, Resolution.DAY);
    long expected = 0;
    for (long day = firstDay; day < endDay; day += DAY) {
      List<BucketRow> hours = hoursByDay.getOrDefault(day, List.of());
      BucketRow whole = days.get(day);
      boolean cut = day < from || day + DAY > to;
      if (whole == null || addsUp(hours, whole)) {
        for (BucketRow h : hours) {
          if (h.bucketStart() >= from && h.bucketStart() < to) {
            out.add(h);
            out.fromHours = true;
          }
        }
        expected += Math.min(to, day + DAY) - Math.max(from, day);
      } else if (day >= wholeFrom && day < wholeTo) {
        out.add(whole);
        out.dayRollups.add(LocalDate.ofEpochDay(day / DAY));
        out.dayEdgesRounded |= cut;
        expected += DAY;
      } else {
        out.dayEdgesRounded = true; // most of this day lies outside the window: left out
      }
    }
    return expected;
  }

  /** Whether the hour rollups of a day sum to exactly its day rollup (none dropped). */
  private static boolean addsUp(List<BucketRow> hours, BucketRow day) {
    Rollup sum = new Rollup();
    hours.forEach(sum::add);
    return sum.good == day.good() && sum.valid == day.valid() && sum.excluded == day.excluded()
        && sum.upMs == day.upMs() && sum.degradedMs == day.degradedMs() && sum.downMs == day.downMs()
        && sum.unknownMs == day.unknownMs() && sum.maintenanceMs == day.maintenanceMs()
        && sum.latency.equals(day.latency());
  }
}
