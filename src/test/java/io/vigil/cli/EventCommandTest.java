package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.service.VigilService;
import io.vigil.testing.Http;
import io.vigil.testing.Services;
import io.vigil.testing.TestTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change events through the running service: {@code vigil event} posts a deploy, the API lists it, the
 * boundary then fails and its incident names the deploy as its suspected change (API and detail page), the
 * page marks it on the day bars and the latency chart, and {@code vigil_change_events_total} counts it.
 */
class EventCommandTest {
  private static final String TOKEN = "events-admin-token";
  @TempDir Path dir;
  private TestTarget target;
  private VigilService service;

  @BeforeEach
  void setUp() throws Exception {
    target = new TestTarget();
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        admin_token: ${ADMIN}
        """);
    Files.createDirectories(dir.resolve("probes"));
    Files.writeString(dir.resolve("probes/p.yaml"), """
        boundaries:
          - {name: shop, public: true}
          - {name: back-office, public: false}
        probes:
          - {name: home, boundary: shop, type: http, interval: 200ms, timeout: 190ms, http: {url: "%1$s"}}
          - {name: admin, boundary: back-office, type: http, interval: 1s, timeout: 500ms, http: {url: "%1$s"}}
        """.formatted(target.url()));
    service = Services.start(dir.resolve("vigil.yaml"), Map.of("ADMIN", TOKEN));
  }

  @AfterEach
  void tearDown() throws Exception {
    Services.stop(service);
    target.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run event(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "event";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = Vigil.execute(Clock.systemUTC(), env, new PrintWriter(out), new PrintWriter(err), all);
    return new Run(exit, out.toString(), err.toString());
  }

  /** An incident opens when a boundary that was up goes down: let a few good runs land first. */
  private void upFirst() throws InterruptedException {
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> target.requests() >= 3)).as("good runs first").isTrue();
  }

  private String base() {
    return "http://127.0.0.1:" + service.port();
  }

  private HttpResponse<String> post(String body, String token) throws Exception {
    return token == null ? Http.post(base() + "/api/v1/events", body, "Content-Type", "application/json")
        : Http.post(base() + "/api/v1/events", body, "Content-Type", "application/json", "Authorization",
            "Bearer " + token);
  }

  @Test
  void aDeployIsRecordedListedCountedMarkedAndNamedAsTheSuspectedChangeOfTheIncidentAfterIt() throws Exception {
    Run run = event(Map.of("VIGIL_ADMIN_TOKEN", TOKEN), "--url", base(), "--boundary", "shop", "--kind", "deploy",
        "--version", "1.4.2", "--link", "https://ci.example.com/runs/7?a=1&b=2");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("recorded deploy 1.4.2 on shop at ");

    JsonArray listed = new JsonObject(Http.get(base() + "/api/v1/events?boundary=shop").body()).getJsonArray("events");
    assertThat(listed).hasSize(1);
    JsonObject deploy = listed.getJsonObject(0);
    assertThat(deploy.getString("kind")).isEqualTo("deploy");
    assertThat(deploy.getString("version")).isEqualTo("1.4.2");
    assertThat(deploy.getString("link")).isEqualTo("https://ci.example.com/runs/7?a=1&b=2");

    upFirst();
    target.status(503); // the deploy broke it
    AtomicReference<JsonObject> incident = new AtomicReference<>();
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> {
      try {
        JsonObject shop = new JsonObject(Http.get(base() + "/api/v1/status").body()).getJsonArray("boundaries")
            .getJsonObject(0);
        JsonArray incidents = shop.getJsonArray("incidents");
        incident.set(incidents.isEmpty() ? null : incidents.getJsonObject(0));
        return incident.get() != null;
      } catch (Exception e) {
        return false;
      }
    })).as("an incident opens").isTrue();
    assertThat(incident.get().getJsonObject("suspected_change").getString("id")).isEqualTo(deploy.getString("id"));

    String page = Http.get(base() + "/boundaries/shop").body();
    assertThat(page).contains("Suspected change", "class=\"change\"", "1 change recorded",
        "href=\"https://ci.example.com/runs/7?a=1&amp;b=2\"");
    assertThat(Http.get(base() + "/metrics").body())
        .containsPattern("vigil_change_events_total\\{boundary=\"shop\",kind=\"deploy\"} 1.0");
    assertThat(Http.get(base() + "/").body()).contains("suspected change: deploy 1.4.2");
  }

  @Test
  void anIncidentGetsItsPostmortemLinkAndADraftFromHistory() throws Exception {
    assertThat(post("{\"boundary\": \"shop\", \"kind\": \"deploy\", \"version\": \"2.0\"}", TOKEN).statusCode())
        .isEqualTo(201);
    upFirst();
    target.status(503);
    AtomicReference<JsonObject> incident = new AtomicReference<>();
    java.util.function.BooleanSupplier closed = () -> {
      try {
        JsonArray incidents = new JsonObject(Http.get(base() + "/api/v1/status").body()).getJsonArray("boundaries")
            .getJsonObject(0).getJsonArray("incidents");
        incident.set(incidents.isEmpty() ? null : incidents.getJsonObject(0));
        return incident.get() != null && !incident.get().getBoolean("open");
      } catch (Exception e) {
        return false;
      }
    };
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> closed.getAsBoolean() || incident.get() != null)).isTrue();
    target.status(200);
    assertThat(Http.eventually(Duration.ofSeconds(20), closed)).as("the incident ends").isTrue();
    String id = incident.get().getString("id");
    assertThat(incident.get().getBoolean("postmortem_due")).isFalse(); // short, and not 48 h ago

    String url = base() + "/api/v1/incidents/" + id + "/postmortem";
    assertThat(Http.post(url, "{\"url\": \"ftp://x\"}", "Authorization", "Bearer " + TOKEN).statusCode())
        .isEqualTo(400);
    assertThat(Http.post(url, "{\"url\": \"https://wiki.example.com/pm/1\"}").statusCode()).isEqualTo(401);
    assertThat(Http.post(base() + "/api/v1/incidents/shop-1/postmortem", "{\"url\": \"https://wiki.example.com/x\"}",
        "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    HttpResponse<String> linked = Http.post(url, "{\"url\": \"https://wiki.example.com/pm/1\"}", "Authorization",
        "Bearer " + TOKEN);
    assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> {
      try {
        return Http.get(base() + "/api/v1/status").body().contains("\"postmortem\":\"https://wiki.example.com/pm/1\"");
      } catch (Exception e) {
        return false;
      }
    })).isTrue();
    assertThat(Http.get(base() + "/boundaries/shop").body()).contains("href=\"https://wiki.example.com/pm/1\">postmortem</a>");

    // the draft, from the history file read-only while the service runs
    Files.writeString(dir.resolve("offline.yaml"), Files.readString(dir.resolve("vigil.yaml"))
        .replace("admin_token: ${ADMIN}", ""));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Vigil.execute(Clock.systemUTC(), Map.of(), new PrintWriter(out), new PrintWriter(err), "postmortem", id,
        "--config", dir.resolve("offline.yaml").toString());
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("# Postmortem: shop, ", "## Timeline (UTC)", "| first failure (status) |",
        "detected: the boundary turned down", "recovery: first good run", "change: deploy 2.0 at ",
        "- Postmortem: https://wiki.example.com/pm/1", "| home | http | ", " | status ×");
    assertThat(Vigil.execute(Clock.systemUTC(), Map.of(), new PrintWriter(out), new PrintWriter(err), "postmortem",
        "shop-12", "--config", dir.resolve("offline.yaml").toString())).isEqualTo(2);
  }

  @Test
  void theApiRefusesBadEventsFieldByFieldAndAsksForTheToken() throws Exception {
    HttpResponse<String> bad = post("{\"boundary\": \"nope\", \"kind\": \"ship\", \"link\": \"ftp://x\"}", TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonArray("errors")).containsExactly(
        "boundary: no boundary named 'nope'",
        "kind: expected one of deploy, config, rollback, other, got 'ship'",
        "link: expected an absolute http:// or https:// URL with a host, got 'ftp://x'");
    assertThat(post("[1, 2]", TOKEN).statusCode()).isEqualTo(400);
    assertThat(post("not json", TOKEN).body()).contains("body: expected a JSON object");
    assertThat(post("{\"boundary\": \"shop\", \"kind\": \"deploy\"}", null).statusCode()).isEqualTo(401);
    assertThat(post("{\"boundary\": \"shop\", \"kind\": \"deploy\"}", "wrong").statusCode()).isEqualTo(401);
    String big = "{\"boundary\": \"shop\", \"kind\": \"deploy\", \"version\": \"" + "v".repeat(17_000) + "\"}";
    assertThat(post(big, TOKEN).statusCode()).isEqualTo(413);
    HttpResponse<String> ok = post("{\"boundary\": \"back-office\", \"kind\": \"config\"}", TOKEN);
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(new JsonObject(ok.body()).getString("id")).isNotBlank();
    // a boundary that is not public is never listed on a public path
    assertThat(Http.get(base() + "/api/v1/events?boundary=back-office").statusCode()).isEqualTo(404);
    assertThat(Http.get(base() + "/api/v1/events").statusCode()).isEqualTo(400);
  }

  @Test
  void theCommandExits2ForBadArgumentsAnd1WhenNothingAnswers() throws Exception {
    Map<String, String> env = Map.of("VIGIL_ADMIN_TOKEN", TOKEN, "OTHER", "wrong");
    Run kind = event(env, "--url", base(), "--boundary", "shop", "--kind", "ship");
    assertThat(kind.exit()).isEqualTo(2);
    assertThat(kind.err()).contains("--kind: expected one of deploy, config, rollback, other");
    assertThat(event(env, "--url", base(), "--boundary", "nope", "--kind", "deploy").err())
        .contains("boundary: no boundary named 'nope'");
    assertThat(event(env, "--url", base(), "--boundary", "shop", "--kind", "deploy", "--token-env", "OTHER").exit())
        .isEqualTo(2);
    assertThat(event(Map.of(), "--url", base(), "--boundary", "shop", "--kind", "deploy").err())
        .contains("export it as VIGIL_ADMIN_TOKEN");
    assertThat(event(env, "--url", "nowhere", "--boundary", "shop", "--kind", "deploy").exit()).isEqualTo(2);
    assertThat(event(env, "--boundary", "shop", "--kind", "deploy").exit()).isEqualTo(2);
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Run unreachable = event(env, "--url", "http://127.0.0.1:" + closed, "--boundary", "shop", "--kind", "deploy");
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach");
  }
}
