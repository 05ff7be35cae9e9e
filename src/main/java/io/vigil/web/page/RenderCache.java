package io.vigil.web.page;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.VigilConfig;
import io.vigil.status.StatusService;
import io.vigil.status.StatusSnapshot;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders one representation per status snapshot and configuration, on a worker thread, and hands the same
 * bytes to every request until the snapshot changes. While the next rendering is made, requests get the
 * previous one, so no request waits except the very first. {@link #warm} (called about once a second) renders
 * a new snapshot ahead of requests while the representation is in demand, so what readers get trails the
 * snapshot by at most that second.
 */
final class RenderCache {
  private static final Logger LOG = LoggerFactory.getLogger(RenderCache.class);
  private final Vertx vertx;
  private final StatusService status;
  private final Supplier<VigilConfig> config;
  private final BiFunction<StatusSnapshot, VigilConfig, Representation> render;
  private volatile Entry latest;
  private volatile long lastAskedNanos = System.nanoTime() - IDLE_NANOS;
  private Future<Representation> pending; // guarded by this

  private static final long IDLE_NANOS = 60_000_000_000L;

  private record Entry(StatusSnapshot snapshot, VigilConfig config, Representation representation) {}

  RenderCache(Vertx vertx, StatusService status, Supplier<VigilConfig> config,
      BiFunction<StatusSnapshot, VigilConfig, Representation> render) {
    this.vertx = vertx;
    this.status = status;
    this.config = config;
    this.render = render;
  }

  Future<Representation> get() {
    lastAskedNanos = System.nanoTime();
    return current();
  }

  /** Renders the current snapshot now if it is new and someone asked within the last minute. */
  void warm() {
    if (System.nanoTime() - lastAskedNanos < IDLE_NANOS) {
      current();
    }
  }

  private Future<Representation> current() {
    StatusSnapshot snapshot = status.current();
    VigilConfig c = config.get();
    Entry e = latest;
    if (e != null && e.snapshot() == snapshot && e.config() == c) {
      return Future.succeededFuture(e.representation());
    }
    Future<Representation> next;
    synchronized (this) {
      next = pending;
      if (next == null) {
        // assigned before the handler is attached: a rendering that is already done when it is attached
        // runs the handler right here, and must still clear the slot (or no later snapshot is ever rendered)
        Future<Representation> rendering = vertx.executeBlocking(() -> render.apply(snapshot, c), false);
        pending = rendering;
        next = rendering;
        rendering.onComplete(ar -> {
          if (ar.succeeded()) {
            latest = new Entry(snapshot, c, ar.result());
          } else { // readers keep the previous rendering: say why it is not replaced
            LOG.error("cannot render the status snapshot of {}; serving the previous one", snapshot.at(),
                ar.cause());
          }
          synchronized (this) {
            if (pending == rendering) {
              pending = null;
            }
          }
        });
      }
    }
    return e != null ? Future.succeededFuture(e.representation()) : next;
  }
}
