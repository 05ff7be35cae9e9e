package io.vigil.config;

import java.nio.file.Path;

/**
 * TLS client options.
 *
 * @param enabled whether to speak TLS (HTTP: implied by {@code https://}; TCP: {@code tls: true} or a map)
 * @param insecure skip chain and host verification (facts are still recorded, the run is not failed)
 * @param caFile PEM bundle to trust instead of the JVM's default trust store; {@code null} for the default
 * @param serverName SNI and host name to verify; empty means the target's host
 * @param clientCert PEM client certificate for mutual TLS; {@code null} for none
 * @param clientKey PEM PKCS#8 private key for {@code clientCert}
 */
public record TlsSpec(boolean enabled, boolean insecure, Path caFile, String serverName, Path clientCert,
    Path clientKey) {
  public static final TlsSpec OFF = new TlsSpec(false, false, null, "", null, null);
  public static final TlsSpec DEFAULT_ON = new TlsSpec(true, false, null, "", null, null);

  public TlsSpec withEnabled(boolean on) {
    return new TlsSpec(on, insecure, caFile, serverName, clientCert, clientKey);
  }
}
