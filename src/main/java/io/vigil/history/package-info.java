/**
 * Accounting: turns raw results into per-boundary time and counts (the pinned coverage rule, down_when,
 * maintenance), kept in memory rings for SLO windows and persisted as rollups with a checkpoint.
 */
package io.vigil.history;
