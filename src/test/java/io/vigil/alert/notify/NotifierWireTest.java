package io.vigil.alert.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vigil.config.NotifierConfig;
import io.vigil.config.Redactor;
import io.vigil.config.Secret;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each notifier against a WireMock receiver on loopback: the exact request (path, headers, JSON body, compared
 * as JSON with nothing extra allowed) for a firing and a resolved notice, and how receiver failures are reported
 * without leaking secrets.
 */
class NotifierWireTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(options().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  private static final String PUBLIC_URL = "https://status.example.com";
  private static final String INCIDENT = "shop:burn:page:1772366400000";
  private static final String DESCRIPTION = "Error ratio 0.7% over 6h and 0.65% over 30m, above 6× the budget "
      + "(0.6%). 42.1% of the error budget is left.";
  private static final String SUMMARY = "Shop & Co: SLO availability is burning its error budget fast";
  static final Notice FIRING = new Notice(INCIDENT, Notice.Status.FIRING, 0, "shop", "Shop & Co", true, "burn",
      "burn_rate", "availability", "99.9% over 30d", "page", "eu-west-1", Instant.parse("2026-03-01T12:00:00Z"),
      null, SUMMARY, DESCRIPTION, new BigDecimal("0.421"));
  private static final String RESOLVED_DESCRIPTION =
      "The error ratio is back under the page thresholds. 40% of the error budget is left.";
  static final Notice RESOLVED = FIRING.next(Notice.Status.RESOLVED, 0, Instant.parse("2026-03-01T12:42:30Z"),
      RESOLVED_DESCRIPTION, new BigDecimal("0.4"));

  private static Vertx vertx;
  private static WebClient client;
  private String base;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx, Poster.clientOptions(Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stopVertx() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void receiverAccepts() {
    base = "http://127.0.0.1:" + wm.getPort();
    wm.stubFor(post(urlPathMatching(".*")).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"ok\"}")));
  }

  private static Poster poster(Duration timeout, String... secrets) {
    return new Poster(client, timeout, new Redactor(List.of(secrets)));
  }

  private static Poster poster() {
    return poster(Duration.ofSeconds(5));
  }

  private static void await(Future<Void> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<Void> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the delivery to fail");
  }

  @Test
  void webhookPostsAlertmanagerVersionFourForFiringAndResolved() throws Exception {
    Notifier hook = new WebhookNotifier("hook", base + "/alerts?token=abc", PUBLIC_URL, poster());
    await(hook.send(FIRING));
    await(hook.send(RESOLVED));

    String labels = """
        {"alertname": "burn", "boundary": "shop", "kind": "burn_rate", "location": "eu-west-1",
         "severity": "page", "slo": "availability"}""";
    String firingAnnotations = """
        {"summary": "%s", "description": "%s", "incident": "%s", "objective": "99.9%% over 30d",
         "budget_remaining": "42.1%%", "status_page": "https://status.example.com/boundaries/shop"}"""
        .formatted(SUMMARY, DESCRIPTION, INCIDENT);
    wm.verify(1, postRequestedFor(urlEqualTo("/alerts?token=abc"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("User-Agent", equalTo("Vigil"))
        .withRequestBody(equalToJson("""
            {"version": "4",
             "groupKey": "{}:{alertname=\\"burn\\", boundary=\\"shop\\", severity=\\"page\\"}",
             "truncatedAlerts": 0,
             "status": "firing",
             "receiver": "hook",
             "groupLabels": {"alertname": "burn", "boundary": "shop", "severity": "page"},
             "commonLabels": %s,
             "commonAnnotations": %s,
             "externalURL": "https://status.example.com",
             "alerts": [{"status": "firing", "labels": %s, "annotations": %s,
                         "startsAt": "2026-03-01T12:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                         "generatorURL": "https://status.example.com/boundaries/shop",
                         "fingerprint": "00fc8a5f2bbe039b"}]}"""
            .formatted(labels, firingAnnotations, labels, firingAnnotations), false, false)));
    String resolvedAnnotations = """
        {"summary": "%s", "description": "%s", "incident": "%s", "objective": "99.9%% over 30d",
         "budget_remaining": "40.0%%", "status_page": "https://status.example.com/boundaries/shop"}"""
        .formatted(SUMMARY, RESOLVED_DESCRIPTION, INCIDENT);
    wm.verify(1, postRequestedFor(urlEqualTo("/alerts?token=abc"))
        .withRequestBody(equalToJson("""
            {"version": "4",
             "groupKey": "{}:{alertname=\\"burn\\", boundary=\\"shop\\", severity=\\"page\\"}",
             "truncatedAlerts": 0,
             "status": "resolved",
             "receiver": "hook",
             "groupLabels": {"alertname": "burn", "boundary": "shop", "severity": "page"},
             "commonLabels": %s,
             "commonAnnotations": %s,
             "externalURL": "https://status.example.com",
             "alerts": [{"status": "resolved", "labels": %s, "annotations": %s,
                         "startsAt": "2026-03-01T12:00:00Z", "endsAt": "2026-03-01T12:42:30Z",
                         "generatorURL": "https://status.example.com/boundaries/shop",
                         "fingerprint": "00fc8a5f2bbe039b"}]}"""
            .formatted(labels, resolvedAnnotations, labels, resolvedAnnotations), false, false)));
  }

  @Test
  void slackPostsAReadableMessageWithStateBoundarySloBudgetAndLink() throws Exception {
    Notifier slack = new SlackNotifier("chat", base + "/services/T1/B1/xyz", "#ops", PUBLIC_URL, poster());
    await(slack.send(FIRING));
    await(slack.send(RESOLVED));

    wm.verify(1, postRequestedFor(urlEqualTo("/services/T1/B1/xyz"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"channel": "#ops",
             "text": "Firing: Shop &amp; Co: SLO availability is burning its error budget fast",
             "blocks": [
               {"type": "header", "text": {"type": "plain_text", "text": ":rotating_light: Firing: Shop & Co",
                                           "emoji": true}},
               {"type": "section", "text": {"type": "mrkdwn",
                 "text": "*Shop &amp; Co: SLO availability is burning its error budget fast*\\n%s"}},
               {"type": "section", "fields": [
                 {"type": "mrkdwn", "text": "*State*\\nFiring"},
                 {"type": "mrkdwn", "text": "*Boundary*\\nShop &amp; Co (`shop`)"},
                 {"type": "mrkdwn", "text": "*SLO*\\navailability: 99.9%% over 30d"},
                 {"type": "mrkdwn", "text": "*Budget left*\\n42.1%%"},
                 {"type": "mrkdwn", "text": "*Severity*\\npage"},
                 {"type": "mrkdwn", "text": "*Since*\\n2026-03-01 12:00 UTC"}]},
               {"type": "context", "elements": [{"type": "mrkdwn", "text":
                 "<https://status.example.com/boundaries/shop|Status page> · Vigil at eu-west-1 · incident `%s`"}]}
             ]}""".formatted(DESCRIPTION, INCIDENT), false, false)));
    wm.verify(1, postRequestedFor(urlEqualTo("/services/T1/B1/xyz"))
        .withRequestBody(equalToJson("""
            {"channel": "#ops",
             "text": "Resolved: Shop &amp; Co: SLO availability is burning its error budget fast",
             "blocks": [
               {"type": "header", "text": {"type": "plain_text", "text": ":white_check_mark: Resolved: Shop & Co",
                                           "emoji": true}},
               {"type": "section", "text": {"type": "mrkdwn",
                 "text": "*Shop &amp; Co: SLO availability is burning its error budget fast*\\n%s"}},
               {"type": "section", "fields": [
                 {"type": "mrkdwn", "text": "*State*\\nResolved"},
                 {"type": "mrkdwn", "text": "*Boundary*\\nShop &amp; Co (`shop`)"},
                 {"type": "mrkdwn", "text": "*SLO*\\navailability: 99.9%% over 30d"},
                 {"type": "mrkdwn", "text": "*Budget left*\\n40.0%%"},
                 {"type": "mrkdwn", "text": "*Severity*\\npage"},
                 {"type": "mrkdwn", "text": "*Lasted*\\n42m 30s"}]},
               {"type": "context", "elements": [{"type": "mrkdwn", "text":
                 "<https://status.example.com/boundaries/shop|Status page> · Vigil at eu-west-1 · incident `%s`"}]}
             ]}""".formatted(RESOLVED_DESCRIPTION, INCIDENT), false, false)));
  }

  @Test
  void pagerDutyTriggersAndResolvesWithTheIncidentAsDedupKey() throws Exception {
    Notifier pd = new PagerDutyNotifier("oncall", "pd-routing-key-1", base + "/v2/enqueue", null, PUBLIC_URL,
        poster());
    await(pd.send(FIRING));
    await(pd.send(RESOLVED));

    wm.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"routing_key": "pd-routing-key-1",
             "event_action": "trigger",
             "dedup_key": "%s",
             "payload": {
               "summary": "%s",
               "source": "vigil@eu-west-1",
               "severity": "critical",
               "timestamp": "2026-03-01T12:00:00Z",
               "component": "shop",
               "group": "shop",
               "class": "burn_rate",
               "custom_details": {"description": "%s", "boundary": "Shop & Co", "alert": "burn",
                 "severity": "page", "incident": "%s", "slo": "availability", "objective": "99.9%% over 30d",
                 "budget_remaining": "42.1%%"}},
             "client": "Vigil",
             "client_url": "https://status.example.com/boundaries/shop",
             "links": [{"href": "https://status.example.com/boundaries/shop", "text": "Status page"}]}"""
            .formatted(INCIDENT, SUMMARY, DESCRIPTION, INCIDENT), false, false)));
    wm.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
        .withRequestBody(equalToJson("""
            {"routing_key": "pd-routing-key-1", "event_action": "resolve", "dedup_key": "%s"}"""
            .formatted(INCIDENT), false, false)));
  }

  @Test
  void opsgenieCreatesWithAnAliasAndClosesByItWithTheGenieKey() throws Exception {
    Notifier og = new OpsgenieNotifier("genie", "og-key-123456", base, null, PUBLIC_URL, poster());
    await(og.send(FIRING));
    await(og.send(RESOLVED));

    wm.verify(1, postRequestedFor(urlEqualTo("/v2/alerts"))
        .withHeader("Authorization", equalTo("GenieKey og-key-123456"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"message": "%s",
             "alias": "%s",
             "description": "%s\\n\\nStatus page: https://status.example.com/boundaries/shop",
             "priority": "P1",
             "source": "Vigil (eu-west-1)",
             "entity": "shop",
             "tags": ["vigil", "boundary:shop", "severity:page", "kind:burn_rate"],
             "details": {"boundary": "Shop & Co", "alert": "burn", "severity": "page", "location": "eu-west-1",
               "started": "2026-03-01T12:00:00Z", "slo": "availability", "objective": "99.9%% over 30d",
               "budget_remaining": "42.1%%", "status_page": "https://status.example.com/boundaries/shop"}}"""
            .formatted(SUMMARY, INCIDENT, DESCRIPTION), false, false)));
    wm.verify(1, postRequestedFor(urlEqualTo("/v2/alerts/shop%3Aburn%3Apage%3A1772366400000/close"
        + "?identifierType=alias"))
        .withHeader("Authorization", equalTo("GenieKey og-key-123456"))
        .withRequestBody(equalToJson("""
            {"source": "Vigil (eu-west-1)", "note": "Resolved after 42m 30s."}""", false, false)));
  }

  @Test
  void ticketsAndNotifierOverridesSetSeverityAndPriority() {
    Notice ticket = new Notice("shop:burn:ticket:1", Notice.Status.FIRING, 2, "shop", "Shop", false, "burn",
        "burn_rate", "availability", "99.9% over 30d", "ticket", "lab", Instant.EPOCH, null, "s", "d", null);

    assertThat(new PagerDutyNotifier("p", "k", "", null, "", poster()).request(ticket).body()
        .getJsonObject("payload").getString("severity")).isEqualTo("warning");
    assertThat(new PagerDutyNotifier("p", "k", "", "error", "", poster()).request(FIRING).body()
        .getJsonObject("payload").getString("severity")).isEqualTo("error");
    assertThat(new OpsgenieNotifier("o", "k", "", null, "", poster()).request(ticket).body().getString("priority"))
        .isEqualTo("P3");
    assertThat(new OpsgenieNotifier("o", "k", "", "P2", "", poster()).request(FIRING).body().getString("priority"))
        .isEqualTo("P2");
    assertThat(new PagerDutyNotifier("p", "k", "", null, "", poster()).request(ticket).body()
        .getJsonObject("payload").getJsonObject("custom_details").getInteger("reminder")).isEqualTo(2);
  }

  @Test
  void defaultsApplyWithoutAPublicUrlOrAnEndpoint() {
    Notice privateBoundary = new Notice("b:down:page:5", Notice.Status.FIRING, 0, "b", "B", false, "down", "down",
        null, null, "page", "lab", Instant.EPOCH, null, "B is down", "d", null);

    Post pd = new PagerDutyNotifier("p", "k", "", null, "", poster()).request(privateBoundary);
    Post og = new OpsgenieNotifier("o", "k", "", null, "", poster()).request(privateBoundary);
    Post hook = new WebhookNotifier("h", "http://127.0.0.1:1/x", "https://status.example.com/", poster())
        .request(privateBoundary);

    assertThat(pd.url()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
    assertThat(pd.body().containsKey("links")).isFalse();
    assertThat(pd.body().getJsonObject("payload").getJsonObject("custom_details").containsKey("slo")).isFalse();
    assertThat(og.url()).isEqualTo("https://api.opsgenie.com/v2/alerts");
    assertThat(og.body().getString("description")).isEqualTo("d");
    assertThat(hook.body().getJsonArray("alerts").getJsonObject(0).getString("generatorURL"))
        .as("a non-public boundary links to the status page, not to its own page")
        .isEqualTo("https://status.example.com/");
    assertThat(hook.body().getJsonObject("commonLabels").containsKey("slo")).isFalse();
  }

  @Test
  void notifiersAreBuiltFromTheServiceFile() {
    Notifier slack = Notifiers.create(new NotifierConfig("chat", NotifierConfig.Type.SLACK,
        Secret.of("https://hooks.slack.com/services/T/B/x"), Secret.EMPTY, Map.of("channel", "#ops")), "", poster(), null);
    Notifier og = Notifiers.create(new NotifierConfig("genie", NotifierConfig.Type.OPSGENIE,
        Secret.of("https://api.eu.opsgenie.com/"), Secret.of("key"), Map.of("priority", "P2")), "", poster(), null);

    assertThat(slack).isInstanceOf(SlackNotifier.class);
    assertThat(slack.name()).isEqualTo("chat");
    assertThat(((SlackNotifier) slack).request(FIRING).body().getString("channel")).isEqualTo("#ops");
    assertThat(((OpsgenieNotifier) og).request(FIRING).url()).isEqualTo("https://api.eu.opsgenie.com/v2/alerts");
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndKeptOutOfFailures() throws Exception {
    wm.stubFor(post(urlEqualTo("/denied")).willReturn(aResponse().withStatus(401).withBody("bad credentials")));
    String url = "http://hook:p%40ss-W0rd@127.0.0.1:" + wm.getPort();
    String token = "aG9vazpwQHNzLVcwcmQ="; // base64("hook:p@ss-W0rd")
    Poster p = poster(Duration.ofSeconds(5), url + "/alerts", url + "/denied", token);

    await(new WebhookNotifier("hook", url + "/alerts", "", p).send(FIRING));
    Throwable denied = failure(new WebhookNotifier("hook", url + "/denied", "", p).send(FIRING));

    wm.verify(1, postRequestedFor(urlEqualTo("/alerts")).withHeader("Authorization", equalTo("Basic " + token)));
    assertThat(denied).isInstanceOf(DeliveryException.class).hasMessageStartingWith("HTTP 401: bad credentials")
        .hasMessageNotContaining("p%40ss").hasMessageNotContaining("p@ss").hasMessageNotContaining(token);
  }

  @Test
  void errorAnswersTimeoutsAndRefusedConnectionsFailWithoutLeakingSecrets() throws Exception {
    String secretPath = "/services/T1/B1/SECRETXYZ";
    wm.stubFor(post(urlEqualTo(secretPath)).willReturn(aResponse().withStatus(404)
        .withBody("no such hook " + secretPath + " (key og-key-123456)\n" + "x".repeat(5_000))));
    wm.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Poster p = poster(Duration.ofMillis(500), base + secretPath, "og-key-123456");

    Throwable rejected = failure(new SlackNotifier("chat", base + secretPath, null, "", p).send(FIRING));
    long start = System.nanoTime();
    Throwable slow = failure(new WebhookNotifier("hook", base + "/slow", "", p).send(FIRING));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    Throwable refused = failure(new WebhookNotifier("hook", "http://127.0.0.1:" + closed + "/x", "", p)
        .send(FIRING));

    assertThat(rejected).isInstanceOf(DeliveryException.class).hasMessageStartingWith("HTTP 404: no such hook")
        .hasMessageNotContaining("SECRETXYZ").hasMessageNotContaining("og-key-123456");
    assertThat(rejected.getMessage().length()).isLessThan(Poster.KEPT_ANSWER + 50);
    assertThat(slow).isInstanceOf(DeliveryException.class).hasMessage("no answer within 500ms");
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofMillis(2_900));
    assertThat(refused).isInstanceOf(DeliveryException.class).hasMessageStartingWith("cannot connect");
  }
}
