/** Live boundary state (up, degraded, down, unknown, maintenance) with thresholds, and incidents. */
package io.vigil.boundary;
