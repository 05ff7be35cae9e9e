package io.vigil.cli;

import io.vigil.config.VigilConfig;
import io.vigil.rules.RuleGenerator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vigil rules}: prints Prometheus recording and alerting rules for every SLO and boundary of the
 * configuration to stdout; exit 0, or 2 with every error on stderr when the configuration is invalid.
 */
@Command(name = "rules", description = "Print Prometheus recording and alerting rules for every SLO.")
final class RulesCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    VigilConfig c = config.load(err);
    if (c == null) {
      return Vigil.EXIT_CONFIG;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(new RuleGenerator().generate(c));
    out.flush();
    return 0;
  }
}
