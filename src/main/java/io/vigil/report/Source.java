package io.vigil.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Which stored rollups a figure was computed from.
 *
 * @param resolution {@code hour}, {@code day}, {@code hour+day} (day rollups where retention dropped the hour
 *     rollups), or {@code none} when nothing was stored for the span
 * @param dayRollups the UTC days read from day rollups, oldest first
 * @param dayEdgesRounded whether a day rollup at the window's edge was taken whole or left out (day rollups
 *     cover whole UTC days, so such a window's edges move to the nearest midnight UTC)
 * @param unaccounted time of the span with no stored history at all (Vigil was not running and never
 *     accounted it, or the boundary did not exist yet); it is counted as unknown
 */
public record Source(String resolution, List<LocalDate> dayRollups, boolean dayEdgesRounded, Duration unaccounted) {
  public static final String HOUR = "hour";
  public static final String DAY = "day";
  public static final String HOUR_AND_DAY = "hour+day";
  public static final String NONE = "none";

  public Source {
    dayRollups = List.copyOf(dayRollups);
  }

  /** Whether anything was stored for the span. */
  public boolean hasData() {
    return !NONE.equals(resolution);
  }
}
