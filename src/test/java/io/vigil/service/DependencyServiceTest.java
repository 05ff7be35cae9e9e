package io.vigil.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Http;
import io.vigil.testing.Services;
import io.vigil.testing.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depends_on} through the running service: checkout depends on auth-api; while auth-api is down,
 * checkout's page is held (the webhook receiver gets nothing) and its incident is linked to auth-api in the API
 * and on the page; when auth-api recovers and checkout stays down, the page goes out, saying what caused it.
 */
class DependencyServiceTest {
  @TempDir Path dir;
  private TestTarget auth;
  private TestTarget shop;
  private WireMockServer receiver;
  private VigilService service;

  @BeforeEach
  void setUp() throws Exception {
    auth = new TestTarget();
    shop = new TestTarget();
    receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    receiver.start();
    receiver.stubFor(post(urlPathMatching(".*")).willReturn(aResponse().withStatus(202).withBody("{}")));
  }

  @AfterEach
  void tearDown() throws Exception {
    Services.stop(service);
    receiver.stop();
    auth.close();
    shop.close();
  }

  private JsonObject boundary(String name) throws Exception {
    JsonObject status = new JsonObject(Http.get("http://127.0.0.1:" + service.port() + "/api/v1/status").body());
    return status.getJsonArray("boundaries").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("name").equals(name)).findFirst().orElseThrow();
  }

  private boolean held(String name) {
    try {
      JsonArray alerts = boundary(name).getJsonArray("alerts");
      return !alerts.isEmpty() && alerts.getJsonObject(0).getBoolean("held");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean state(String name, String state) {
    try {
      return boundary(name).getString("state").equals(state);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aDownstreamPageIsHeldWhileItsUpstreamIsDownAndSentWhenItStaysDownAlone() throws Exception {
    auth.status(503);
    Files.createDirectories(dir.resolve("probes"));
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        location: lab
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        notifiers:
          - {name: hook, type: webhook, url: "%s/hook"}
        """.formatted(receiver.baseUrl()));
    Files.writeString(dir.resolve("probes/shop.yaml"), """
        boundaries:
          - {name: auth-api, title: Auth API, public: true}
          - name: checkout
            public: true
            depends_on: [auth-api]
            alerts:
              - {kind: down, after_failures: 2, notify: [hook]}
        probes:
          - {name: login, boundary: auth-api, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
          - {name: pay, boundary: checkout, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
        """.formatted(auth.url(), shop.url()));
    service = Services.start(dir.resolve("vigil.yaml"), Map.of());
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> state("auth-api", "down"))).isTrue();

    shop.status(503);
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> held("checkout"))).as("checkout's page is held")
        .isTrue();
    JsonObject checkout = boundary("checkout");
    assertThat(checkout.getJsonArray("alerts").getJsonObject(0).getJsonArray("caused_by"))
        .containsExactly("auth-api");
    assertThat(checkout.getJsonArray("depends_on")).containsExactly("auth-api");
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> {
      try {
        JsonArray incidents = boundary("checkout").getJsonArray("incidents");
        return !incidents.isEmpty() && incidents.getJsonObject(0).getJsonArray("caused_by").contains("auth-api");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    })).as("the incident is linked to auth-api").isTrue();
    String page = Http.get("http://127.0.0.1:" + service.port() + "/boundaries/checkout").body();
    assertThat(page).contains("caused by <a href=\"/boundaries/auth-api\">Auth API</a>");
    int probesSoFar = shop.requests();
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> shop.requests() >= probesSoFar + 5)).isTrue();
    assertThat(receiver.getAllServeEvents()).as("nothing is sent while held").isEmpty();

    auth.status(200);
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> !receiver.getAllServeEvents().isEmpty()))
        .as("checkout stays down on its own: the page goes out").isTrue();
    JsonObject alert = new JsonObject(receiver.getAllServeEvents().get(0).getRequest().getBodyAsString())
        .getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("status")).isEqualTo("firing");
    assertThat(alert.getJsonObject("labels").getString("boundary")).isEqualTo("checkout");
    assertThat(alert.getJsonObject("annotations").getString("description"))
        .startsWith("Caused by auth-api (held while it was down); checkout still fails now that auth-api is back.");
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> !held("checkout"))).as("the API shows it sent").isTrue();
  }
}
