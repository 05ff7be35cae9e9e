package io.vigil.store;

/**
 * Aggregates of one subject over one rollup bucket. Counts are runs that started in the bucket; times are
 * milliseconds of the bucket spent in each state (they sum to at most the bucket width).
 *
 * @param subject boundary or probe
 * @param id boundary or probe history id
 * @param resolution bucket width
 * @param bucketStart bucket start, epoch milliseconds (aligned to the resolution in UTC)
 * @param good valid runs whose assertions all held
 * @param valid runs that measured the service (good + bad), maintenance excluded
 * @param excluded runs inside maintenance that does not count against the budget
 * @param latency durations of good runs (for latency SLIs and percentiles)
 * @param upMs time up
 * @param degradedMs time degraded (counts as up for availability)
 * @param downMs time down
 * @param unknownMs time nothing was known
 * @param maintenanceMs time in maintenance that does not count against the budget
 */
public record BucketRow(Subject subject, int id, Resolution resolution, long bucketStart, long good, long valid,
    long excluded, LatencyHistogram latency, long upMs, long degradedMs, long downMs, long unknownMs,
    long maintenanceMs) {}
