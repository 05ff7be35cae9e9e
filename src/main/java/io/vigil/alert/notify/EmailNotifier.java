package io.vigil.alert.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.Redactor;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import io.vigil.config.TlsSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Email over SMTP with Jakarta Mail (Eclipse Angus): one plain-text message per notice. The subject carries
 * severity, state and boundary; the body the summary, description, SLO, budget, times, owner, runbook, the
 * suspected change (when the incident started soon after one) and links.
 * With {@code starttls: required} (the default) the connection is upgraded before anything else is said and the
 * message is not sent over a server that does not offer STARTTLS; {@code tls: true} is SMTPS. Jakarta Mail
 * blocks, so each send runs on a worker thread, never on an event loop.
 */
final class EmailNotifier implements Notifier {
  private final String name;
  private final Settings settings;
  private final String password;
  private final String publicUrl;
  private final Vertx vertx;
  private final Redactor redactor;
  private final Session session;

  /**
   * How to reach the server and whom to write to.
   *
   * @param starttls {@code required}, {@code optional} or {@code off}
   * @param tls SMTPS: TLS from the first byte
   * @param username empty for no login
   * @param caFile PEM bundle to trust instead of the JVM's trust store, or {@code null}
   */
  record Settings(String host, int port, String from, List<String> to, String username, String starttls,
      boolean tls, Path caFile) {
    static Settings of(Map<String, String> options) {
      List<String> to = new ArrayList<>();
      for (String a : options.getOrDefault("to", "").split(",\\s*")) {
        if (!a.isBlank()) {
          to.add(a.trim());
        }
      }
      return new Settings(options.get("host"), Integer.parseInt(options.getOrDefault("port", "587")),
          options.get("from"), List.copyOf(to), options.getOrDefault("username", ""),
          options.getOrDefault("starttls", "required"), Boolean.parseBoolean(options.getOrDefault("tls", "false")),
          options.containsKey("ca_file") ? Path.of(options.get("ca_file")) : null);
    }
  }

  /**
   * @param password the SMTP password (a secret: never logged, and redacted from failure messages)
   * @param timeout longest each of connecting, reading and writing may take
   */
  EmailNotifier(String name, Settings settings, String password, String publicUrl, Vertx vertx, Duration timeout,
      Redactor redactor) {
    this.name = name;
    this.settings = settings;
    this.password = password;
    this.publicUrl = publicUrl;
    this.vertx = vertx;
    this.redactor = redactor;
    this.session = Session.getInstance(properties(settings, timeout));
  }

  static Properties properties(Settings s, Duration timeout) {
    String p = s.tls() ? "mail.smtps." : "mail.smtp.";
    String millis = String.valueOf(Math.max(1, timeout.toMillis()));
    Properties props = new Properties();
    props.put("mail.transport.protocol", s.tls() ? "smtps" : "smtp");
    props.put(p + "host", s.host());
    props.put(p + "port", String.valueOf(s.port()));
    props.put(p + "auth", String.valueOf(!s.username().isEmpty()));
    props.put(p + "connectiontimeout", millis);
    props.put(p + "timeout", millis);
    props.put(p + "writetimeout", millis);
    props.put(p + "ssl.checkserveridentity", "true");
    props.put("mail.smtp.starttls.enable", String.valueOf(!s.tls() && !"off".equals(s.starttls())));
    props.put("mail.smtp.starttls.required", String.valueOf(!s.tls() && "required".equals(s.starttls())));
    if (s.caFile() != null) {
      props.put(p + "ssl.socketFactory", socketFactory(s.caFile()));
    }
    return props;
  }

  /** TLS that trusts only the certificates of {@code caFile} (host names are still checked). */
  private static SSLSocketFactory socketFactory(Path caFile) {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate c : TlsSpec.certificates(caFile)) {
        trusted.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot trust ca_file " + caFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Void> send(Notice notice) {
    return vertx.<Void>executeBlocking(() -> {
      MimeMessage message = message(notice);
      try (Transport t = session.getTransport()) {
        t.connect(settings.host(), settings.port(), settings.username().isEmpty() ? null : settings.username(),
            settings.username().isEmpty() ? null : password);
        t.sendMessage(message, message.getAllRecipients());
      }
      return null;
    }, false).recover(e -> Future.failedFuture(new DeliveryException("SMTP " + settings.host() + ":"
        + settings.port() + ": " + redactor.redact(String.valueOf(e.getMessage())))));
  }

  MimeMessage message(Notice n) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(settings.from()));
    for (String to : settings.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    m.setSubject(subject(n), StandardCharsets.UTF_8.name());
    m.setSentDate(new Date());
    m.setHeader("X-Vigil-Incident", n.incident());
    m.setText(body(n, publicUrl), StandardCharsets.UTF_8.name());
    return m;
  }

  /** {@code [page] Firing: Checkout is down (checkout)}. */
  static String subject(Notice n) {
    return "[" + n.severity() + "] " + Texts.state(n) + ": " + n.summary() + " (" + n.boundary() + ")";
  }

  /** The plain-text body: what is wrong, then one field a line. */
  static String body(Notice n, String publicUrl) {
    StringBuilder b = new StringBuilder();
    b.append(Texts.state(n)).append(": ").append(n.summary()).append("\n\n");
    if (n.description() != null && !n.description().isEmpty()) {
      b.append(n.description()).append("\n\n");
    }
    line(b, "Boundary", n.boundaryTitle() + " (" + n.boundary() + ")");
    line(b, "Alert", n.alert() + " (" + n.kind() + "), severity " + n.severity());
    if (n.slo() != null) {
      line(b, "SLO", n.slo() + (n.objective() == null ? "" : ": " + n.objective()));
    }
    line(b, "Budget left", n.budgetRemainingText());
    line(b, "Since", Texts.time(n.startsAt()));
    if (!n.firing()) {
      line(b, "Resolved", Texts.time(n.endsAt()) + ", lasted " + Texts.lasted(n));
    }
    n.owner().fields().forEach((key, value) -> line(b, label(key), value));
    line(b, "Suspected change", n.suspectedChangeText()
        + (n.suspectedChangeLink().isEmpty() ? "" : " (" + n.suspectedChangeLink() + ")"));
    line(b, "Status page", n.link(publicUrl));
    line(b, "Location", n.location());
    line(b, "Incident", n.incident());
    return b.toString();
  }

  private static String label(String key) {
    return key.equals("runbook") ? "Runbook" : Character.toUpperCase(key.charAt(0)) + key.substring(1);
  }

  private static void line(StringBuilder b, String label, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(label).append(": ").append(value).append('\n');
    }
  }
}
