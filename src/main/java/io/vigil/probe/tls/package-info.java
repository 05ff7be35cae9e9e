/** TLS for probes: one client context per probe, a recording trust manager, and the facts a handshake shows. */
package io.vigil.probe.tls;
