package io.vigil.probe.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import io.vigil.config.TlsSpec;
import io.vigil.probe.Reason;
import io.vigil.probe.RunRecorder;
import io.vigil.probe.TlsFacts;
import io.vigil.probe.net.Display;
import io.vigil.probe.net.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of one probe, built once when the probe is created: a Netty {@link SslContext} on the JDK
 * provider that trusts {@code ca_file} (or the JVM's default trust store) and presents {@code client_cert}
 * when one is set.
 *
 * <p>A handshake never aborts on an untrusted chain or a wrong host name: the outcome is recorded, and after
 * the handshake {@link #facts} reports what the server showed while {@link #judge} decides whether the run
 * may go on. Sessions are never resumed, so every run performs, times and verifies a full handshake.
 */
public final class TlsClient {
  /** The JDK caches client sessions only under a known peer port; an unknown one means no resumption. */
  private static final int NO_PORT = -1;

  private final SslContext context;
  private final TlsSpec spec;

  private TlsClient(SslContext context, TlsSpec spec) {
    this.context = context;
    this.spec = spec;
  }

  /**
   * Builds the client for {@code spec}. Reads files (blocking): call it when a probe is built, off the event
   * loop. Config validation may call it to check TLS files the same way runs will use them.
   *
   * @throws IllegalArgumentException when {@code ca_file}, {@code client_cert} or {@code client_key} cannot
   *     be read or hold no usable certificate or key; the message names the file
   */
  public static TlsClient create(TlsSpec spec) {
    X509ExtendedTrustManager trust = spec.caFile() == null ? defaultTrust() : trustFrom(spec.caFile());
    SslContextBuilder builder = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .trustManager(new RecordingTrustManager(trust))
        .endpointIdentificationAlgorithm("HTTPS");
    if (spec.clientCert() != null) {
      if (spec.clientKey() == null) {
        throw new IllegalArgumentException("client_cert " + spec.clientCert() + " needs a client_key");
      }
      try {
        builder.keyManager(spec.clientCert().toFile(), spec.clientKey().toFile());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot load client_cert " + spec.clientCert() + " / client_key "
            + spec.clientKey() + ": " + e.getMessage(), e);
      }
    }
    try {
      return new TlsClient(builder.build(), spec);
    } catch (SSLException | RuntimeException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The name sent as SNI and verified against the certificate: {@code server_name}, or the target's host. */
  public String verifyName(String host) {
    return spec.serverName().isEmpty() ? host : spec.serverName();
  }

  public boolean insecure() {
    return spec.insecure();
  }

  /**
   * A handler for one fresh connection to {@code host} (a name or an IP literal without brackets). It starts
   * the handshake when the channel becomes active; it has no handshake timeout of its own, as the run's
   * deadline bounds it.
   */
  public SslHandler newHandler(ByteBufAllocator alloc, String host) {
    String name = verifyName(host);
    SSLEngine engine = context.newEngine(alloc, name, NO_PORT);
    SSLParameters params = engine.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (!NetUtil.isValidIpV4Address(name) && !NetUtil.isValidIpV6Address(name)) {
      try {
        params.setServerNames(List.of(new SNIHostName(name)));
      } catch (IllegalArgumentException notAHostName) {
        params.setServerNames(List.of());
      }
    }
    engine.setSSLParameters(params);
    SslHandler handler = new SslHandler(engine);
    handler.setHandshakeTimeoutMillis(0);
    return handler;
  }

  /** What a finished handshake on {@code engine} showed, including whether the chain verified. */
  public TlsFacts facts(SSLEngine engine) {
    SSLSession session = engine.getSession();
    Verification v = session.getValue(Verification.SESSION_KEY) instanceof Verification found
        ? found
        : new Verification(peerChain(session), "the handshake finished without verifying a certificate");
    List<X509Certificate> chain = v.chain();
    Instant earliest = null;
    for (X509Certificate c : chain) {
      Instant notAfter = c.getNotAfter().toInstant();
      earliest = earliest == null || notAfter.isBefore(earliest) ? notAfter : earliest;
    }
    X509Certificate leaf = chain.isEmpty() ? null : chain.get(0);
    return new TlsFacts(
        session.getProtocol(),
        session.getCipherSuite(),
        earliest == null ? Instant.EPOCH : earliest,
        leaf == null ? "" : leaf.getSubjectX500Principal().getName(),
        leaf == null ? "" : leaf.getIssuerX500Principal().getName(),
        v.verified(),
        v.error(),
        leaf == null ? List.of() : dnsNames(leaf));
  }

  /** Records the facts of a finished handshake on {@code engine} into {@code rec}, then {@link #judge}s them. */
  public boolean recordAndJudge(SSLEngine engine, Duration expiresAfter, Instant now, RunRecorder rec, String host) {
    TlsFacts facts = facts(engine);
    rec.tls(facts);
    return judge(facts, expiresAfter, now, rec, host);
  }

  /**
   * Judges a finished handshake into {@code rec}: unless insecure, a chain or host name that did not verify
   * fails the run with reason {@code cert}; with {@code expiresAfter} set, the earliest expiry must lie at
   * least that far after {@code now} (reason {@code cert}). Returns whether the run may go on.
   */
  public boolean judge(TlsFacts facts, Duration expiresAfter, Instant now, RunRecorder rec, String host) {
    if (!spec.insecure()) {
      String detail = facts.chainVerified()
          ? "chain and host name verified for " + verifyName(host)
          : facts.verifyError();
      rec.check("certificate", facts.chainVerified(), detail, Reason.CERT);
      if (!facts.chainVerified()) {
        return false;
      }
    }
    if (expiresAfter != null) {
      boolean ok = !facts.earliestExpiry().isBefore(now.plus(expiresAfter));
      rec.check("cert_expires_after", ok, "earliest expiry " + facts.earliestExpiry() + " is in "
          + facts.daysLeft(now) + "d, " + (ok ? ">= " : "< ") + Display.duration(expiresAfter), Reason.CERT);
      return ok;
    }
    return true;
  }

  /** One line on why a handshake failed: a plaintext answer named as such, otherwise the TLS error. */
  public static String describeFailure(Throwable cause) {
    if (Failures.find(cause, NotSslRecordException.class) != null) {
      return "the server did not answer with TLS (not an SSL/TLS record)";
    }
    return Display.escaped(Failures.describe(cause), 200);
  }

  private static List<X509Certificate> peerChain(SSLSession session) {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
      return chain;
    } catch (SSLPeerUnverifiedException none) {
      return List.of();
    }
  }

  private static List<String> dnsNames(X509Certificate cert) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names == null) {
        return List.of();
      }
      List<String> dns = new ArrayList<>();
      for (List<?> entry : names) {
        if (entry.size() >= 2 && Integer.valueOf(2).equals(entry.get(0)) && entry.get(1) instanceof String s) {
          dns.add(s);
        }
      }
      return List.copyOf(dns);
    } catch (CertificateParsingException unreadable) {
      return List.of();
    }
  }

  private static X509ExtendedTrustManager defaultTrust() {
    try {
      return pick(TrustManagerFactory.getDefaultAlgorithm(), null);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load the JVM's default trust store: " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager trustFrom(Path caFile) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : TlsSpec.certificates(caFile)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      return pick("PKIX", store);
    } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load ca_file " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager pick(String algorithm, KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(algorithm);
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager for " + algorithm);
  }
}
