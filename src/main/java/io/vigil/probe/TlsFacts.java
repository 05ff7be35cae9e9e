package io.vigil.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a TLS handshake showed, recorded even when the chain did not verify.
 *
 * @param protocol negotiated protocol ({@code TLSv1.3}), empty when the handshake did not finish
 * @param cipher negotiated cipher suite, empty when the handshake did not finish
 * @param earliestExpiry the earliest {@code notAfter} over every certificate the peer presented
 * @param leafSubject subject of the peer's own certificate
 * @param leafIssuer issuer of the peer's own certificate
 * @param chainVerified whether the chain verified against the trust store and the host name matched
 * @param verifyError why verification failed; empty when it did not
 * @param subjectAltNames DNS names of the leaf certificate
 */
public record TlsFacts(
    String protocol,
    String cipher,
    Instant earliestExpiry,
    String leafSubject,
    String leafIssuer,
    boolean chainVerified,
    String verifyError,
    List<String> subjectAltNames) {

  /** Whole days from {@code now} until the earliest expiry (negative once expired). */
  public long daysLeft(Instant now) {
    return Math.floorDiv(Duration.between(now, earliestExpiry).getSeconds(), 86_400);
  }
}
