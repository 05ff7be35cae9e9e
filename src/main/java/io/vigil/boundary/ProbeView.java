package io.vigil.boundary;

import io.vigil.config.ProbeConfig;
import io.vigil.probe.ProbeResult;

/**
 * A probe as readers see it.
 *
 * @param config the probe
 * @param status {@code passing}, {@code failing} or {@code unknown} (after thresholds)
 * @param last its last result, or {@code null} before the first
 */
public record ProbeView(ProbeConfig config, String status, ProbeResult last) {}
