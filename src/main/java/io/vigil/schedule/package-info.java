/** Runs every probe on its interval on the event loops, and fans results out to sinks. */
package io.vigil.schedule;
