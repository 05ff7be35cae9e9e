package io.vigil.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the public surface read-only: a request that is not {@code GET} or {@code HEAD} is refused with 405
 * unless it is for an admin path ({@code /-/…}, where each endpoint declares its own methods and checks the
 * admin token). {@code HEAD} is answered as {@code GET} without the body. No endpoint takes a request body, so a
 * request that announces one ({@code Content-Length} above 0 or any {@code Transfer-Encoding}) is refused with
 * 413 from its head alone and its connection closed: not one byte of the body is waited for, so a client
 * trickling a large body cannot hold a connection, with or without the admin token.
 */
final class WritePolicy {
  static final String ADMIN_PREFIX = "/-/";

  private WritePolicy() {}

  /** Installs the policy at the front of {@code router}; call before mounting the endpoints. */
  static void install(Router router) {
    router.route().handler(WritePolicy::readOnlyUnlessAdmin);
  }

  private static void readOnlyUnlessAdmin(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (announcesBody(ctx.request())) {
      ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close")
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("Request body refused: no Vigil endpoint takes one.\n")
          .onComplete(v -> ctx.request().connection().close());
    } else if (method.equals(HttpMethod.HEAD)) {
      ctx.reroute(HttpMethod.GET, ctx.request().uri());
    } else if (method.equals(HttpMethod.GET) || ctx.request().path().startsWith(ADMIN_PREFIX)) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(405).putHeader("Allow", "GET, HEAD")
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("Method not allowed: Vigil's public paths are read-only.\n");
    }
  }

  private static boolean announcesBody(HttpServerRequest req) {
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    return req.headers().contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.trim().equals("0");
  }
}
