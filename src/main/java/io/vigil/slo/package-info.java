/** SLO math: SLIs, time-based availability, windows, error budgets and burn-rate alerting, in exact decimals. */
package io.vigil.slo;
