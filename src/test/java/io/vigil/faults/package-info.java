/** Fault injection: hostile targets, storage faults, reloads, wall-clock jumps and abuse of the HTTP port. */
package io.vigil.faults;
