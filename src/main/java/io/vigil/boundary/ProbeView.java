package io.vigil.boundary;

import io.vigil.config.ProbeConfig;
import io.vigil.probe.ProbeResult;
import java.util.Map;

/**
 * A probe as readers see it.
 *
 * @param config the probe
 * @param status {@code passing}, {@code failing} or {@code unknown} (after thresholds)
 * @param last its last result, or {@code null} before the first
 * @param locations the status in each location that has run it (empty while it runs in one location only)
 */
public record ProbeView(ProbeConfig config, String status, ProbeResult last, Map<String, String> locations) {
  public ProbeView {
    locations = Map.copyOf(locations);
  }

  /** A probe seen from one location. */
  public ProbeView(ProbeConfig config, String status, ProbeResult last) {
    this(config, status, last, Map.of());
  }
}
