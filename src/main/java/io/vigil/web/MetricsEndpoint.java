package io.vigil.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /metrics}: the Prometheus text exposition, or OpenMetrics when the scraper asks for it in
 * {@code Accept}. {@code ?name[]=metric} (repeatable) limits the answer to those series, as Prometheus client
 * libraries do. Scraping a large fleet takes a while, so it runs on a worker, never on the event loop.
 */
public final class MetricsEndpoint implements Endpoint {
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;

  public MetricsEndpoint(Vertx vertx, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  @Override
  public void mount(Router router) {
    router.get("/metrics").handler(this::scrape);
  }

  /** Family names for the requested series names: {@code x_total}, {@code x_bucket} … select family {@code x}. */
  static Set<String> families(List<String> names) {
    Set<String> out = new HashSet<>();
    for (String n : names) {
      out.add(n);
      for (String suffix : new String[] {"_total", "_bucket", "_count", "_sum", "_created", "_info", "_max"}) {
        if (n.endsWith(suffix)) {
          out.add(n.substring(0, n.length() - suffix.length()));
        }
      }
    }
    return out;
  }

  private void scrape(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    String type = accept != null && accept.contains("application/openmetrics-text")
        ? OPENMETRICS
        : PROMETHEUS_TEXT;
    List<String> names = ctx.queryParam("name[]");
    Set<String> only = names.isEmpty() ? null : families(names);
    vertx.executeBlocking(() -> only == null ? registry.scrape(type) : registry.scrape(type, only), false)
        .onSuccess(body -> ctx.response().putHeader("Content-Type", type).end(body))
        .onFailure(ctx::fail);
  }
}
