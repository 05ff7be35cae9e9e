package io.vigil.probe.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vigil.config.HttpSpec;
import io.vigil.config.Secret;
import io.vigil.config.TlsSpec;
import io.vigil.probe.Outcome;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.net.ProbeHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sensitive headers (by the README's naming rule) and credentials stay with the probe's origin: a redirect to
 * another host or port, or from https down to http, gets the ordinary headers only.
 */
class RedirectCredentialsTest {
  private static final List<String> SENSITIVE = List.of("Authorization", "X-Api-Key", "Cookie", "X-Auth-Token",
      "Session-Id", "X-Signature", "Proxy-Authorization");
  private static ProbeHarness harness;
  private static WireMockServer origin;
  private static WireMockServer elsewhere;

  @BeforeAll
  static void start() {
    harness = new ProbeHarness();
    origin = new WireMockServer(options().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
    elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    origin.start();
    elsewhere.start();
  }

  @AfterAll
  static void stop() {
    origin.stop();
    elsewhere.stop();
    harness.close();
  }

  @BeforeEach
  void reset() {
    origin.resetAll();
    elsewhere.resetAll();
  }

  private static HttpSpecBuilder withHeaders(String url) {
    HttpSpecBuilder spec = HttpSpecBuilder.get(url).tls(new TlsSpec(true, true, null, "", null, null))
        .header("Accept-Language", "en").header("X-Trace", "plain");
    for (String name : SENSITIVE) {
      if (!name.equals("Authorization")) {
        spec.header(name, "val-of-" + name);
      }
    }
    return spec.auth(new HttpSpec.Auth(Secret.EMPTY, "ops", Secret.of("s3cret")));
  }

  private static ProbeResult run(HttpSpecBuilder spec) {
    return harness.run(new HttpProbe(ProbeHarness.http("t", Duration.ofSeconds(5), spec.build()), harness.runtime));
  }

  private static void assertOnlyOrdinaryHeaders(LoggedRequest req) {
    assertThat(req.getHeader("Accept-Language")).isEqualTo("en");
    assertThat(req.getHeader("X-Trace")).isEqualTo("plain");
    for (String name : SENSITIVE) {
      assertThat(req.containsHeader(name)).as("%s must stay with the probe's origin", name).isFalse();
    }
  }

  @Test
  void sensitiveHeadersDoNotFollowARedirectToAnotherOrigin() {
    origin.stubFor(get("/start").willReturn(aResponse().withStatus(302)
        .withHeader("Location", elsewhere.baseUrl() + "/landed")));
    elsewhere.stubFor(get("/landed").willReturn(aResponse().withStatus(200)));
    ProbeResult r = run(withHeaders(origin.baseUrl() + "/start"));
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);

    LoggedRequest first = origin.findAll(getRequestedFor(urlEqualTo("/start"))).get(0);
    assertThat(first.getHeader("Authorization")).isEqualTo("Basic b3BzOnMzY3JldA==");
    assertThat(first.getHeader("X-Api-Key")).isEqualTo("val-of-X-Api-Key");
    assertThat(first.getHeader("Cookie")).isEqualTo("val-of-Cookie");
    assertOnlyOrdinaryHeaders(elsewhere.findAll(getRequestedFor(urlEqualTo("/landed"))).get(0));
  }

  @Test
  void sensitiveHeadersDoNotFollowADowngradeFromHttpsToHttp() {
    origin.stubFor(get("/secure").willReturn(aResponse().withStatus(301)
        .withHeader("Location", origin.baseUrl() + "/plain")));
    origin.stubFor(get("/plain").willReturn(aResponse().withStatus(200)));
    ProbeResult r = run(withHeaders("https://127.0.0.1:" + origin.httpsPort() + "/secure"));
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);

    LoggedRequest first = origin.findAll(getRequestedFor(urlEqualTo("/secure"))).get(0);
    assertThat(first.getHeader("X-Auth-Token")).isEqualTo("val-of-X-Auth-Token");
    assertOnlyOrdinaryHeaders(origin.findAll(getRequestedFor(urlEqualTo("/plain"))).get(0));
  }

  @Test
  void sensitiveHeadersStayOnRedirectsWithinTheOrigin() {
    origin.stubFor(get("/a").willReturn(aResponse().withStatus(307).withHeader("Location", "/b")));
    origin.stubFor(get("/b").willReturn(aResponse().withStatus(200)));
    ProbeResult r = run(withHeaders(origin.baseUrl() + "/a"));
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    origin.verify(getRequestedFor(urlEqualTo("/b")).withHeader("X-Api-Key", equalTo("val-of-X-Api-Key"))
        .withHeader("Authorization", equalTo("Basic b3BzOnMzY3JldA==")));
  }
}
