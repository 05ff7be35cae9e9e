/** Vigil's own clock: follows the system clock but never runs backwards. */
package io.vigil.time;
