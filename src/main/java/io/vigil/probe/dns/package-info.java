/** The DNS probe: one query per run over UDP (TCP on truncation or by choice) with Netty's DNS codec. */
package io.vigil.probe.dns;
