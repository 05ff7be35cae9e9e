package io.vigil.probe.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.vigil.config.HttpSpec;
import io.vigil.config.StatusRange;
import io.vigil.probe.Check;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.probe.net.ProbeHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP probe against a WireMock server on loopback: statuses, redirects, assertions, phases, headers. */
@WireMockTest
class HttpProbeTest {
  private static ProbeHarness harness;
  private String base;

  @BeforeAll
  static void startVertx() {
    harness = new ProbeHarness();
  }

  @AfterAll
  static void stopVertx() {
    harness.close();
  }

  @BeforeEach
  void baseUrl(WireMockRuntimeInfo wm) {
    base = "http://127.0.0.1:" + wm.getHttpPort();
  }

  private static ProbeResult run(HttpSpecBuilder spec) {
    return harness.run(new HttpProbe(ProbeHarness.http("t", Duration.ofSeconds(5), spec.build()), harness.runtime));
  }

  private static StatusRange range(int from, int to) {
    return new StatusRange(from, to);
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        arguments(200, List.of(), List.of(), Outcome.GOOD, null, "200 in [200-399]"),
        arguments(204, List.of(), List.of(), Outcome.GOOD, null, "204 in [200-399]"),
        arguments(503, List.of(), List.of(), Outcome.BAD, Reason.STATUS, "503 not in [200-399]"),
        arguments(404, List.of(), List.of(), Outcome.BAD, Reason.STATUS, "404 not in [200-399]"),
        arguments(404, List.of(range(404, 404)), List.of(), Outcome.GOOD, null, "404 in [404]"),
        arguments(201, List.of(range(200, 200)), List.of(), Outcome.BAD, Reason.STATUS, "201 not in [200]"),
        arguments(429, List.of(), List.of(range(400, 499)), Outcome.INVALID, Reason.STATUS,
            "429 in invalid_status [400-499]"));
  }

  @ParameterizedTest(name = "{0} expect={1} invalid={2} -> {3}")
  @MethodSource("statuses")
  void statusIsJudgedAgainstExpectAndInvalidStatus(int served, List<StatusRange> good, List<StatusRange> invalid,
      Outcome outcome, Reason reason, String detail) {
    stubFor(get("/status").willReturn(aResponse().withStatus(served)));
    HttpSpecBuilder spec = HttpSpecBuilder.get(base + "/status").invalidStatus(invalid.toArray(StatusRange[]::new));
    if (!good.isEmpty()) {
      spec.status(good.toArray(StatusRange[]::new));
    }
    ProbeResult r = run(spec);
    assertThat(r.outcome()).isEqualTo(outcome);
    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.httpStatus()).isEqualTo(served);
    assertThat(r.checks()).extracting(Check::name, Check::detail).containsExactly(
        org.assertj.core.groups.Tuple.tuple("status", detail));
    assertThat(r.address()).isEqualTo(base.substring("http://".length()));
  }

  @Test
  void redirectsAreFollowedAndCounted() {
    stubFor(get("/r1").willReturn(aResponse().withStatus(302).withHeader("Location", "/r2")));
    stubFor(get("/r2").willReturn(aResponse().withStatus(301).withHeader("Location", base + "/done?x=1")));
    stubFor(get("/done?x=1").willReturn(aResponse().withStatus(200).withBody("arrived")));
    ProbeResult r = run(HttpSpecBuilder.get(base + "/r1").bodyMatches("arrived"));
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    assertThat(r.redirects()).isEqualTo(2);
    assertThat(r.httpStatus()).isEqualTo(200);
    // three hops, three connections: their connect phases add up, each one present
    assertThat(r.phases().has(Phase.CONNECT)).isTrue();
    verify(1, getRequestedFor(urlEqualTo("/done?x=1")));
  }

  @Test
  void redirectIsJudgedItselfWhenNotFollowed() {
    stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
    ProbeResult good = run(HttpSpecBuilder.get(base + "/moved").followRedirects(false));
    assertThat(good.outcome()).isEqualTo(Outcome.GOOD);
    assertThat(good.httpStatus()).isEqualTo(302);
    assertThat(good.redirects()).isZero();
    ProbeResult bad = run(HttpSpecBuilder.get(base + "/moved").followRedirects(false).status(range(200, 299)));
    assertThat(bad.reason()).isEqualTo(Reason.STATUS);
    verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
  }

  @Test
  void redirectLoopStopsAtMaxRedirectsWithReasonStatus() {
    stubFor(get("/loop-a").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop-b")));
    stubFor(get("/loop-b").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop-a")));
    ProbeResult r = run(HttpSpecBuilder.get(base + "/loop-a").maxRedirects(3));
    assertThat(r.outcome()).isEqualTo(Outcome.BAD);
    assertThat(r.reason()).isEqualTo(Reason.STATUS);
    assertThat(r.redirects()).isEqualTo(3);
    String loop = base + "/loop-a -> " + base + "/loop-b -> " + base + "/loop-a";
    assertThat(r.message()).isEqualTo("redirects: redirect loop " + loop + " (stopped after 3 redirects)");
  }

  @Test
  void seeOtherTurnsPostIntoGetWhileTemporaryRedirectKeepsMethodAndBody() {
    stubFor(post("/form").willReturn(aResponse().withStatus(303).withHeader("Location", "/landing")));
    stubFor(get("/landing").willReturn(aResponse().withStatus(200)));
    stubFor(post("/old").willReturn(aResponse().withStatus(307).withHeader("Location", "/new")));
    stubFor(post("/new").willReturn(aResponse().withStatus(200)));

    assertThat(run(HttpSpecBuilder.get(base + "/form").method("POST").body("payload")).outcome())
        .isEqualTo(Outcome.GOOD);
    assertThat(run(HttpSpecBuilder.get(base + "/old").method("POST").body("payload")).outcome())
        .isEqualTo(Outcome.GOOD);

    verify(1, getRequestedFor(urlEqualTo("/landing")).withHeader("Content-Length",
        com.github.tomakehurst.wiremock.client.WireMock.absent()));
    verify(1, postRequestedFor(urlEqualTo("/new")).withRequestBody(equalTo("payload")));
  }

  static Stream<Arguments> bodies() {
    String json = "{\"status\":\"UP\",\"count\":42,\"ok\":true,\"version\":\"1.4.2\",\"items\":[1,2]}";
    return Stream.of(
        arguments("body matches", json, HttpSpecBuilder.get("").bodyMatches("\"count\":\\s*42"), null),
        arguments("body does not match", json, HttpSpecBuilder.get("").bodyMatches("DOWN"), Reason.BODY),
        arguments("forbidden text absent", json, HttpSpecBuilder.get("").bodyNotMatches("error"), null),
        arguments("forbidden text present", json, HttpSpecBuilder.get("").bodyNotMatches("UP"), Reason.BODY),
        arguments("json string equal", json, HttpSpecBuilder.get("").json("$.status", "UP"), null),
        arguments("json number equal", json, HttpSpecBuilder.get("").json("$.count", "42"), null),
        arguments("json boolean equal", json, HttpSpecBuilder.get("").json("$.ok", "true"), null),
        arguments("json array as text", json, HttpSpecBuilder.get("").json("$.items", "[1,2]"), null),
        arguments("json value differs", json, HttpSpecBuilder.get("").json("$.status", "DOWN"), Reason.JSON),
        arguments("json path absent", json, HttpSpecBuilder.get("").json("$.missing", "x"), Reason.JSON),
        arguments("json regex matches", json, HttpSpecBuilder.get("").jsonMatches("$.version", "^1\\.4\\."), null),
        arguments("json regex fails", json, HttpSpecBuilder.get("").jsonMatches("$.version", "^2\\."), Reason.JSON),
        arguments("body not json", "<html>oops</html>", HttpSpecBuilder.get("").json("$.status", "UP"),
            Reason.JSON),
        arguments("body check fails before json", json,
            HttpSpecBuilder.get("").bodyMatches("nope").json("$.status", "DOWN"), Reason.BODY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void bodyAndJsonAssertions(String name, String served, HttpSpecBuilder expectations, Reason reason) {
    stubFor(get("/body").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(served)));
    HttpSpec template = expectations.build();
    HttpSpecBuilder spec = HttpSpecBuilder.get(base + "/body");
    template.expect().bodyMatches().forEach(p -> spec.bodyMatches(p.pattern()));
    template.expect().bodyNotMatches().forEach(p -> spec.bodyNotMatches(p.pattern()));
    template.expect().json().forEach((k, v) -> spec.json(k.expr(), v));
    template.expect().jsonMatches().forEach((k, v) -> spec.jsonMatches(k.expr(), v.pattern()));
    ProbeResult r = run(spec);
    assertThat(r.reason()).as(r.checks().toString()).isEqualTo(reason);
    assertThat(r.outcome()).isEqualTo(reason == null ? Outcome.GOOD : Outcome.BAD);
    // status plus one check per assertion, each with a readable detail
    assertThat(r.checks()).hasSizeGreaterThan(1).allSatisfy(c -> assertThat(c.detail()).isNotBlank());
  }

  @Test
  void headerRegexMustMatchOneValueFully() {
    stubFor(get("/h").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-Version", "2.1")));
    assertThat(run(HttpSpecBuilder.get(base + "/h").expectHeader("content-type", "application/json.*")).outcome())
        .isEqualTo(Outcome.GOOD);
    ProbeResult wrong = run(HttpSpecBuilder.get(base + "/h").expectHeader("X-Version", "1\\..*"));
    assertThat(wrong.reason()).isEqualTo(Reason.HEADER);
    assertThat(wrong.message()).contains("'2.1' does not match");
    ProbeResult absent = run(HttpSpecBuilder.get(base + "/h").expectHeader("X-Missing", ".*"));
    assertThat(absent.reason()).isEqualTo(Reason.HEADER);
    assertThat(absent.message()).contains("no X-Missing header");
  }

  @Test
  void slowResponseOverMaxDurationIsBadWithReasonDuration() {
    stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(300)));
    ProbeResult slow = run(HttpSpecBuilder.get(base + "/slow").maxDuration(Duration.ofMillis(100)));
    assertThat(slow.reason()).isEqualTo(Reason.DURATION);
    assertThat(slow.message()).startsWith("max_duration: ").endsWith(" > 100ms");
    ProbeResult fine = run(HttpSpecBuilder.get(base + "/slow").maxDuration(Duration.ofSeconds(4)));
    assertThat(fine.outcome()).isEqualTo(Outcome.GOOD);
  }

  @Test
  void delayedServerShowsUpAsProcessingNotConnect() {
    stubFor(get("/delay").willReturn(aResponse().withStatus(200).withBody("late").withFixedDelay(200)));
    run(HttpSpecBuilder.get(base + "/delay")); // warm-up: the first run in a JVM pays for class loading
    ProbeResult r = run(HttpSpecBuilder.get(base + "/delay"));
    assertThat(r.outcome()).isEqualTo(Outcome.GOOD);
    assertThat(r.phases().has(Phase.RESOLVE)).isTrue();
    assertThat(r.phases().has(Phase.TLS)).isFalse();
    assertThat(r.phases().nanos(Phase.PROCESSING)).isGreaterThanOrEqualTo(180_000_000L);
    assertThat(r.phases().nanos(Phase.CONNECT)).isLessThan(r.phases().nanos(Phase.PROCESSING) / 2);
    assertThat(r.phases().has(Phase.TRANSFER)).isTrue();
    assertThat(r.durationNanos()).isGreaterThanOrEqualTo(r.phases().nanos(Phase.PROCESSING));
  }

  @Test
  void requestCarriesDefaultHeadersConfigOverridesAndConnectionClose() {
    stubFor(get("/hdr").willReturn(aResponse().withStatus(200)));
    run(HttpSpecBuilder.get(base + "/hdr").header("Accept", "application/json").header("X-Probe", "vigil"));
    String host = base.substring("http://".length());
    verify(getRequestedFor(urlEqualTo("/hdr"))
        .withHeader("Host", equalTo(host))
        .withHeader("User-Agent", equalTo("Vigil/0.1"))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("X-Probe", equalTo("vigil"))
        .withHeader("Connection", equalTo("close")));
  }

  @Test
  void basicAndBearerCredentialsReachTheServer() {
    stubFor(get("/auth").willReturn(aResponse().withStatus(200)));
    run(HttpSpecBuilder.get(base + "/auth").auth(new HttpSpec.Auth(io.vigil.config.Secret.EMPTY, "ops",
        io.vigil.config.Secret.of("s3cret"))));
    verify(1, getRequestedFor(urlEqualTo("/auth")).withHeader("Authorization", equalTo("Basic b3BzOnMzY3JldA==")));
    run(HttpSpecBuilder.get(base + "/auth").auth(new HttpSpec.Auth(io.vigil.config.Secret.of("tok-123"), "",
        io.vigil.config.Secret.EMPTY)));
    verify(1, getRequestedFor(urlEqualTo("/auth")).withHeader("Authorization", equalTo("Bearer tok-123")));
  }

  @Test
  void postSendsBodyWithContentLength() {
    stubFor(post("/submit").willReturn(aResponse().withStatus(201)));
    ProbeResult r = run(HttpSpecBuilder.get(base + "/submit").method("POST").body("{\"a\":1}")
        .header("Content-Type", "application/json"));
    assertThat(r.outcome()).isEqualTo(Outcome.GOOD);
    verify(postRequestedFor(urlEqualTo("/submit")).withHeader("Content-Length", equalTo("7"))
        .withRequestBody(equalTo("{\"a\":1}")));
  }

  @Test
  void gzipBodyIsDecompressedBeforeAssertions() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write("healthy ".repeat(500).getBytes(StandardCharsets.UTF_8));
    }
    stubFor(get("/gz").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
        .withHeader("Content-Encoding", "gzip").withBody(zipped.toByteArray())));
    ProbeResult r = run(HttpSpecBuilder.get(base + "/gz").bodyMatches("^(healthy )+$"));
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.GOOD);
    verify(getRequestedFor(urlEqualTo("/gz")).withHeader("Accept-Encoding", equalTo("gzip, deflate")));
  }
}
