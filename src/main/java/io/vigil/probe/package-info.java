/** Probe types share one contract: {@link io.vigil.probe.Probe#run} yields a {@link io.vigil.probe.ProbeResult}. */
package io.vigil.probe;
