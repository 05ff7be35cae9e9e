package io.vigil.testing;

import io.vigil.service.VigilService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts and stops a whole Vigil service in the test JVM, on the system clock; every wait is bounded. */
public final class Services {
  private static final int WAIT_SECONDS = 30;

  private Services() {}

  /** {@code vigil run} on {@code serviceFile}, with {@code env} as the environment its {@code ${VAR}} read. */
  public static VigilService start(Path serviceFile, Map<String, String> env) throws Exception {
    return VigilService.start(new VigilService.Options(serviceFile, env, null, Clock.systemUTC()))
        .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Stops {@code service}; nothing when it never started. */
  public static void stop(VigilService service) throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
