package io.vigil.schedule;

import io.vigil.config.ProbeConfig;

/**
 * Learns how late each planned start of a probe came (actual start minus planned start, never negative).
 * Called on the probe's event loop at every tick, whether the run starts or is skipped: it must be cheap.
 */
@FunctionalInterface
public interface LagObserver {
  void started(ProbeConfig probe, long lagNanos);
}
