package io.vigil.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.VigilConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads when the service file or a loaded probe file changes on disk (polled every two seconds, which also
 * sees files replaced through symbolic links, as Kubernetes config maps do), and on SIGHUP.
 */
final class ConfigWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
  private static final long POLL_MILLIS = 2000;

  private final Vertx vertx;
  private final Supplier<VigilConfig> config;
  private final Supplier<Future<List<String>>> reload;
  private volatile List<String> fingerprint;
  private long timer = -1;
  private boolean reloading;

  ConfigWatcher(Vertx vertx, Supplier<VigilConfig> config, Supplier<Future<List<String>>> reload) {
    this.vertx = vertx;
    this.config = config;
    this.reload = reload;
  }

  void start() {
    vertx.executeBlocking(() -> fingerprint(config.get()), false).onSuccess(f -> fingerprint = f);
    timer = vertx.setPeriodic(POLL_MILLIS, id -> poll());
    installSighup();
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void poll() {
    if (reloading) {
      return;
    }
    reloading = true;
    vertx.executeBlocking(() -> fingerprint(config.get()), false)
        .compose(now -> {
          if (fingerprint == null || Objects.equals(now, fingerprint)) {
            fingerprint = fingerprint == null ? now : fingerprint;
            return Future.succeededFuture();
          }
          LOG.info("configuration files changed on disk; reloading");
          fingerprint = now;
          return reload.get().map(errors -> null);
        })
        .onComplete(ar -> reloading = false);
  }

  /** Size and modification time of the service file, every probe file, and the probe directories. */
  private static List<String> fingerprint(VigilConfig c) {
    List<Path> paths = new ArrayList<>();
    paths.add(c.file());
    paths.addAll(c.loadedFiles());
    c.loadedFiles().forEach(f -> paths.add(f.getParent())); // a new file in a probe directory
    List<String> out = new ArrayList<>();
    for (Path p : paths) {
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.add(p + ":" + a.size() + ":" + a.lastModifiedTime().toMillis());
      } catch (IOException e) {
        out.add(p + ":missing");
      }
    }
    return out;
  }

  @SuppressWarnings("restriction")
  private void installSighup() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> vertx.runOnContext(v -> {
        LOG.info("SIGHUP received; reloading configuration");
        reload.get();
      }));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // the JVM leaves a signal that was ignored at its start (nohup does that to SIGHUP) to the OS
      LOG.warn("SIGHUP does not reload the configuration ({}); is SIGHUP ignored, as under nohup? Changed files"
          + " are still picked up, and POST /-/reload works", e.getMessage());
    }
  }
}
