package io.vigil.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;

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

  /**
   * The certificates of a PEM {@code ca_file}, read the way runs trust them; {@code vigil check} reads them
   * too, so a file check approves is one runs can use.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no PEM certificate
   */
  public static List<Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(file.getFileName() + " holds no PEM certificate");
      }
      return certs;
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException(file.getFileName() + " holds no readable PEM certificate ("
          + e.getMessage() + ")", e);
    }
  }
}
