package io.vigil.web.page;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.change.ChangeEvent;
import io.vigil.change.ChangeEvents;
import io.vigil.config.VigilConfig;
import io.vigil.incident.Incident;
import io.vigil.store.PostmortemLink;
import io.vigil.status.BoundaryStatus;
import io.vigil.status.StatusService;
import io.vigil.web.AdminAuth;
import io.vigil.web.Endpoint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Change events: {@code POST /api/v1/events} (admin token) records one, {@code GET /api/v1/events?boundary=B}
 * lists a public boundary's events of the last 90 days, newest first (at most {@value #LISTED}). Postmortems:
 * {@code POST /api/v1/incidents/{id}/postmortem} (admin token, body {@code {url}}) links one to an incident of
 * the last 90 days (200 with the link, 404 for an unknown incident, 400 for a bad URL).
 *
 * <p>A recorded event answers 201 with the event as stored (its {@code id} assigned); 202 when history cannot
 * be written at the moment (the event is queued and written once it can). A body that is not a JSON object, or
 * names a bad field, answers 400 with one message per bad field in {@code errors}.
 */
public final class ChangeEndpoint implements Endpoint {
  static final int LISTED = 200;

  private final Vertx vertx;
  private final AdminAuth auth;
  private final StatusService status;
  private final Supplier<VigilConfig> config;
  private final Function<ChangeEvent, Boolean> record;
  private final Function<String, List<ChangeEvent>> recent;
  private final BiFunction<String, PostmortemLink, Boolean> link;
  private final Clock clock;

  /**
   * @param record records an event (blocking) and says whether it was committed
   * @param recent a boundary's events of the last 90 days, newest first
   * @param link links a postmortem to an incident of a boundary (blocking) and says whether it was committed
   */
  public ChangeEndpoint(Vertx vertx, AdminAuth auth, StatusService status, Supplier<VigilConfig> config,
      Function<ChangeEvent, Boolean> record, Function<String, List<ChangeEvent>> recent,
      BiFunction<String, PostmortemLink, Boolean> link, Clock clock) {
    this.vertx = vertx;
    this.auth = auth;
    this.status = status;
    this.config = config;
    this.record = record;
    this.recent = recent;
    this.link = link;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/events").handler(this::post);
    router.get("/api/v1/events").handler(this::list);
    router.post("/api/v1/incidents/:id/postmortem").handler(this::postmortem);
  }

  private void postmortem(RoutingContext ctx) {
    if (!auth.admit(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    ctx.request().body().onFailure(ctx::fail).onSuccess(buffer -> {
      Incident incident = status.current().boundaries().stream().flatMap(b -> b.incidents().stream())
          .filter(i -> i.id().equals(id)).findFirst().orElse(null);
      String url;
      try {
        JsonObject body = new JsonObject(buffer.toString(StandardCharsets.UTF_8));
        url = body.getValue("url") instanceof String s ? s.trim() : null;
        List<String> unknown = body.fieldNames().stream().filter(f -> !f.equals("url")).sorted()
            .map(f -> f + ": unknown field (expected url)").toList();
        String problem = url == null ? "url: required (a string)"
            : ChangeEvents.linkProblem(url) == null ? null : "url: " + ChangeEvents.linkProblem(url);
        if (problem != null || !unknown.isEmpty()) {
          List<String> errors = new java.util.ArrayList<>(unknown);
          if (problem != null) {
            errors.add(0, problem);
          }
          AdminAuth.json(ctx, 400, new JsonObject().put("error", "invalid postmortem link")
              .put("errors", new JsonArray(errors)));
          return;
        }
      } catch (DecodeException | ClassCastException e) {
        AdminAuth.json(ctx, 400, new JsonObject().put("error", "invalid postmortem link")
            .put("errors", new JsonArray(List.of("body: expected a JSON object {url}"))));
        return;
      }
      if (incident == null) {
        AdminAuth.json(ctx, 404, new JsonObject().put("error", "no incident '" + id + "' in the last 90 days"));
        return;
      }
      PostmortemLink l = new PostmortemLink(incident.id(), url, clock.millis());
      vertx.executeBlocking(() -> link.apply(incident.boundary(), l), false).onFailure(ctx::fail)
          .onSuccess(committed -> AdminAuth.json(ctx, committed ? 200 : 202, new JsonObject()
              .put("incident", l.incident()).put("url", l.url())
              .put("linked_at", Instant.ofEpochMilli(l.linkedMillis()).toString())));
    });
  }

  private void post(RoutingContext ctx) {
    if (!auth.admit(ctx)) {
      return;
    }
    ctx.request().body().onFailure(ctx::fail).onSuccess(buffer -> {
      ChangeEvent event;
      try {
        JsonObject body = new JsonObject(buffer.toString(StandardCharsets.UTF_8));
        event = ChangeEvents.parse(body, name -> config.get().boundary(name) != null, clock.instant());
      } catch (DecodeException | ClassCastException e) {
        invalid(ctx, List.of("body: expected a JSON object {boundary, kind, version, at, link}"));
        return;
      } catch (ChangeEvents.Invalid e) {
        invalid(ctx, e.errors());
        return;
      }
      vertx.executeBlocking(() -> record.apply(event), false).onFailure(ctx::fail)
          .onSuccess(committed -> AdminAuth.json(ctx, committed ? 201 : 202, json(event)));
    });
  }

  private static void invalid(RoutingContext ctx, List<String> errors) {
    AdminAuth.json(ctx, 400, new JsonObject().put("error", "invalid change event").put("errors",
        new JsonArray(errors)));
  }

  private void list(RoutingContext ctx) {
    String name = ctx.queryParams().get("boundary");
    if (name == null || name.isEmpty()) {
      PublicEndpoint.error(ctx, 400, "boundary: required (GET /api/v1/events?boundary=NAME)");
      return;
    }
    BoundaryStatus b = PublicStatus.boundary(status.current(), name);
    if (b == null) {
      PublicEndpoint.error(ctx, 404, "no such public boundary");
      return;
    }
    JsonArray events = new JsonArray();
    recent.apply(b.name()).stream().limit(LISTED).forEach(e -> events.add(json(e)));
    Representation.of(PublicEndpoint.JSON, new JsonObject().put("boundary", b.name()).put("events", events).encode(),
        "no-cache", false).send(ctx, 200);
  }

  /** An event as the API shows it. */
  static JsonObject json(ChangeEvent e) {
    return new JsonObject().put("id", e.id()).put("boundary", e.boundary()).put("kind", e.kind())
        .put("version", e.version()).put("at", Instant.ofEpochMilli(e.atMillis()).toString())
        .put("link", e.link().isEmpty() ? null : e.link());
  }
}
