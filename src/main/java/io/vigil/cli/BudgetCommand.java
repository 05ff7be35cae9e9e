package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.VigilConfig;
import io.vigil.report.BudgetGate;
import io.vigil.store.HistoryReader;
import io.vigil.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil budget}: the error-budget gate for release pipelines. Prints each selected SLO's remaining budget
 * and exits 0 while every one keeps at least its policy's {@code min_remaining}, 3 when one is spent, 2 for bad
 * arguments (an unknown boundary or SLO, a malformed URL, an invalid configuration), 1 when the Vigil at
 * {@code --url} cannot be reached or answers something else, or the history cannot be read.
 */
@Command(name = "budget", description = "Print remaining error budgets; exit 3 when an SLO's budget policy is"
    + " not kept (a release gate).")
final class BudgetCommand implements Callable<Integer> {
  static final int EXIT_SPENT = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Mixin ConfigOption config;
  @Option(names = "--boundary", paramLabel = "NAME", description = "only this boundary (default: every boundary)")
  String boundary;
  @Option(names = "--slo", paramLabel = "NAME", description = "only SLOs of this name (default: every SLO)")
  String slo;
  @Option(names = "--url", paramLabel = "URL",
      description = "a running Vigil's base URL (its public boundaries); default: the local history of --config")
  String url;
  @Spec CommandSpec spec;

  private final Clock clock;

  BudgetCommand() {
    this(Clock.systemUTC());
  }

  BudgetCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<BudgetGate.Line> lines;
    try {
      lines = url != null ? remote() : local(err);
    } catch (IllegalArgumentException e) {
      err.println("vigil: " + e.getMessage());
      err.flush();
      return Vigil.EXIT_CONFIG;
    } catch (IllegalStateException | StoreException e) {
      err.println("vigil: " + e.getMessage());
      err.flush();
      return 1;
    }
    if (lines == null) {
      return Vigil.EXIT_CONFIG;
    }
    boolean spent = false;
    for (BudgetGate.Line l : lines) {
      out.println(l.text());
      spent |= !l.passes();
    }
    if (lines.isEmpty()) {
      out.println("no SLOs selected");
    }
    out.flush();
    return spent ? EXIT_SPENT : 0;
  }

  private List<BudgetGate.Line> local(PrintWriter err) {
    VigilConfig c = config.load(err);
    if (c == null) {
      return null;
    }
    try (HistoryReader history = HistoryReader.open(c.storage())) {
      return BudgetGate.fromHistory(history, c, boundary, slo, clock.instant());
    }
  }

  /**
   * A running Vigil's base URL from {@code --url}, ending in {@code /}.
   *
   * @throws IllegalArgumentException when it is not an http(s) URL with a host
   */
  static URI baseUrl(String url) {
    URI base;
    try {
      base = URI.create(url.endsWith("/") ? url : url + "/");
    } catch (IllegalArgumentException e) {
      base = null;
    }
    if (base == null || base.getHost() == null || !("http".equalsIgnoreCase(base.getScheme())
        || "https".equalsIgnoreCase(base.getScheme()))) {
      throw new IllegalArgumentException("--url: expected a base URL like http://127.0.0.1:8080, got '" + url + "'");
    }
    return base;
  }

  private List<BudgetGate.Line> remote() {
    URI status = baseUrl(url).resolve("api/v1/status");
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(status).timeout(TIMEOUT)
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(status + " answered HTTP " + r.statusCode());
      }
      JsonNode body;
      try {
        body = new ObjectMapper().readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException(status + " did not answer JSON");
      }
      return BudgetGate.fromStatus(body, boundary, slo);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + status + ": " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + status);
    }
  }
}
