package io.vigil.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.testing.Http;
import io.vigil.testing.Services;
import io.vigil.testing.TestTarget;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email notifier through the running service: a service file naming an SMTP server (GreenMail on loopback),
 * a down alert routed by severity ({@code notify: {page: [mail]}}), and the message that arrives, password from the
 * environment.
 */
class EmailServiceTest {
  @TempDir Path dir;
  private VigilService service;

  @AfterEach
  void tearDown() throws Exception {
    Services.stop(service);
  }

  @Test
  void aPageRoutedToEmailArrivesWithItsOwner() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@example.com", "vigil", "smtp-pw-9"));
    smtp.start();
    try (TestTarget target = new TestTarget()) {
      target.status(503);
      Files.createDirectories(dir.resolve("probes"));
      Files.writeString(dir.resolve("vigil.yaml"), """
          listen: 127.0.0.1:0
          location: lab
          storage: {sqlite: data/vigil.db}
          probe_files: [probes/*.yaml]
          notifiers:
            - {name: mail, type: email, host: 127.0.0.1, port: %d, from: vigil@example.com,
               to: [oncall@example.com], username: vigil, password: "${SMTP_PASSWORD}", starttls: off}
          """.formatted(smtp.getSmtp().getPort()));
      Files.writeString(dir.resolve("probes/shop.yaml"), """
          boundaries:
            - name: checkout
              title: Checkout
              owner: {team: payments, primary: "@kim", runbook: "https://wiki.example.com/runbooks/checkout"}
              alerts:
                - {kind: down, after_failures: 2, notify: {page: [mail]}}
          probes:
            - {name: pay, boundary: checkout, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
          """.formatted(target.url()));
      service = Services.start(dir.resolve("vigil.yaml"), Map.of("SMTP_PASSWORD", "smtp-pw-9"));

      assertThat(smtp.waitForIncomingEmail(20_000, 1)).as("the page arrives by email").isTrue();
      MimeMessage m = smtp.getReceivedMessages()[0];
      assertThat(m.getSubject()).isEqualTo("[page] Firing: Checkout is down (checkout)");
      assertThat(m.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
      String body = ((String) m.getContent()).replace("\r\n", "\n");
      assertThat(body).startsWith("Firing: Checkout is down\n\n").contains("Team: payments\n", "Primary: @kim\n",
          "Runbook: https://wiki.example.com/runbooks/checkout\n", "Alert: down (down), severity page\n");
      assertThat(Http.eventually(Duration.ofSeconds(10), () -> Http.metrics(service.port())
          .value("vigil_notifications_total", "notifier", "mail", "result", "delivered") >= 1)).isTrue();
    } finally {
      smtp.stop();
    }
  }
}
