package io.vigil.status;

/**
 * Latency percentiles of a boundary's good runs in one hour (upper bounds of the histogram buckets holding
 * them, in milliseconds; -1 when the hour had no good run).
 *
 * @param hourStartMillis start of the hour, epoch millis
 * @param p50Millis median
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param runs good runs in the hour
 */
public record LatencyPoint(long hourStartMillis, double p50Millis, double p95Millis, double p99Millis, long runs) {}
