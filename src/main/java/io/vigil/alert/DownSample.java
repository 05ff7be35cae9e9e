package io.vigil.alert;

import java.util.List;

/**
 * One evaluation of a boundary for down alerts.
 *
 * @param known whether any probe of the boundary has a known status (an evaluation that knows nothing counts
 *     neither way)
 * @param down whether the boundary's {@code down_when} holds for its probes' statuses
 * @param failing the probes failing now
 * @param reason the reason of the latest failing result, or empty
 */
record DownSample(boolean known, boolean down, List<String> failing, String reason) {
  static final DownSample UNKNOWN = new DownSample(false, false, List.of(), "");
}
