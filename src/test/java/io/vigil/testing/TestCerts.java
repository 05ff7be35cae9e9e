package io.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests, generated on the fly and written as PEM files into a directory (use JUnit's
 * {@code @TempDir}): one CA per instance, server certificates (SANs, validity window, expired, self-signed,
 * wrong host) and client certificates for mutual TLS. Keys are EC P-256 (fast to generate) and written as
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), which both Netty and Vert.x read.
 *
 * <pre>{@code
 * TestCerts certs = TestCerts.create(tempDir);
 * TestCerts.Issued server = certs.server("localhost");      // SANs localhost, 127.0.0.1, ::1
 * vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(server.keyCertOptions()))
 * // client side: trust certs.caFile()
 * }</pre>
 */
public final class TestCerts {
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);

  private final Path dir;
  private final KeyPair caKeys;
  private final X509Certificate caCert;
  private final Path caFile;
  private final AtomicInteger counter = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();

  /**
   * A certificate with its key, both also written to PEM files.
   *
   * @param cert the certificate
   * @param key its private key
   * @param certFile PEM file holding the certificate
   * @param keyFile PEM file holding the key as PKCS#8
   */
  public record Issued(X509Certificate cert, PrivateKey key, Path certFile, Path keyFile) {
    /** Vert.x key/cert options for a server or client presenting this certificate. */
    public io.vertx.core.net.PemKeyCertOptions keyCertOptions() {
      return new io.vertx.core.net.PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString());
    }
  }

  private TestCerts(Path dir, KeyPair caKeys, X509Certificate caCert, Path caFile) {
    this.dir = dir;
    this.caKeys = caKeys;
    this.caCert = caCert;
    this.caFile = caFile;
  }

  /** A fresh CA ({@code CN=Vigil Test CA,O=Vigil Tests}) whose PEM lands in {@code dir/ca.pem}. */
  public static TestCerts create(Path dir) {
    try {
      Files.createDirectories(dir);
      KeyPair keys = newKeys();
      X500Name name = new X500Name("O=Vigil Tests,CN=Vigil Test CA");
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
          keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate ca = sign(b, keys.getPrivate());
      Path file = dir.resolve("ca.pem");
      writePem(file, "CERTIFICATE", ca.getEncoded());
      return new TestCerts(dir, keys, ca, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PEM file with the CA certificate: what a client should trust. */
  public Path caFile() {
    return caFile;
  }

  public X509Certificate caCert() {
    return caCert;
  }

  /**
   * A server certificate for {@code host}, signed by the CA, valid from a day ago for 90 days. For
   * {@code localhost} the SANs also hold 127.0.0.1 and ::1.
   */
  public Issued server(String host) {
    Instant now = Instant.now();
    return server(host, now.minus(Duration.ofDays(1)), now.plus(DEFAULT_VALIDITY));
  }

  /** A CA-signed server certificate for {@code host} valid over the given window. */
  public Issued server(String host, Instant notBefore, Instant notAfter) {
    List<String> ips = host.equals("localhost") ? List.of("127.0.0.1", "::1") : List.of();
    return server(host, List.of(host), ips, notBefore, notAfter);
  }

  /** A CA-signed server certificate with exactly these DNS and IP SANs. */
  public Issued server(String commonName, List<String> dnsNames, List<String> ipAddresses, Instant notBefore,
      Instant notAfter) {
    return issue(commonName, dnsNames, ipAddresses, notBefore, notAfter, KeyPurposeId.id_kp_serverAuth, false);
  }

  /** A CA-signed certificate for localhost that expired yesterday. */
  public Issued expiredServer() {
    Instant now = Instant.now();
    return server("localhost", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
  }

  /** A CA-signed certificate valid only for {@code wrong.example}. */
  public Issued wrongHostServer() {
    return server("wrong.example");
  }

  /** A self-signed certificate for localhost (127.0.0.1, ::1), not issued by this CA. */
  public Issued selfSignedServer() {
    Instant now = Instant.now();
    return issue("localhost", List.of("localhost"), List.of("127.0.0.1", "::1"), now.minus(Duration.ofDays(1)),
        now.plus(DEFAULT_VALIDITY), KeyPurposeId.id_kp_serverAuth, true);
  }

  /** A CA-signed client certificate for mutual TLS. */
  public Issued client(String commonName) {
    Instant now = Instant.now();
    return issue(commonName, List.of(), List.of(), now.minus(Duration.ofDays(1)), now.plus(DEFAULT_VALIDITY),
        KeyPurposeId.id_kp_clientAuth, false);
  }

  private Issued issue(String commonName, List<String> dnsNames, List<String> ips, Instant notBefore,
      Instant notAfter, KeyPurposeId purpose, boolean selfSigned) {
    try {
      KeyPair keys = newKeys();
      X500Name subject = new X500Name("O=Vigil Tests,CN=" + commonName);
      X500Name issuer = selfSigned ? subject : X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(random), Date.from(notBefore),
          Date.from(notAfter), subject, keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      PublicKey authority = selfSigned ? keys.getPublic() : caKeys.getPublic();
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(authority));
      List<GeneralName> names = new ArrayList<>();
      dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
      ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
      if (!names.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      X509Certificate cert = sign(b, selfSigned ? keys.getPrivate() : caKeys.getPrivate());
      String stem = commonName.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + counter.incrementAndGet();
      Path certFile = dir.resolve(stem + ".crt.pem");
      Path keyFile = dir.resolve(stem + ".key.pem");
      writePem(certFile, "CERTIFICATE", cert.getEncoded());
      writePem(keyFile, "PRIVATE KEY", keys.getPrivate().getEncoded());
      return new Issued(cert, keys.getPrivate(), certFile, keyFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    return gen.generateKeyPair();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(64, random).abs().add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
        StandardCharsets.US_ASCII);
  }
}
