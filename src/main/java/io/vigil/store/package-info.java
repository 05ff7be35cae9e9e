/** Durable history behind one small interface: raw results, rollups, accounting checkpoints, incidents. */
package io.vigil.store;
