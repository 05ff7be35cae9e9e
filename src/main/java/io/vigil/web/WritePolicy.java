package io.vigil.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * Keeps the public surface read-only: a request that is not {@code GET} or {@code HEAD} is refused with 405
 * unless it is for an admin path ({@code /-/…}, where each endpoint declares its own methods and checks the
 * admin token). {@code HEAD} is answered as {@code GET} without the body. Bodies of the requests that may carry
 * one are read up to {@link ServerLimits#maxBody()} and refused with 413 beyond it.
 */
final class WritePolicy {
  static final String ADMIN_PREFIX = "/-/";
  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE);

  private WritePolicy() {}

  /** Installs the policy at the front of {@code router}; call before mounting the endpoints. */
  static void install(Router router, ServerLimits limits) {
    router.route().handler(WritePolicy::readOnlyUnlessAdmin);
    // one route for every method: a route bound to methods would turn a GET of an unknown path into a 405
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(limits.maxBody());
    router.route().handler(ctx -> {
      if (WITH_BODY.contains(ctx.request().method())) {
        bodies.handle(ctx);
      } else {
        ctx.next();
      }
    });
  }

  private static void readOnlyUnlessAdmin(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method.equals(HttpMethod.HEAD)) {
      ctx.reroute(HttpMethod.GET, ctx.request().uri());
    } else if (method.equals(HttpMethod.GET) || ctx.request().path().startsWith(ADMIN_PREFIX)) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(405).putHeader("Allow", "GET, HEAD")
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("Method not allowed: Vigil's public paths are read-only.\n");
    }
  }
}
