package io.vigil.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.demo.DemoTargets;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.Probes;
import io.vigil.probe.Warmup;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil probe NAME}: runs one probe once and prints every phase, every assertion and the reason.
 * Exit 0 when good, 1 when bad or invalid, 2 when the configuration or the name is wrong. Runs only
 * probes from the configuration: there is no way to probe an arbitrary target from outside.
 */
@Command(name = "probe", description = "Run one probe once and print its result.")
final class ProbeCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Parameters(paramLabel = "NAME", description = "the probe's name") String name;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    VigilConfig c = config.load(err);
    if (c == null) {
      return Vigil.EXIT_CONFIG;
    }
    ProbeConfig probe = c.probe(name);
    if (probe == null) {
      err.printf("vigil: no probe named '%s'; known probes: %s%n", name,
          String.join(", ", c.probes().stream().map(ProbeConfig::name).sorted().toList()));
      return Vigil.EXIT_CONFIG;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      if (c.demo()) {
        // The demo targets may already be served by a running Vigil; then those answer instead.
        try {
          Vigil.await(new DemoTargets(vertx, Clock.systemUTC()).start(), 10);
        } catch (Exception alreadyRunning) {
          // keep going: the probe will tell whether the targets answer
        }
      }
      ProbeRuntime runtime = ProbeRuntime.of(vertx, Clock.systemUTC());
      Warmup.exercise(vertx, runtime); // a cold JVM would report class loading as connect or processing time
      ProbeResult result = Vigil.await(Probes.create(probe, runtime).run(runtime.loops().next()),
          (int) probe.timeout().toSeconds() + 10);
      new ResultPrinter(out, c.redactor()::redact).print(probe, result);
      return result.good() ? 0 : 1;
    } finally {
      Vigil.await(vertx.close(), 10);
    }
  }
}
