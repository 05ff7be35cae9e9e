package io.vigil.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.change.ChangeEvent;
import io.vigil.config.Owner;
import io.vigil.config.Redactor;
import io.vigil.testing.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.io.TempDir;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The email notifier against a real SMTP server (GreenMail) on loopback in the test JVM: subject, recipients,
 * owner fields and the plain-text body, login, and the refusal to log in over a server without STARTTLS when it
 * is required. GreenMail offers no STARTTLS, so TLS is shown over SMTPS (the same certificate and host checks).
 */
class EmailNotifierTest {
  private static final Owner OWNER = new Owner("payments", "@kim", "@lee", "payments-oncall",
      "https://wiki.example.com/runbooks/checkout", "#payments");
  private static final Notice FIRING = new Notice("checkout:burn:page:1767225600000", Notice.Status.FIRING, 0,
      "checkout", "Checkout", true, "burn", "burn_rate", "availability", "99.9% over 30d", "page", "lab",
      Instant.parse("2026-01-01T00:00:00Z"), null, "Checkout: SLO availability is burning its error budget fast",
      "Error ratio 2% over 1h and 2.5% over 5m, above 14.4× the budget (1.44%).", new BigDecimal("0.421"), OWNER);

  private GreenMail smtp;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@example.com", "vigil", "s3cret-pw"));
    smtp.start();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    smtp.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private EmailNotifier notifier(String starttls, String password) {
    EmailNotifier.Settings s = new EmailNotifier.Settings("127.0.0.1", smtp.getSmtp().getPort(),
        "Vigil <vigil@example.com>", List.of("oncall@example.com", "payments@example.com"), "vigil", starttls,
        false, null);
    return new EmailNotifier("mail", s, password, "https://status.example.com", vertx, Duration.ofSeconds(5),
        new Redactor(Set.of(password)));
  }

  private static Throwable outcome(Future<Void> sent) throws Exception {
    try {
      sent.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void aNoticeArrivesWithSubjectRecipientsOwnerAndAPlainTextBody() throws Exception {
    assertThat(outcome(notifier("off", "s3cret-pw").send(FIRING))).isNull();

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one delivery per recipient mailbox
    MimeMessage m = received[0];
    assertThat(m.getSubject())
        .isEqualTo("[page] Firing: Checkout: SLO availability is burning its error budget fast (checkout)");
    assertThat(Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString))
        .containsExactly("oncall@example.com", "payments@example.com");
    assertThat(m.getFrom()[0].toString()).isEqualTo("Vigil <vigil@example.com>");
    assertThat(m.getContentType()).startsWith("text/plain");
    assertThat(m.getHeader("X-Vigil-Incident")).containsExactly("checkout:burn:page:1767225600000");
    String body = ((String) m.getContent()).replace("\r\n", "\n");
    assertThat(body).startsWith("Firing: Checkout: SLO availability is burning its error budget fast\n\n"
        + "Error ratio 2% over 1h and 2.5% over 5m, above 14.4× the budget (1.44%).\n\n");
    assertThat(body).contains("Boundary: Checkout (checkout)\n", "Alert: burn (burn_rate), severity page\n",
        "SLO: availability: 99.9% over 30d\n", "Budget left: 42.1%\n", "Since: 2026-01-01 00:00 UTC\n",
        "Team: payments\n", "Primary: @kim\n", "Secondary: @lee\n", "Escalation: payments-oncall\n",
        "Chat: #payments\n", "Runbook: https://wiki.example.com/runbooks/checkout\n",
        "Status page: https://status.example.com/boundaries/checkout\n", "Location: lab\n",
        "Incident: checkout:burn:page:1767225600000");
  }

  @Test
  void aSuspectedChangeIsALineOfTheBodyAndSurvivesTheOutbox() throws Exception {
    Notice followsDeploy = Notice.fromJson(FIRING.withSuspectedChange(new ChangeEvent("e1", "checkout", "deploy",
        "1.4.2", Instant.parse("2025-12-31T23:50:00Z").toEpochMilli(), "https://ci.example.com/runs/7")).toJson());

    assertThat(outcome(notifier("off", "s3cret-pw").send(followsDeploy))).isNull();

    String body = ((String) smtp.getReceivedMessages()[0].getContent()).replace("\r\n", "\n");
    assertThat(body).contains("Suspected change: deploy 1.4.2 at 2025-12-31 23:50 UTC (https://ci.example.com/runs/7)\n");
    assertThat(EmailNotifier.body(FIRING, "")).doesNotContain("Suspected change");
  }

  @Test
  void aResolvedNoticeSaysSoAndHowLongItLasted() throws Exception {
    Notice resolved = FIRING.next(Notice.Status.RESOLVED, 0, Instant.parse("2026-01-01T01:12:00Z"),
        "The error ratio is back under the page thresholds.", null);

    assertThat(outcome(notifier("off", "s3cret-pw").send(resolved))).isNull();

    MimeMessage m = smtp.getReceivedMessages()[0];
    assertThat(m.getSubject()).startsWith("[page] Resolved: ");
    assertThat(((String) m.getContent()).replace("\r\n", "\n")).contains("Resolved: 2026-01-01 01:12 UTC, lasted 1h 12m\n");
  }

  @Test
  void aWrongPasswordFailsTheAttemptWithoutShowingThePassword() throws Exception {
    Throwable failure = outcome(notifier("off", "not-the-pw").send(FIRING));

    assertThat(failure).isInstanceOf(DeliveryException.class);
    assertThat(failure.getMessage()).startsWith("SMTP 127.0.0.1:").doesNotContain("not-the-pw");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void smtpsDeliversOverTlsTrustingTheConfiguredCa(@TempDir Path dir) throws Exception {
    TestCerts ca = TestCerts.create(dir);
    TestCerts.Issued server = ca.server("localhost");
    Path keystore = dir.resolve("smtp.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("smtp", server.key(), "changeit".toCharArray(),
        new java.security.cert.Certificate[] {server.cert(), ca.caCert()});
    try (var out = Files.newOutputStream(keystore)) {
      ks.store(out, "changeit".toCharArray());
    }
    System.setProperty("greenmail.tls.keystore.file", keystore.toString());
    System.setProperty("greenmail.tls.keystore.password", "changeit");
    GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@example.com", "vigil", "s3cret-pw"));
    smtps.start();
    try {
      EmailNotifier.Settings trusting = new EmailNotifier.Settings("localhost", smtps.getSmtps().getPort(),
          "vigil@example.com", List.of("oncall@example.com"), "vigil", "off", true, ca.caFile());
      EmailNotifier.Settings untrusting = new EmailNotifier.Settings("localhost", smtps.getSmtps().getPort(),
          "vigil@example.com", List.of("oncall@example.com"), "vigil", "off", true, null);

      Throwable refused = outcome(new EmailNotifier("mail", untrusting, "s3cret-pw", "", vertx,
          Duration.ofSeconds(5), Redactor.NONE).send(FIRING));
      assertThat(refused).as("an unknown CA is refused").isInstanceOf(DeliveryException.class);
      assertThat(smtps.getReceivedMessages()).isEmpty();

      assertThat(outcome(new EmailNotifier("mail", trusting, "s3cret-pw", "", vertx, Duration.ofSeconds(5),
          Redactor.NONE).send(FIRING))).isNull();
      assertThat(smtps.getReceivedMessages()).singleElement()
          .satisfies(m -> assertThat(m.getSubject()).startsWith("[page] Firing: "));
    } finally {
      smtps.stop();
      System.clearProperty("greenmail.tls.keystore.file");
      System.clearProperty("greenmail.tls.keystore.password");
    }
  }

  @Test
  void requiredStartTlsRefusesAServerThatDoesNotOfferIt() throws Exception {
    Throwable failure = outcome(notifier("required", "s3cret-pw").send(FIRING));

    assertThat(failure).isInstanceOf(DeliveryException.class);
    assertThat(failure.getMessage()).contains("STARTTLS");
    assertThat(smtp.getReceivedMessages()).as("nothing, and no password, went over the plain connection").isEmpty();
  }
}
