package io.vigil.probe.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The outcome of verifying the chain a server presented, kept in the handshake's session.
 *
 * @param chain the certificates as presented, leaf first
 * @param error why the chain or host name did not verify; empty when it did
 */
record Verification(List<X509Certificate> chain, String error) {
  static final String SESSION_KEY = "io.vigil.tls.verification";

  boolean verified() {
    return error.isEmpty();
  }
}
