package io.vigil.alert;

import io.vigil.service.VigilService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link AlertRestartTest}: runs the whole service on the given service file and prints
 * {@code started} once it serves. Runs until killed, at most 60 s.
 */
public final class AlertCrashChild {
  private AlertCrashChild() {}

  public static void main(String[] args) throws Exception {
    VigilService.start(new VigilService.Options(Path.of(args[0]), Map.of(), null, Clock.systemUTC()))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.out.println("started");
    System.out.flush();
    Thread.sleep(60_000);
    System.exit(3);
  }
}
