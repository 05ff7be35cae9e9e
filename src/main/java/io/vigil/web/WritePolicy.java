package io.vigil.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the public surface read-only: a request that is not {@code GET} or {@code HEAD} is refused with 405
 * unless it is for an admin path ({@code /-/…}, where each endpoint declares its own methods and checks the
 * admin token) or a {@code POST} to an admin API path that takes a body ({@link #takesBody}). {@code HEAD} is
 * answered as {@code GET} without the body. Only those admin API paths take a request body, of at most
 * {@link #MAX_BODY} bytes announced by {@code Content-Length}; any other request that announces one
 * ({@code Content-Length} above 0 or any {@code Transfer-Encoding}) is refused with 413 from its head alone and
 * its connection closed: not one byte of the body is waited for, so a client trickling a large body cannot hold
 * a connection. The admin API endpoints check the token before reading a byte of the body (see
 * {@link AdminAuth#admit}).
 */
final class WritePolicy {
  static final String ADMIN_PREFIX = "/-/";
  /** Largest request body of an admin API path, bytes. */
  public static final int MAX_BODY = 16 * 1024;
  private static final java.util.regex.Pattern BODY_PATHS =
      java.util.regex.Pattern.compile("/api/v1/events|/api/v1/incidents/[^/]+/postmortem");

  private WritePolicy() {}

  /** Installs the policy at the front of {@code router}; call before mounting the endpoints. */
  static void install(Router router) {
    router.route().handler(WritePolicy::readOnlyUnlessAdmin);
  }

  private static void readOnlyUnlessAdmin(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method.equals(HttpMethod.POST) && takesBody(ctx.request().path())) {
      String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
      if (ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING) || length == null) {
        refuse(ctx, 411, "A request body needs a Content-Length (at most " + MAX_BODY + " bytes).\n");
      } else if (!length.trim().matches("\\d{1,9}") || Integer.parseInt(length.trim()) > MAX_BODY) {
        refuse(ctx, 413, "Request body refused: at most " + MAX_BODY + " bytes.\n");
      } else {
        ctx.next();
      }
    } else if (announcesBody(ctx.request())) {
      refuse(ctx, 413, "Request body refused: this path takes none.\n");
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

  /** Whether {@code path} is an admin API path that takes a {@code POST} with a body. */
  static boolean takesBody(String path) {
    return path != null && BODY_PATHS.matcher(path).matches();
  }

  private static void refuse(RoutingContext ctx, int status, String text) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader("Content-Type", "text/plain; charset=utf-8").end(text)
        .onComplete(v -> ctx.request().connection().close());
  }

  private static boolean announcesBody(HttpServerRequest req) {
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    return req.headers().contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.trim().equals("0");
  }
}
