package io.vigil.rules;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code promtool test rules} file built in code: one or more cases, each with input series sampled every
 * minute, the alerts expected to fire and the values expressions must have. Promtool compares alerts
 * (labels and rendered annotations) and samples exactly.
 */
final class RuleUnitTests {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build();

  private final List<Case> cases = new ArrayList<>();
  private final String evaluationInterval;

  /**
   * @param evaluationInterval how often promtool evaluates the rules, from time 0 to the last eval_time;
   *     every eval_time must be a multiple of it. Rules are evaluated at every step, so for days of data
   *     an hour keeps a run short while input samples stay one a minute.
   */
  RuleUnitTests(String evaluationInterval) {
    this.evaluationInterval = evaluationInterval;
  }

  /** A new case; its series are sampled every minute from time 0. */
  Case add() {
    Case c = new Case();
    cases.add(c);
    return c;
  }

  /** Writes {@code rules.yaml} and {@code tests.yaml} to {@code dir}; returns the tests file. */
  Path write(Path dir, String rules) throws IOException {
    Files.writeString(dir.resolve("rules.yaml"), rules);
    List<Object> tests = new ArrayList<>();
    for (Case c : cases) {
      tests.add(c.yaml());
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", List.of("rules.yaml"));
    file.put("evaluation_interval", evaluationInterval);
    file.put("tests", tests);
    Path path = dir.resolve("tests.yaml");
    Files.writeString(path, YAML.writeValueAsString(file));
    return path;
  }

  /** An alert promtool should find firing: its labels (without alertname) and rendered annotations. */
  record Alert(Map<String, String> labels, Map<String, String> annotations) {}

  /** One case of the file. */
  static final class Case {
    private final List<Object> series = new ArrayList<>();
    private final List<Object> alerts = new ArrayList<>();
    private final List<Object> exprs = new ArrayList<>();

    /** A series with values in promtool's notation. */
    Case series(String selector, String values) {
      series.add(Map.of("series", selector, "values", values));
      return this;
    }

    /** A counter from its samples, one a minute from time 0 (runs of equal steps compacted as {@code a+bxn}). */
    Case counter(String selector, long[] samples) {
      return series(selector, compact(samples));
    }

    /** Alerts named {@code alertname} firing at {@code evalTime}: exactly the given ones (none when empty). */
    Case alerts(String evalTime, String alertname, Alert... expected) {
      List<Object> exp = new ArrayList<>();
      for (Alert a : expected) {
        exp.add(Map.of("exp_labels", a.labels(), "exp_annotations", a.annotations()));
      }
      alerts.add(ordered("eval_time", evalTime, "alertname", alertname, "exp_alerts", exp));
      return this;
    }

    /**
     * The samples {@code expr} has at {@code evalTime}: pairs of series ({@code name{labels}}) and value;
     * none when no pairs are given.
     */
    Case expr(String evalTime, String expr, Object... seriesAndValues) {
      List<Object> samples = new ArrayList<>();
      for (int i = 0; i < seriesAndValues.length; i += 2) {
        samples.add(ordered("labels", seriesAndValues[i], "value", seriesAndValues[i + 1]));
      }
      exprs.add(ordered("expr", expr, "eval_time", evalTime, "exp_samples", samples));
      return this;
    }

    private Map<String, Object> yaml() {
      return ordered("interval", "1m", "input_series", series, "alert_rule_test", alerts, "promql_expr_test", exprs);
    }
  }

  /** promtool's expanding notation for samples: {@code a+bxn} stands for a, a+b, …, a+n·b. */
  static String compact(long[] samples) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < samples.length) {
      if (out.length() > 0) {
        out.append(' ');
      }
      if (i == samples.length - 1) {
        out.append(samples[i]);
        break;
      }
      long step = samples[i + 1] - samples[i];
      int j = i + 1;
      while (j + 1 < samples.length && samples[j + 1] - samples[j] == step) {
        j++;
      }
      out.append(samples[i]).append(step < 0 ? "-" : "+").append(Math.abs(step)).append('x').append(j - i);
      i = j + 1;
    }
    return out.toString();
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
