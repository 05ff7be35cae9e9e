package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.service.ServiceParts;
import io.vigil.service.VigilService;
import io.vigil.testing.Http;
import io.vigil.testing.TestTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil budget} against a running Vigil ({@code --url}) and its history ({@code --config}): boundary shop
 * is healthy, boundary pay fails every run, both with {@code policy: {min_remaining: 10%}} on their availability
 * SLO. Exit 0 while kept, 3 when spent, 2 for bad arguments, 1 when nothing answers.
 */
class BudgetCommandTest {
  @TempDir Path dir;
  private TestTarget healthy;
  private TestTarget failing;
  private VigilService service;

  @BeforeEach
  void setUp() throws Exception {
    healthy = new TestTarget();
    failing = new TestTarget();
    failing.status(503);
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        """);
    Files.createDirectories(dir.resolve("probes"));
    Files.writeString(dir.resolve("probes/p.yaml"), """
        boundaries:
          - name: shop
            public: true
            slos:
              - {name: availability, sli: requests, target: 99%%, window: 30d, policy: {min_remaining: 10%%}}
          - name: pay
            public: true
            slos:
              - {name: availability, sli: requests, target: 99%%, window: 30d, policy: {min_remaining: 10%%}}
              - {name: uptime, sli: time, target: 99%%, window: month}
        probes:
          - {name: home, boundary: shop, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
          - {name: charge, boundary: pay, type: http, interval: 200ms, timeout: 190ms, http: {url: "%s"}}
        """.formatted(healthy.url(), failing.url()));
    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of(), null,
        Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    healthy.close();
    failing.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run budget(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "budget";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = Vigil.execute(Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err), all);
    return new Run(exit, out.toString(), err.toString());
  }

  private String statusBody() {
    try {
      return Http.get(base() + "/api/v1/status").body();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + service.port();
  }

  @Test
  void gatesOnTheRemainingBudgetFromTheApiAndFromHistory() throws Exception {
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> {
      try {
        JsonObject s = new JsonObject(Http.get(base() + "/api/v1/status").body());
        return s.getJsonArray("boundaries").stream().map(JsonObject.class::cast).allMatch(b ->
            b.getJsonArray("slos").getJsonObject(0).getJsonObject("budget").getValue("remaining") != null);
      } catch (Exception e) {
        return false;
      }
    })).as(() -> "accounted until shop %d, pay %d, now %d; probes run: %d, %d%nstatus: %s%nworkers:%s".formatted(
        ServiceParts.accountant(service).accountedUntil("shop"),
        ServiceParts.accountant(service).accountedUntil("pay"),
        System.currentTimeMillis(), healthy.requests(), failing.requests(), statusBody(), Http.workerThreads()))
        .isTrue();

    Run shop = budget("--url", base(), "--boundary", "shop");
    assertThat(shop.exit()).as(shop.err()).isZero();
    assertThat(shop.out()).isEqualTo("shop/availability: 100% of the error budget left (policy: at least 10%): ok\n");

    Run pay = budget("--url", base(), "--boundary", "pay", "--slo", "availability");
    assertThat(pay.exit()).isEqualTo(BudgetCommand.EXIT_SPENT);
    assertThat(pay.out()).startsWith("pay/availability: -").endsWith("(policy: at least 10%): SPENT\n");

    Run all = budget("--url", base());
    assertThat(all.exit()).isEqualTo(BudgetCommand.EXIT_SPENT);
    assertThat(all.out().lines()).hasSize(3);

    Run unknown = budget("--url", base(), "--boundary", "nope");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no public boundary named 'nope'");
    assertThat(budget("--url", base(), "--slo", "latency").exit()).isEqualTo(2);
    assertThat(budget("--url", "not a url").exit()).isEqualTo(2);
    assertThat(budget("--frobnicate").exit()).isEqualTo(2);

    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Run unreachable = budget("--url", "http://127.0.0.1:" + closed);
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:" + closed + "/api/v1/status");

    // the same verdicts from the history the service wrote (read while it runs, as in a pipeline on its host)
    ServiceParts.accountant(service).persist();
    ServiceParts.store(service).flush();
    String config = dir.resolve("vigil.yaml").toString();
    assertThat(Http.eventually(Duration.ofSeconds(10), () ->
        budget("--config", config, "--boundary", "pay").exit() == BudgetCommand.EXIT_SPENT)).isTrue();
    Run local = budget("--config", config, "--boundary", "shop");
    assertThat(local.exit()).as(local.err()).isZero();
    assertThat(local.out()).startsWith("shop/availability: 100% of the error budget left");
    assertThat(budget("--config", config, "--boundary", "nope").exit()).isEqualTo(2);
    assertThat(budget("--config", dir.resolve("missing.yaml").toString()).exit()).isEqualTo(2);
  }
}
