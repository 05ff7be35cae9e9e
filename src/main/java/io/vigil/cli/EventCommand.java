package io.vigil.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vigil.change.ChangeEvents;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil event}: records a change event on a running Vigil ({@code POST /api/v1/events}), for deploy
 * pipelines. The admin token is read from the environment variable named by {@code --token-env} (default
 * {@code VIGIL_ADMIN_TOKEN}, the variable the bundled service file reads it from), never from the command line.
 * Exits 0 once recorded, 2 for bad arguments (checked here first, then by Vigil: an unknown boundary, a refused
 * token), 1 when Vigil cannot be reached or answers anything else.
 */
@Command(name = "event", description = "Record a change event (deploy, config, rollback) on a running Vigil.")
final class EventCommand implements Callable<Integer> {

  @Option(names = "--url", required = true, paramLabel = "URL", description = "the running Vigil's base URL")
  String url;
  @Option(names = "--boundary", required = true, paramLabel = "NAME", description = "the boundary changed")
  String boundary;
  @Option(names = "--kind", required = true, paramLabel = "KIND",
      description = "deploy | config | rollback | other")
  String kind;
  @Option(names = "--version", paramLabel = "VERSION", description = "what was deployed or changed to")
  String version;
  @Option(names = "--link", paramLabel = "URL", description = "http(s) link to the change (pipeline run, PR)")
  String link;
  @Option(names = "--at", paramLabel = "TIME", description = "when, ISO-8601 with offset (default: now)")
  String at;
  @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "VIGIL_ADMIN_TOKEN",
      description = "environment variable holding the admin token (default: VIGIL_ADMIN_TOKEN)")
  String tokenEnv;
  @Spec CommandSpec spec;

  private final Clock clock;
  private final Map<String, String> env;

  EventCommand() {
    this(Clock.systemUTC(), System.getenv());
  }

  EventCommand(Clock clock, Map<String, String> env) {
    this.clock = clock;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonObject body = new JsonObject().put("boundary", boundary).put("kind", kind).put("version", version)
        .put("at", at).put("link", link);
    ApiClient api;
    try {
      api = new ApiClient(url);
      ChangeEvents.parse(body, name -> true, clock.instant()); // every check but the boundary's existence
    } catch (IllegalArgumentException e) {
      return fail(err, Vigil.EXIT_CONFIG, e.getMessage());
    } catch (ChangeEvents.Invalid e) {
      e.errors().forEach(m -> err.println("vigil: --" + m));
      err.flush();
      return Vigil.EXIT_CONFIG;
    }
    String token = env.get(tokenEnv);
    if (token == null || token.isBlank()) {
      return fail(err, Vigil.EXIT_CONFIG, "the admin token is not set: export it as " + tokenEnv);
    }
    ApiClient.Answer r;
    try {
      r = api.post("api/v1/events", body.encode(), token.trim());
    } catch (IllegalStateException e) {
      return fail(err, 1, e.getMessage());
    }
    JsonObject answer;
    try {
      answer = new JsonObject(r.body());
    } catch (DecodeException | ClassCastException e) {
      answer = new JsonObject();
    }
    switch (r.status()) {
      case 201, 202 -> {
        out.println("recorded " + answer.getString("kind", kind) + " " + answer.getString("version", "")
            + " on " + boundary + " at " + answer.getString("at", "") + " (id " + answer.getString("id", "?") + ")"
            + (r.status() == 202 ? "; Vigil's history is degraded, it is queued" : ""));
        out.flush();
        return 0;
      }
      case 400 -> {
        answer.getJsonArray("errors", new io.vertx.core.json.JsonArray()).forEach(m -> err.println("vigil: " + m));
        err.flush();
        return Vigil.EXIT_CONFIG;
      }
      case 401 -> {
        return fail(err, Vigil.EXIT_CONFIG, api.uri("api/v1/events") + " refused the admin token in " + tokenEnv);
      }
      default -> {
        return fail(err, 1, api.uri("api/v1/events") + " answered HTTP " + r.status() + answer.getString("error", "")
            .transform(m -> m.isEmpty() ? "" : ": " + m));
      }
    }
  }

  private static int fail(PrintWriter err, int code, String message) {
    err.println("vigil: " + message);
    err.flush();
    return code;
  }
}
