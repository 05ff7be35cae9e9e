package io.vigil.web;

import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * {@code /-/healthy} answers 200 while the process serves HTTP; {@code /-/ready} answers 200 once probes are
 * scheduled and history is writable, and 503 with the reason otherwise.
 */
public final class HealthEndpoint implements Endpoint {
  private final Supplier<String> notReadyReason;

  /** @param notReadyReason returns {@code null} when ready, else why not */
  public HealthEndpoint(Supplier<String> notReadyReason) {
    this.notReadyReason = notReadyReason;
  }

  @Override
  public void mount(Router router) {
    router.get("/-/healthy").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("Vigil is healthy.\n"));
    router.get("/-/ready").handler(ctx -> {
      String why = notReadyReason.get();
      ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
          .setStatusCode(why == null ? 200 : 503)
          .end(why == null ? "Vigil is ready.\n" : "Vigil is not ready: " + why + "\n");
    });
  }
}
