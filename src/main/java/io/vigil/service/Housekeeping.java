package io.vigil.service;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the service repeats, each task at its own period. Tasks run on a worker thread one at a time (in the
 * order they came due) and under the lock a configuration swap takes, so none sees half a configuration.
 */
final class Housekeeping {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  private final Vertx vertx;
  private final Context context;
  private final Object lock;
  private final List<Long> timers = new CopyOnWriteArrayList<>();

  Housekeeping(Vertx vertx, Object lock) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.lock = lock;
  }

  /** Runs {@code task} every {@code period} from now until {@link #stop}; a failure is logged, the next runs. */
  void every(Duration period, String what, Runnable task) {
    timers.add(vertx.setPeriodic(period.toMillis(), id -> context.executeBlocking(() -> {
      synchronized (lock) {
        task.run();
      }
      return null;
    }, true).onFailure(e -> LOG.error("housekeeping failed: {}", what, e))));
  }

  void stop() {
    timers.forEach(vertx::cancelTimer);
  }
}
