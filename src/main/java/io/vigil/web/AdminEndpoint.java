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
    if (!auth.admit(ctx)) {
      return;
    }
    reload.get().onComplete(ar -> {
      if (ar.failed()) {
        AdminAuth.json(ctx, 500, new JsonObject().put("error", "reload failed: " + ar.cause().getMessage()));
      } else if (ar.result().isEmpty()) {
        AdminAuth.json(ctx, 200, new JsonObject().put("status", "reloaded"));
      } else {
        AdminAuth.json(ctx, 400, new JsonObject().put("status", "refused").put("errors", new JsonArray(ar.result())));
      }
    });
  }
}
