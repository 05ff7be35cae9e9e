package io.vigil.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * its connection closed, so a client trickling a large body cannot hold a connection: an admin API body over the
 * bound but at most 1 MiB is read and dropped for at most 500 ms first, so that the client reads its 413 rather
 * than a connection reset; nothing else is waited for. The admin API endpoints check the token before reading a byte of the body (see
 * {@link AdminAuth#admit}).
 */
final class WritePolicy {
  static final String ADMIN_PREFIX = "/-/";
  /** Largest request body of an admin API path, bytes. */
  public static final int MAX_BODY = 16 * 1024;
  /** A refused body up to this size is read and dropped before the connection closes (see {@link #refuse}). */
  static final int MAX_DRAINED = 1024 * 1024;
  static final long DRAIN_MILLIS = 500;
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
        boolean small = length.trim().matches("\\d{1,9}") && Integer.parseInt(length.trim()) <= MAX_DRAINED;
        refuse(ctx, 413, "Request body refused: at most " + MAX_BODY + " bytes.\n", small);
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
    refuse(ctx, status, text, false);
  }

  /**
   * Answers {@code status} and closes the connection. Closing with body bytes still unread makes TCP reset the
   * connection, and the reset can destroy the answer before the client has read it: so a body announced at
   * most {@link #MAX_DRAINED} bytes long ({@code drain}) is read and dropped first, for at most
   * {@link #DRAIN_MILLIS}; a slower client is cut off then.
   */
  private static void refuse(RoutingContext ctx, int status, String text, boolean drain) {
    HttpServerRequest req = ctx.request();
    Promise<Void> drained = Promise.promise();
    if (drain && !req.isEnded()) {
      long timer = ctx.vertx().setTimer(DRAIN_MILLIS, id -> drained.tryComplete());
      req.handler(ignored -> {}).endHandler(v -> {
        ctx.vertx().cancelTimer(timer);
        drained.tryComplete();
      });
      req.resume();
    } else {
      drained.complete();
    }
    Future<Void> answered = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
    Future.all(answered, drained.future()).onComplete(v -> req.connection().close());
  }

  private static boolean announcesBody(HttpServerRequest req) {
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    return req.headers().contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.trim().equals("0");
  }
}
