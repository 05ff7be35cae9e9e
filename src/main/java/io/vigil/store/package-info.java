/** Durable history behind one small interface: raw results, rollups, checkpoints, incidents, alerts, outbox. */
package io.vigil.store;
