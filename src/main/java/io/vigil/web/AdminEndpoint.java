package io.vigil.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /-/reload}: re-reads the configuration. Needs the admin bearer token; without a configured
 * token the endpoint answers 404 (disabled). An invalid configuration is refused with 400 and every error as
 * {@code file:line:col: message}; the running configuration stays.
 */
public final class AdminEndpoint implements Endpoint {
  private final AdminAuth auth;
  private final Supplier<Future<List<String>>> reload;

  /** @param reload reloads and yields the errors (empty when the new configuration was applied) */
  public AdminEndpoint(AdminAuth auth, Supplier<Future<List<String>>> reload) {
    this.auth = auth;
    this.reload = reload;
  }

  @Override
  public void mount(Router router) {
    router.post("/-/reload").handler(this::reload);
  }

  private void reload(RoutingContext ctx) {
    switch (auth.check(ctx.request().getHeader("Authorization"))) {
      case DISABLED -> json(ctx, 404, new JsonObject().put("error", "admin endpoints are disabled (no admin_token)"));
      case DENIED -> {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
        json(ctx, 401, new JsonObject().put("error", "a valid admin bearer token is required"));
      }
      case ALLOWED -> reload.get().onComplete(ar -> {
        if (ar.failed()) {
          json(ctx, 500, new JsonObject().put("error", "reload failed: " + ar.cause().getMessage()));
        } else if (ar.result().isEmpty()) {
          json(ctx, 200, new JsonObject().put("status", "reloaded"));
        } else {
          json(ctx, 400, new JsonObject().put("status", "refused").put("errors", new JsonArray(ar.result())));
        }
      });
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encodePrettily());
  }
}
