/** Loopback demo targets (healthy, flaky, slow, DNS) so a newcomer sees live data with no network. */
package io.vigil.demo;
