package io.vigil.probe.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vigil.config.BasicAuth;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ProbeConfig;
import io.vigil.config.Redactor;
import io.vigil.config.VigilConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.net.ProbeHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials in a probe URL ({@code http://user:password@host/}) are sent as basic auth, percent-decoded, as
 * curl sends them; the URL the probe keeps (and shows) has no user info, and the password and its token are
 * secrets the redactor hides.
 */
class UrlCredentialsTest {
  private static final String PASSWORD = "pw-Url-4711 @:/";

  @TempDir Path dir;
  private final ProbeHarness harness = new ProbeHarness();
  private final WireMockServer target = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  @BeforeEach
  void start() {
    target.start();
    target.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("ok")));
  }

  @AfterEach
  void stop() {
    target.stop();
    harness.close();
  }

  @Test
  void userInfoIsSentAsBasicAuthAndNeverShown() throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), "probe_files: [probes.yaml]\n");
    Files.writeString(dir.resolve("probes.yaml"), """
        boundaries: [{name: shop}]
        probes:
          - name: guarded
            boundary: shop
            type: http
            http: {url: "http://ops:${PASS}@127.0.0.1:%d/health"}
        """.formatted(target.port()));
    String encoded = java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");
    VigilConfig config = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of("PASS", encoded));
    ProbeConfig probe = config.probe("guarded");

    assertThat(probe.http().url()).isEqualTo("http://127.0.0.1:" + target.port() + "/health");
    assertThat(probe.http().auth().user()).isEqualTo("ops");
    assertThat(probe.http().auth().password().reveal()).isEqualTo(PASSWORD);

    ProbeResult r = harness.run(new HttpProbe(probe, harness.runtime));
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    String expected = "Basic " + Base64.getEncoder().encodeToString(("ops:" + PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    target.verify(getRequestedFor(urlEqualTo("/health")).withHeader("Authorization", equalTo(expected)));

    Redactor redactor = config.redactor();
    String echoed = "got " + PASSWORD + " and " + BasicAuth.token("ops", PASSWORD);
    assertThat(redactor.redact(echoed)).isEqualTo("got " + Redactor.MARK + " and " + Redactor.MARK);
    assertThat(probe.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void aRotatedUrlPasswordIsAChangedDefinition() throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), "probe_files: [probes.yaml]\n");
    Files.writeString(dir.resolve("probes.yaml"), """
        boundaries: [{name: shop}]
        probes:
          - {name: guarded, boundary: shop, type: http, http: {url: "http://ops:${PASS}@127.0.0.1:1/"}}
        """);
    ProbeConfig before = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of("PASS", "old-pass")).probe("guarded");
    ProbeConfig after = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of("PASS", "new-pass")).probe("guarded");
    assertThat(before.sameDefinition(after)).isFalse();
  }
}
