/** Prometheus exposition: contract metric names, per-probe series and the registry that serves /metrics. */
package io.vigil.metrics;
