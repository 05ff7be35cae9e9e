package io.vigil.report;

import io.vigil.slo.Counts;

/**
 * One probe's runs over the report month (UTC), summed over every definition it had in the month.
 *
 * @param name the probe
 * @param requests good and valid runs
 * @param excluded runs inside excused maintenance
 * @param source which rollups were read
 */
public record ProbeLine(String name, Counts requests, long excluded, Source source) {}
