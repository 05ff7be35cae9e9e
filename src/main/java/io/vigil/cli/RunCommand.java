package io.vigil.cli;

import io.vigil.config.ConfigError;
import io.vigil.config.ConfigException;
import io.vigil.service.VigilService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil run}: the service. Exit 2 when the configuration is invalid (nothing starts then). */
@Command(name = "run", description = "Run the probes and serve the status page, API and metrics.")
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "overrides listen from the service file")
  String listen;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    return serve(spec, config.resolve(), listen);
  }

  static int serve(CommandSpec spec, Path configFile, String listen) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    VigilService service;
    try {
      service = Vigil.await(
          VigilService.start(new VigilService.Options(configFile, System.getenv(), listen, Clock.systemUTC())), 60);
    } catch (Exception cause) {
      if (cause instanceof ConfigException ce) {
        for (ConfigError error : ce.errors()) {
          spec.commandLine().getErr().println(error);
        }
        return Vigil.EXIT_CONFIG;
      }
      spec.commandLine().getErr().println("vigil: cannot start: " + cause.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Vigil.await(service.stop(), 10);
      } catch (Exception ignored) {
        // the process is ending either way
      }
      stopped.countDown();
    }, "vigil-shutdown"));
    stopped.await();
    return 0;
  }
}
