package io.vigil.cli;

import io.vigil.config.VigilConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil check}: validates the service file and every probe file; exit 0 valid, 2 invalid. */
@Command(name = "check", description = "Validate the configuration and every probe file.")
final class CheckCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    VigilConfig c = config.load(err);
    if (c == null) {
      return Vigil.EXIT_CONFIG;
    }
    out.printf("%s: OK (%d boundaries, %d probes, %d notifiers, %d probe files)%n", config.resolve(),
        c.boundaries().size(), c.probes().size(), c.notifiers().size(), c.loadedFiles().size());
    return 0;
  }
}
