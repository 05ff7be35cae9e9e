package io.vigil.incident;

import java.util.List;

/**
 * A span during which a boundary was down (by its thresholded state).
 *
 * @param id stable id ({@code <boundary>-<startMillis>})
 * @param boundary boundary name
 * @param startMillis start of the first failing run that led to down (when the outage began)
 * @param detectedMillis when the boundary's state turned down
 * @param endMillis start of the first good run of the recovery, or 0 while open
 * @param resolvedMillis when the state left down, or 0 while open
 * @param probes probes that failed during the incident
 * @param firstReason reason of the first failure
 */
public record Incident(String id, String boundary, long startMillis, long detectedMillis, long endMillis,
    long resolvedMillis, List<String> probes, String firstReason) {
  public boolean open() {
    return resolvedMillis == 0;
  }
}
