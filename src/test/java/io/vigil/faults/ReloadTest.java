package io.vigil.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.service.VigilService;
import io.vigil.testing.Exposition;
import io.vigil.testing.Http;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads while probes run: a valid configuration swaps in over {@code POST /-/reload} and when a file changes
 * on disk, without an unchanged probe missing a single planned run (every gap between its requests at the
 * target stays within half an interval of the interval); an invalid one is refused with {@code file:line:col}
 * errors in the response and the log, and the running configuration carries on.
 */
class ReloadTest {
  private static final String TOKEN = "reload-admin-token";
  private static final Duration INTERVAL = Duration.ofMillis(500);

  @TempDir
  Path dir;

  private TimedTarget target;
  private VigilService service;

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (target != null) {
      target.close();
    }
  }

  private void writeProbes(String... names) throws Exception {
    StringBuilder probes = new StringBuilder("boundaries: [{name: shop}]\nprobes:\n");
    for (String name : names) {
      String path = name.contains("=") ? name.substring(name.indexOf('=') + 1) : "/" + name;
      String probe = name.contains("=") ? name.substring(0, name.indexOf('=')) : name;
      probes.append("  - {name: ").append(probe).append(", boundary: shop, type: http, interval: 500ms, ")
          .append("timeout: 400ms, http: {url: \"").append(target.url(path)).append("\"}}\n");
    }
    Files.writeString(dir.resolve("probes.yaml"), probes.toString());
  }

  private HttpResponse<String> reload() throws Exception {
    return Http.post("http://127.0.0.1:" + service.port() + "/-/reload", "", "Authorization", "Bearer " + TOKEN);
  }

  @Test
  void validConfigurationsSwapInWithoutMissingARunAndInvalidOnesAreRefused() throws Exception {
    target = new TimedTarget();
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: [probes.yaml]
        admin_token: ${ADMIN}
        """);
    writeProbes("steady", "changing=/changing-v1", "removed");
    try (CapturedLog log = new CapturedLog()) {
      service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of("ADMIN", TOKEN), null,
          Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(Http.eventually(Duration.ofSeconds(10), () -> target.count("/steady") >= 4)).isTrue();
      long from = System.nanoTime();

      // POST /-/reload: one probe changes its URL, one goes, one comes
      writeProbes("steady", "changing=/changing-v2", "added");
      assertThat(reload().statusCode()).isEqualTo(200);
      long reloaded = System.nanoTime();
      assertThat(Http.eventually(Duration.ofSeconds(5), () -> target.count("/added") >= 3
          && target.count("/changing-v2") >= 3)).isTrue();
      assertThat(target.arrivals("/changing-v1")).allMatch(t -> t < reloaded + 100_000_000L);
      assertThat(target.arrivals("/removed")).allMatch(t -> t < reloaded + 100_000_000L);

      // an invalid configuration over POST: refused with positions, logged, the running one stays
      Files.writeString(dir.resolve("probes.yaml"), "boundaries:\n  - name: shop\n    colour: red\n");
      HttpResponse<String> refused = reload();
      assertThat(refused.statusCode()).isEqualTo(400);
      String error = dir.resolve("probes.yaml") + ":3:5: unknown key 'colour'";
      assertThat(refused.body()).contains(error);
      assertThat(Http.eventually(Duration.ofSeconds(5), () -> log.text().contains(error))).isTrue();
      assertThat(log.text()).contains("configuration reload refused; the running configuration stays");
      int added = target.count("/added");
      assertThat(Http.eventually(Duration.ofSeconds(5), () -> target.count("/added") >= added + 3)).isTrue();

      // a file changed on disk: the watcher reloads on its own
      writeProbes("steady", "changing=/changing-v2", "watched");
      assertThat(Http.eventually(Duration.ofSeconds(10), () -> target.count("/watched") >= 3)).isTrue();
      assertThat(log.text()).contains("configuration files changed on disk; reloading");
      long watched = target.arrivals("/watched").get(0);
      int addedBefore = (int) target.arrivals("/added").stream().filter(t -> t < watched + 100_000_000L).count();
      assertThat(target.count("/added")).isEqualTo(addedBefore);

      // an invalid file on disk: refused and logged, the running configuration stays
      Files.writeString(dir.resolve("probes.yaml"), "probes:\n  - name: x\n    boundary: nowhere\n");
      assertThat(Http.eventually(Duration.ofSeconds(10), () -> log.text().contains(
          dir.resolve("probes.yaml") + ":2:"))).isTrue();
      int watchedCount = target.count("/watched");
      assertThat(Http.eventually(Duration.ofSeconds(5), () -> target.count("/watched") >= watchedCount + 3))
          .isTrue();

      long to = System.nanoTime();
      assertEveryRunMade(target.arrivals("/steady"), from, to);
      assertThat(Http.metrics(service.port()).has("probe_success", "probe", "watched")).isTrue();
    }
  }

  private void startWith(String probes) throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: [probes.yaml]
        admin_token: ${ADMIN}
        """);
    Files.writeString(dir.resolve("probes.yaml"), probes);
    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of("ADMIN", TOKEN), null,
        Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String probe(String name, String url, String extra) {
    return "  - {name: " + name + ", boundary: shop, type: http, interval: 500ms, timeout: 400ms, http: {url: \""
        + url + "\"" + extra + "}}\n";
  }

  @Test
  void aReloadWhoseProbesCannotBeBuiltChangesNothing() throws Exception {
    target = new TimedTarget();
    Files.writeString(dir.resolve("not-pem.crt"), "this is not a certificate\n");
    try (CapturedLog log = new CapturedLog()) {
      startWith("boundaries: [{name: shop}]\nprobes:\n" + probe("a", target.url("/a"), "")
          + probe("b", target.url("/b"), ""));
      assertThat(Http.eventually(Duration.ofSeconds(10), () -> target.count("/a") >= 2)).isTrue();

      // b changes to https with a ca_file that exists but is not PEM; a new probe c comes in the same file
      Files.writeString(dir.resolve("probes.yaml"), "boundaries: [{name: shop}]\nprobes:\n"
          + probe("a", target.url("/a2"), "") + probe("b", target.url("/b").replace("http:", "https:"),
              ", tls: {ca_file: \"" + dir.resolve("not-pem.crt") + "\"}")
          + probe("c", target.url("/c"), ""));
      HttpResponse<String> refused = reload();
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("refused");
      assertThat(log.text()).contains("configuration reload refused; the running configuration stays");

      // the old configuration runs entirely: a and b at their old URLs, no c, a2 never
      int a = target.count("/a");
      int b = target.count("/b");
      assertThat(Http.eventually(Duration.ofSeconds(5), () -> target.count("/a") >= a + 3
          && target.count("/b") >= b + 3)).isTrue();
      assertThat(target.count("/a2")).isZero();
      assertThat(target.count("/c")).isZero();
      assertThat(Http.metrics(service.port()).has("probe_success", "probe", "c")).isFalse(); // not configured
      assertThat(Http.get("http://127.0.0.1:" + service.port() + "/-/ready").statusCode()).isEqualTo(200);
      Exposition refusedMetrics = Http.metrics(service.port());
      assertThat(refusedMetrics.value("vigil_config_last_reload_successful")).isZero();
      // the file watcher may have tried the same file too: at least the POST's refusal is counted
      assertThat(refusedMetrics.value("vigil_config_reloads_total", "result", "failure")).isPositive();
      assertThat(refusedMetrics.value("vigil_config_reloads_total", "result", "success")).isZero();

      // the file fixed: the next reload applies and says so
      Files.writeString(dir.resolve("probes.yaml"), "boundaries: [{name: shop}]\nprobes:\n"
          + probe("a", target.url("/a"), "") + probe("b", target.url("/b"), ""));
      assertThat(reload().statusCode()).isEqualTo(200);
      Exposition applied = Http.metrics(service.port());
      assertThat(applied.value("vigil_config_last_reload_successful")).isEqualTo(1);
      assertThat(applied.value("vigil_config_reloads_total", "result", "success")).isPositive();
    }
  }

  @Test
  void aRotatedSecretIsAppliedOnReload() throws Exception {
    target = new TimedTarget();
    startWith("boundaries: [{name: shop}]\nprobes:\n"
        + probe("api", target.url("/api"), ", headers: {X-Token: old-secret}"));
    assertThat(Http.eventually(Duration.ofSeconds(10), () -> target.count("/api#old-secret") >= 2)).isTrue();

    Files.writeString(dir.resolve("probes.yaml"), "boundaries: [{name: shop}]\nprobes:\n"
        + probe("api", target.url("/api"), ", headers: {X-Token: new-secret}"));
    assertThat(reload().statusCode()).isEqualTo(200);
    assertThat(Http.eventually(Duration.ofSeconds(5), () -> target.count("/api#new-secret") >= 2)).isTrue();
    int old = target.count("/api#old-secret");
    assertThat(Http.eventually(Duration.ofSeconds(3), () -> target.count("/api#new-secret") >= 4)).isTrue();
    assertThat(target.count("/api#old-secret")).isEqualTo(old);
  }

  /** Between {@code from} and {@code to}, consecutive requests are one interval apart, give or take half. */
  static void assertEveryRunMade(List<Long> arrivals, long from, long to) {
    List<Long> window = arrivals.stream().filter(t -> t >= from && t <= to).toList();
    long expected = (to - from) / INTERVAL.toNanos();
    assertThat((long) window.size()).as("runs in %d ms", (to - from) / 1_000_000).isBetween(expected - 1,
        expected + 1);
    for (int i = 1; i < window.size(); i++) {
      long gap = window.get(i) - window.get(i - 1);
      assertThat(gap).as("gap between runs %d and %d, ns", i - 1, i)
          .isBetween(INTERVAL.toNanos() / 2, INTERVAL.toNanos() * 3 / 2);
    }
  }
}
