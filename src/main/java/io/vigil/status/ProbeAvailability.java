package io.vigil.status;

import io.vigil.slo.Counts;

/**
 * Request-based availability of one probe (good / valid runs) over 24 hours, 7 days and 30 days, from
 * hourly rollups (the current hour included once accounted).
 *
 * @param probe probe name
 * @param day last 24 hours
 * @param week last 7 days
 * @param month last 30 days
 */
public record ProbeAvailability(String probe, Counts day, Counts week, Counts month) {}
