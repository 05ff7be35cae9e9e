/** The TCP probe: connect (optionally TLS), then send and expect steps in order on a fresh connection. */
package io.vigil.probe.tcp;
