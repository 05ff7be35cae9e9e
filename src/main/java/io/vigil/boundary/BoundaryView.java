package io.vigil.boundary;

import io.vigil.config.BoundaryConfig;
import io.vigil.incident.Incident;
import java.util.List;

/**
 * A boundary as readers see it at one moment.
 *
 * @param config the boundary
 * @param state current state
 * @param sinceMillis when it entered that state
 * @param openIncident the open incident, or {@code null}
 * @param probes each probe's thresholded status and last result, in config order
 */
public record BoundaryView(BoundaryConfig config, BoundaryState state, long sinceMillis, Incident openIncident,
    List<ProbeView> probes) {}
