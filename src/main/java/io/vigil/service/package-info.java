/** Wires config, probes, scheduler, sinks and the HTTP surface into the running Vigil service. */
package io.vigil.service;
