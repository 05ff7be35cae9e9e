package io.vigil.web.page;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.boundary.BoundaryState;
import io.vigil.config.Durations;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.history.Accountant;
import io.vigil.history.Sums;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.Counts;
import io.vigil.slo.TimeTotals;
import io.vigil.status.Availability;
import io.vigil.status.BoundaryStatus;
import io.vigil.status.SloStatus;
import io.vigil.status.StatusService;
import io.vigil.status.StatusSnapshot;
import io.vigil.web.AdminAuth;
import io.vigil.web.Endpoint;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every public path: the status page {@code /} and {@code /boundaries/{name}}, the JSON API
 * {@code /api/v1/status} and {@code /api/v1/boundaries/{name}/history}, the badges
 * {@code /badge/{name}/{uptime|slo|status}.svg}, and the page's assets. Everything but history renders from
 * {@link StatusService#current()}; history sums the in-memory accounting rings. A boundary that is not public
 * answers exactly like one that does not exist (404). Bad parameters answer 400 with the reason.
 *
 * <p>A boundary's owner shows as its team only, except to a request with the admin token ({@code Authorization:
 * Bearer …}): {@code /boundaries/{name}} and {@code /api/v1/status} then show every owner field and the runbook,
 * rendered for that request and marked {@code Cache-Control: private, no-store}. A missing or wrong token just
 * gets the public view.
 */
public final class PublicEndpoint implements Endpoint {
  static final String HTML = "text/html; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";
  static final String SVG = "image/svg+xml; charset=utf-8";
  static final String PAGE_CACHE = "public, max-age=5";
  static final String BADGE_CACHE = "public, max-age=30";
  /** What an admin's view may be cached: nowhere, since it shows more than the public one. */
  static final String ADMIN_CACHE = "private, no-store";
  private static final String DEFAULT_UPTIME_WINDOW = "30d";
  private static final BigDecimal LOW_BUDGET = new BigDecimal("0.25");

  private final Vertx vertx;
  private final StatusService status;
  private final Accountant accountant;
  private final Supplier<VigilConfig> config;
  private final Clock clock;
  private final AdminAuth admin;
  private final Assets assets = new Assets();
  private final StatusPage page = new StatusPage(assets);
  private final RenderCache overview;
  private final RenderCache api;

  /** @param admin decides which requests see the full owner */
  public PublicEndpoint(Vertx vertx, StatusService status, Accountant accountant, Supplier<VigilConfig> config,
      Clock clock, AdminAuth admin) {
    this.admin = admin;
    this.vertx = vertx;
    this.status = status;
    this.accountant = accountant;
    this.config = config;
    this.clock = clock;
    this.overview = new RenderCache(vertx, status, config,
        (s, c) -> Representation.of(HTML, page.overview(s, c), PAGE_CACHE, true));
    this.api = new RenderCache(vertx, status, config,
        (s, c) -> Representation.of(JSON, StatusJson.status(s, c).encode(), PAGE_CACHE, true));
  }

  @Override
  public void mount(Router router) {
    vertx.setPeriodic(1000, id -> {
      overview.warm();
      api.warm();
    });
    router.get("/").handler(ctx -> overview.get().onSuccess(r -> r.send(ctx, 200)).onFailure(ctx::fail));
    router.get("/boundaries/:name").handler(this::boundaryPage);
    router.get(Assets.CSS_PATH).handler(ctx -> assets.css.send(ctx, 200));
    router.get(Assets.JS_PATH).handler(ctx -> assets.js.send(ctx, 200));
    router.get("/api/v1/status").handler(this::statusApi);
    router.get("/api/v1/boundaries/:name/history").handler(this::history);
    router.get("/badge/:name/:file").handler(this::badge);
  }

  private boolean isAdmin(RoutingContext ctx) {
    return ctx.request().headers().contains("Authorization")
        && admin.check(ctx.request().getHeader("Authorization")) == AdminAuth.Verdict.ALLOWED;
  }

  private void statusApi(RoutingContext ctx) {
    if (!isAdmin(ctx)) {
      api.get().onSuccess(r -> r.send(ctx, 200)).onFailure(ctx::fail);
      return;
    }
    StatusSnapshot snapshot = status.current();
    VigilConfig c = config.get();
    vertx.executeBlocking(() -> StatusJson.status(snapshot, c, true).encode(), false)
        .onSuccess(body -> Representation.of(JSON, body, ADMIN_CACHE, false).send(ctx, 200))
        .onFailure(ctx::fail);
  }

  private void boundaryPage(RoutingContext ctx) {
    StatusSnapshot snapshot = status.current();
    VigilConfig c = config.get();
    BoundaryStatus b = PublicStatus.boundary(snapshot, ctx.pathParam("name"));
    if (b == null) {
      Representation.of(HTML, page.notFound(c), "no-cache", false).send(ctx, 404);
      return;
    }
    boolean full = isAdmin(ctx);
    Representation.of(HTML, page.boundary(snapshot, c, b, full), full ? ADMIN_CACHE : PAGE_CACHE, false)
        .send(ctx, 200);
  }

  private void history(RoutingContext ctx) {
    BoundaryStatus b = PublicStatus.boundary(status.current(), ctx.pathParam("name"));
    if (b == null) {
      error(ctx, 404, "no such public boundary");
      return;
    }
    HistoryQuery q;
    try {
      q = HistoryQuery.parse(ctx.queryParams().get("from"), ctx.queryParams().get("to"),
          ctx.queryParams().get("step"), clock.instant());
    } catch (HistoryQuery.Invalid e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    vertx.executeBlocking(() -> history(b, q).encode(), false)
        .onSuccess(body -> Representation.of(JSON, body, "no-cache", false).send(ctx, 200))
        .onFailure(ctx::fail);
  }

  private JsonObject history(BoundaryStatus b, HistoryQuery q) {
    String name = b.name();
    List<SloConfig> latencySlos = b.live().config().slos().stream()
        .filter(s -> s.sli() instanceof SloConfig.Sli.Latency).toList();
    JsonArray slos = new JsonArray();
    latencySlos.forEach(s -> slos.add(new JsonObject().put("name", s.name())
        .put("threshold_ms", s.sli().threshold().toNanos() / 1e6)));
    long accounted = accountant.accountedUntil(name); // read first: buckets ending before it are final
    JsonArray points = new JsonArray();
    long step = q.step().toMillis();
    for (long t = q.from().toEpochMilli(); t < q.to().toEpochMilli(); t += step) {
      Sums s = accountant.sums(name, t, t + step);
      JsonObject point = new JsonObject().put("t", Instant.ofEpochMilli(t).toString());
      if (s == null) {
        point.put("requests", StatusJson.counts(Counts.NONE))
            .put("time", StatusJson.time(TimeTotals.NONE));
      } else {
        point.put("requests", StatusJson.counts(s.requests())).put("time", StatusJson.time(s.time()));
      }
      JsonObject latency = new JsonObject();
      for (SloConfig slo : latencySlos) {
        int i = accountant.latencyIndex(name, slo.name());
        latency.put(slo.name(), StatusJson.counts(s == null || i < 0 ? Counts.NONE : s.latency(i)));
      }
      points.add(point.put("latency", latency));
    }
    return new JsonObject().put("boundary", name).put("from", q.from().toString()).put("to", q.to().toString())
        .put("step", Durations.format(q.step()))
        .put("accounted_until", accounted > 0 ? Instant.ofEpochMilli(accounted).toString() : null)
        .put("latency_slos", slos).put("points", points);
  }

  private void badge(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    String kind = file.endsWith(".svg") ? file.substring(0, file.length() - 4) : "";
    BoundaryStatus b = PublicStatus.boundary(status.current(), ctx.pathParam("name"));
    if (!List.of("status", "uptime", "slo").contains(kind) || b == null) {
      sendBadge(ctx, 404, new Badge("vigil", "not found", Badge.Color.GREY));
      return;
    }
    String window = ctx.queryParams().get("window");
    String sloName = ctx.queryParams().get("slo");
    if (window != null && !kind.equals("uptime")) {
      sendBadge(ctx, 400, new Badge("badge", "window applies to uptime badges", Badge.Color.GREY));
      return;
    }
    if (sloName != null && !kind.equals("slo")) {
      sendBadge(ctx, 400, new Badge("badge", "slo applies to slo badges", Badge.Color.GREY));
      return;
    }
    switch (kind) {
      case "status" -> sendBadge(ctx, 200, statusBadge(b));
      case "uptime" -> {
        String w = window == null ? DEFAULT_UPTIME_WINDOW : window;
        if (!StatusService.WINDOWS.contains(w)) {
          sendBadge(ctx, 400, new Badge("badge", "window must be one of " + String.join(" ", StatusService.WINDOWS),
              Badge.Color.GREY));
          return;
        }
        sendBadge(ctx, 200, uptimeBadge(b.availability(w), w));
      }
      default -> {
        Optional<SloStatus> slo = b.slos().stream()
            .filter(s -> sloName == null || s.config().name().equals(sloName)).findFirst();
        if (slo.isEmpty()) {
          sendBadge(ctx, 404, new Badge("vigil", "no such SLO", Badge.Color.GREY));
          return;
        }
        sendBadge(ctx, 200, sloBadge(slo.get()));
      }
    }
  }

  static Badge statusBadge(BoundaryStatus b) {
    BoundaryState s = b.live().state();
    Badge.Color color = switch (s) {
      case UP -> Badge.Color.GREEN;
      case DEGRADED -> Badge.Color.AMBER;
      case DOWN -> Badge.Color.RED;
      case UNKNOWN -> Badge.Color.GREY;
      case MAINTENANCE -> Badge.Color.BLUE;
    };
    return new Badge(b.live().config().title(), s.label(), color);
  }

  static Badge uptimeBadge(Availability a, String window) {
    Optional<BigDecimal> ratio = a == null ? Optional.empty() : a.timeRatio();
    return new Badge("uptime " + window, Formats.percent(ratio), ratio.map(PublicEndpoint::uptimeColor)
        .orElse(Badge.Color.GREY));
  }

  private static Badge.Color uptimeColor(BigDecimal r) {
    if (r.compareTo(new BigDecimal("0.999")) >= 0) {
      return Badge.Color.GREEN;
    }
    if (r.compareTo(new BigDecimal("0.99")) >= 0) {
      return Badge.Color.AMBER;
    }
    return r.compareTo(new BigDecimal("0.95")) >= 0 ? Badge.Color.ORANGE : Badge.Color.RED;
  }

  static Badge sloBadge(SloStatus s) {
    String label = s.config().name() + " SLO";
    if (s.budget().isEmpty()) {
      return new Badge(label, "no data", Badge.Color.GREY);
    }
    BudgetStatus b = s.budget().get();
    Badge.Color color = !b.met() ? Badge.Color.RED
        : b.remaining().compareTo(LOW_BUDGET) < 0 ? Badge.Color.AMBER : Badge.Color.GREEN;
    return new Badge(label, Formats.percent(b.sli()) + ", budget " + Formats.wholePercent(b.remaining()), color);
  }

  private static void sendBadge(RoutingContext ctx, int status, Badge badge) {
    Representation.of(SVG, badge.svg(), status == 200 ? BADGE_CACHE : "no-cache", false).send(ctx, status);
  }

  static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).putHeader("Cache-Control", "no-cache")
        .end(new JsonObject().put("error", message).encode());
  }
}
