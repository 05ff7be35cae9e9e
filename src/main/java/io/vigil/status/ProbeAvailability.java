package io.vigil.status;

import io.vigil.slo.Counts;

/**
 * Request-based availability of one probe (good / valid runs) over 24 hours (hour rollups), 7 days and 30 days
 * (day rollups, today from hours). Large fleets refresh a bounded number of probes per minute, so these may be a
 * few minutes old there.
 *
 * @param probe probe name
 * @param day last 24 hours
 * @param week last 7 days
 * @param month last 30 days
 */
public record ProbeAvailability(String probe, Counts day, Counts week, Counts month) {}
