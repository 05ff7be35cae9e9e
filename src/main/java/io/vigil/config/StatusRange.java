package io.vigil.config;

import java.util.List;

/** An inclusive range of HTTP status codes, written {@code 200} or {@code 200-299} in config. */
public record StatusRange(int from, int to) {
  /** The default expectation: 200–399 good, anything else bad (SPEC §1). */
  public static final List<StatusRange> DEFAULT_GOOD = List.of(new StatusRange(200, 399));

  public StatusRange {
    if (from < 100 || to > 599 || from > to) {
      throw new IllegalArgumentException("status range must lie within 100-599 and start <= end");
    }
  }

  public boolean contains(int status) {
    return status >= from && status <= to;
  }

  public static boolean anyContains(List<StatusRange> ranges, int status) {
    for (StatusRange r : ranges) {
      if (r.contains(status)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }
}
