package io.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexBudgetTest {
  @Test
  void plainSearchesOverLargeTextStayWithinTheBudget() {
    String body = "x".repeat(1 << 20) + "\"status\": \"UP\"";
    RegexBudget budget = RegexBudget.forText(body.length());
    RegexBudget.Found found = budget.find(Pattern.compile("\"status\":\\s*\"(UP|DOWN)\""), body);
    assertThat(found).isNotNull();
    assertThat(found.text()).isEqualTo("\"status\": \"UP\"");
    assertThat(found.start()).isEqualTo(1 << 20);
    assertThat(budget.find(Pattern.compile("DEGRADED"), body)).isNull();
    assertThat(budget.exhausted()).isFalse();
  }

  @Test
  void catastrophicBacktrackingGivesUpQuickly() {
    String hostile = "a".repeat(5_000) + "!";
    RegexBudget budget = RegexBudget.forText(hostile.length());
    long t0 = System.nanoTime();
    assertThat(budget.find(Pattern.compile("^(a+)+b"), hostile)).isNull();
    assertThat(budget.exhausted()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
    // a spent budget gives up at once, even on an easy search
    assertThat(budget.find(Pattern.compile("a"), "a")).isNull();
    assertThat(budget.matches(Pattern.compile("a"), "a")).isFalse();
  }

  @Test
  void quadraticPatternOnOneLongLineGivesUp() {
    String line = "y".repeat(200_000);
    RegexBudget budget = RegexBudget.forText(line.length());
    assertThat(budget.find(Pattern.compile(".*z"), line)).isNull();
    assertThat(budget.exhausted()).isTrue();
  }

  @Test
  void recursionTooDeepForTheStackGivesUpInsteadOfThrowing() {
    String text = "ab".repeat(200_000);
    RegexBudget budget = new RegexBudget(Long.MAX_VALUE / 4);
    assertThat(budget.matches(Pattern.compile("(a|b)*"), text)).isFalse();
    assertThat(budget.exhausted()).isTrue();
  }

  @Test
  void wholeMatchUsesTheSameBudget() {
    RegexBudget budget = RegexBudget.forText(16);
    assertThat(budget.matches(Pattern.compile("application/json.*"), "application/json; charset=utf-8")).isTrue();
    assertThat(budget.matches(Pattern.compile("text/.*"), "application/json")).isFalse();
    assertThat(budget.exhausted()).isFalse();
  }
}
