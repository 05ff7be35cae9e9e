package io.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated rules read only what Vigil exposes: every series or record an expression names is one a
 * Prometheus scraping Vigil and loading the rules holds, so renaming a metric cannot leave a rule reading
 * nothing (an absent series never alerts).
 */
class RuleInputsTest {
  private static final Pattern NAME = Pattern.compile("\\bvigil[_:][A-Za-z0-9_:]*");

  @Test
  void everyNameInTheRulesExpressionsIsExposed() throws Exception {
    Set<String> read = new TreeSet<>();
    JsonNode rules = new YAMLMapper().readTree(new RuleGenerator().generate(RuleGeneratorTest.fleet()));
    for (JsonNode group : rules.get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        Matcher m = NAME.matcher(rule.get("expr").asText());
        while (m.find()) {
          read.add(m.group());
        }
      }
    }
    // requests, latency and time SLOs and the boundary-down alert each read a series of Vigil's
    assertThat(read).contains("vigil_slo_events_total", "vigil_boundary_state_seconds_total", "vigil_boundary_up");
    assertThat(GrafanaDashboardTest.exportedNames()).containsAll(read);
  }
}
