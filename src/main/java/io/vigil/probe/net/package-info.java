/** Plumbing shared by the connection-based probes (HTTP, TCP): failure classification, phase clock, display. */
package io.vigil.probe.net;
