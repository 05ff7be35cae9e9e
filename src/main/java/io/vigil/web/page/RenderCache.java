package io.vigil.web.page;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.VigilConfig;
import io.vigil.status.StatusService;
import io.vigil.status.StatusSnapshot;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Renders one representation per status snapshot and configuration, on a worker thread, and hands the same
 * bytes to every request until the snapshot changes. While the next rendering is made, requests get the
 * previous one (at most one snapshot old), so no request waits except the very first.
 */
final class RenderCache {
  private final Vertx vertx;
  private final StatusService status;
  private final Supplier<VigilConfig> config;
  private final BiFunction<StatusSnapshot, VigilConfig, Representation> render;
  private volatile Entry latest;
  private Future<Representation> pending; // guarded by this

  private record Entry(StatusSnapshot snapshot, VigilConfig config, Representation representation) {}

  RenderCache(Vertx vertx, StatusService status, Supplier<VigilConfig> config,
      BiFunction<StatusSnapshot, VigilConfig, Representation> render) {
    this.vertx = vertx;
    this.status = status;
    this.config = config;
    this.render = render;
  }

  Future<Representation> get() {
    StatusSnapshot snapshot = status.current();
    VigilConfig c = config.get();
    Entry e = latest;
    if (e != null && e.snapshot() == snapshot && e.config() == c) {
      return Future.succeededFuture(e.representation());
    }
    Future<Representation> next;
    synchronized (this) {
      if (pending == null) {
        pending = vertx.executeBlocking(() -> render.apply(snapshot, c), false)
            .andThen(ar -> {
              if (ar.succeeded()) {
                latest = new Entry(snapshot, c, ar.result());
              }
              synchronized (this) {
                pending = null;
              }
            });
      }
      next = pending;
    }
    return e != null ? Future.succeededFuture(e.representation()) : next;
  }
}
