package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RulesCommandTest {
  @Test
  void rulesIsASubcommandOfVigilWithAConfigOption() {
    CommandLine vigil = new CommandLine(new Vigil());
    assertThat(vigil.getSubcommands()).containsKey("rules");
    CommandLine rules = vigil.getSubcommands().get("rules");
    assertThat(rules.getCommandSpec().findOption("--config")).isNotNull();
    StringWriter usage = new StringWriter();
    rules.usage(new PrintWriter(usage));
    assertThat(usage.toString()).contains("Prometheus recording and alerting rules");
  }
}
