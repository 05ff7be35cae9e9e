package io.vigil.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's single HTTP port. Limits request size so a public port cannot be used to exhaust the prober, and
 * sets conservative headers on every response: a Content-Security-Policy that allows only Vigil's own script
 * and stylesheet (no inline script or style, nothing from elsewhere, no framing), no MIME sniffing, no
 * referrer.
 */
public final class WebServer {
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
    new ConnectionGuard(vertx, limits).install(created, router);
    return created.listen(address.port(), address.host())
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot listen on " + address + ": " + e.getMessage(), e)))
        .onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
