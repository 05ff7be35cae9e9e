package io.vigil.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.Probes;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vigil check}: validates the service file and every probe file, then builds every probe as
 * {@code vigil run} and a reload do (TLS keys and trust stores loaded, requests prepared), so that what check
 * approves, run accepts. Exit 0 valid, 2 invalid.
 */
@Command(name = "check", description = "Validate the configuration and every probe file.")
final class CheckCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    VigilConfig c = config.load(err);
    if (c == null) {
      return Vigil.EXIT_CONFIG;
    }
    List<String> problems = build(c.probes());
    if (!problems.isEmpty()) {
      problems.forEach(err::println);
      err.flush();
      return Vigil.EXIT_CONFIG;
    }
    out.printf("%s: OK (%d boundaries, %d probes, %d notifiers, %d probe files)%n", config.resolve(),
        c.boundaries().size(), c.probes().size(), c.notifiers().size(), c.loadedFiles().size());
    return 0;
  }

  /** Builds each probe the way the scheduler does; one line per probe that cannot be built. */
  private static List<String> build(List<ProbeConfig> probes) throws Exception {
    List<String> problems = new ArrayList<>();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      ProbeRuntime runtime = ProbeRuntime.of(vertx, Clock.systemUTC());
      for (ProbeConfig p : probes) {
        try {
          Probes.create(p, runtime);
        } catch (RuntimeException e) {
          problems.add(p.source() + ": probe " + p.name() + ": " + e.getMessage());
        }
      }
      if (runtime.resolver() instanceof AutoCloseable resolver) {
        resolver.close();
      }
    } catch (Exception e) {
      problems.add("cannot prepare the probes: " + e.getMessage());
    } finally {
      Vigil.await(vertx.close(), 10);
    }
    return problems;
  }
}
