package io.vigil.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;

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
  private HttpServer server;

  public WebServer(Vertx vertx, List<Endpoint> endpoints) {
    this.vertx = vertx;
    this.endpoints = List.copyOf(endpoints);
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
    endpoints.forEach(e -> e.mount(router));
    HttpServerOptions options = new HttpServerOptions()
        .setMaxInitialLineLength(8 * 1024)
        .setMaxHeaderSize(16 * 1024)
        .setMaxFormAttributeSize(16 * 1024)
        .setIdleTimeout(60)
        .setCompressionSupported(true);
    return vertx.createHttpServer(options).requestHandler(router).listen(address.port(), address.host())
        .onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
