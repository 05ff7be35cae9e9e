package io.vigil.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's single HTTP port. Limits request size so a public port cannot be used to exhaust the prober, and
 * sets conservative headers on every response: a Content-Security-Policy that allows only Vigil's own script
 * and stylesheet (no inline script or style, nothing from elsewhere, no framing), no MIME sniffing, no
 * referrer.
 */
public final class WebServer {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Vertx vertx;
  private final List<Endpoint> endpoints;
  private final ServerLimits limits;
  private HttpServer server;

  public WebServer(Vertx vertx, List<Endpoint> endpoints) {
    this(vertx, endpoints, ServerLimits.DEFAULT);
  }

  /**
   * A server whose public paths are read-only ({@link WritePolicy}) and whose request sizes, connections and
   * slow clients are bounded by {@code limits} ({@link ConnectionGuard}).
   */
  public WebServer(Vertx vertx, List<Endpoint> endpoints, ServerLimits limits) {
    this.vertx = vertx;
    this.endpoints = List.copyOf(endpoints);
    this.limits = limits;
  }

  public Future<HttpServer> listen(HostPort address) {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response()
          .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("X-Frame-Options", "DENY")
          .putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    });
    for (int status = 400; status < 600; status++) { // every failure, including URLs the router cannot decode
      router.errorHandler(status, WebServer::failed);
    }
    WritePolicy.install(router);
    endpoints.forEach(e -> e.mount(router));
    HttpServerOptions options = new HttpServerOptions()
        .setMaxInitialLineLength(limits.maxInitialLine())
        .setMaxHeaderSize(limits.maxHeaderSize())
        .setMaxFormAttributeSize(16 * 1024)
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setHttp2ClearTextEnabled(false)
        .setCompressionSupported(true);
    HttpServer created = vertx.createHttpServer(options);
    new ConnectionGuard(vertx, limits).install(created, req -> {
      if (decodable(req.path()) && decodable(req.query())) {
        router.handle(req);
      } else { // the router, or a handler reading a parameter, would fail it as Vigil's own error (500, logged)
        req.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
            .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY).putHeader("X-Content-Type-Options", "nosniff")
            .end("Bad Request: the URL is not validly percent-encoded\n");
      }
    });
    return created.listen(address.port(), address.host())
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot listen on " + address + ": " + e.getMessage(), e)))
        .onSuccess(s -> server = s);
  }

  /**
   * Answers a failed request with its status and one line. A client error (a URL that is not validly
   * percent-encoded, say) is the caller's and is not logged, so bad input cannot fill the log; anything else
   * is Vigil's and is logged with its stack trace.
   */
  private static void failed(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode()
        : ctx.failure() instanceof HttpException h ? h.getStatusCode() : 500;
    if (status >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(HttpResponseStatus.valueOf(status).reasonPhrase() + "\n");
    }
  }

  private static boolean decodable(String part) {
    if (part == null) {
      return true;
    }
    try {
      URLDecoder.decode(part, StandardCharsets.UTF_8);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
