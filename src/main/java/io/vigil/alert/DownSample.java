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
 * @param runFailed whether the run that led to this evaluation failed (what ends a dependency hold: the
 *     boundary keeps failing on its own once its upstreams are back)
 */
record DownSample(boolean known, boolean down, List<String> failing, String reason, boolean runFailed) {
  static final DownSample UNKNOWN = new DownSample(false, false, List.of(), "", false);

  /** An evaluation whose run failed exactly when the boundary is down. */
  DownSample(boolean known, boolean down, List<String> failing, String reason) {
    this(known, down, failing, reason, down);
  }
}
