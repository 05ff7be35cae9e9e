package io.vigil.probe.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.vigil.config.HttpSpec;
import io.vigil.config.JsonQuery;
import io.vigil.config.StatusRange;
import io.vigil.probe.Reason;
import io.vigil.probe.RegexBudget;
import io.vigil.probe.RunRecorder;
import io.vigil.probe.net.Display;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates an HTTP probe's assertions on a complete response, in a fixed order (status, body, JSON, headers,
 * duration). Every assertion adds a {@link io.vigil.probe.Check}; the first one that fails names the reason.
 * A status listed in {@code invalid_status} makes the run invalid instead. JSONPath expressions are those the
 * binder compiled. Regular expressions share one {@link RegexBudget} per response, so a body
 * crafted to make a pattern backtrack fails its check instead of stalling the event loop.
 */
final class ResponseJudge {
  private static final int SHOWN = 80;

  private final List<StatusRange> good;
  private final List<StatusRange> invalid;
  private final List<Pattern> bodyMatches;
  private final List<Pattern> bodyNotMatches;
  private final Map<JsonQuery, String> jsonEquals;
  private final Map<JsonQuery, Pattern> jsonMatches;
  private final Map<String, Pattern> header;
  private final Duration maxDuration;
  private final Configuration json;

  ResponseJudge(HttpSpec spec) {
    HttpSpec.HttpExpect expect = spec.expect();
    this.good = expect.status().isEmpty() ? StatusRange.DEFAULT_GOOD : expect.status();
    this.invalid = spec.invalidStatus();
    this.bodyMatches = expect.bodyMatches();
    this.bodyNotMatches = expect.bodyNotMatches();
    this.header = expect.header();
    this.maxDuration = expect.maxDuration();
    ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.json = Configuration.builder()
        .jsonProvider(new JacksonJsonProvider(strict))
        .mappingProvider(new JacksonMappingProvider(strict))
        .build();
    this.jsonEquals = expect.json();
    this.jsonMatches = expect.jsonMatches();
  }

  /** Whether any assertion reads the body, so that it must be kept in memory. */
  boolean needsBody() {
    return !bodyMatches.isEmpty() || !bodyNotMatches.isEmpty() || !jsonEquals.isEmpty() || !jsonMatches.isEmpty();
  }

  void judge(Response r, long elapsedNanos, RunRecorder rec) {
    RegexBudget budget = RegexBudget.forText(r.bodyLength());
    status(r.status(), rec);
    if (needsBody()) {
      String text = r.text();
      body(text, r.bodyLength(), rec, budget);
      json(text, rec, budget);
    }
    headers(r, rec, budget);
    if (maxDuration != null) {
      boolean ok = elapsedNanos <= maxDuration.toNanos();
      rec.check("max_duration", ok, Display.millis(elapsedNanos) + (ok ? " <= " : " > ")
          + Display.duration(maxDuration), Reason.DURATION);
    }
  }

  private void status(int status, RunRecorder rec) {
    if (StatusRange.anyContains(invalid, status)) {
      String detail = status + " in invalid_status " + invalid;
      rec.check("status", false, detail, Reason.STATUS);
      rec.invalid(Reason.STATUS, "status: " + detail);
      return;
    }
    boolean ok = StatusRange.anyContains(good, status);
    rec.check("status", ok, status + (ok ? " in " : " not in ") + good, Reason.STATUS);
  }

  private void body(String text, long length, RunRecorder rec, RegexBudget budget) {
    for (Pattern p : bodyMatches) {
      boolean found = budget.find(p, text) != null;
      rec.check("body_matches", found, budget.exhausted() ? gaveUp(p)
          : quoted(p.pattern()) + (found ? " found" : " not found in " + length + " bytes"), Reason.BODY);
    }
    for (Pattern p : bodyNotMatches) {
      boolean found = budget.find(p, text) != null;
      rec.check("body_not_matches", !found && !budget.exhausted(), budget.exhausted() ? gaveUp(p)
          : quoted(p.pattern()) + (found ? " found" : " not found"), Reason.BODY);
    }
  }

  private static String gaveUp(Pattern p) {
    return quoted(p.pattern()) + " " + RegexBudget.GAVE_UP;
  }

  private void json(String text, RunRecorder rec, RegexBudget budget) {
    if (jsonEquals.isEmpty() && jsonMatches.isEmpty()) {
      return;
    }
    Object doc;
    try {
      doc = json.jsonProvider().parse(text);
    } catch (InvalidJsonException | IllegalArgumentException e) {
      String detail = "body is not JSON: " + Display.escaped(text, 40);
      jsonEquals.keySet().forEach(q -> rec.check("json " + q, false, detail, Reason.JSON));
      jsonMatches.keySet().forEach(q -> rec.check("json_matches " + q, false, detail, Reason.JSON));
      return;
    }
    jsonEquals.forEach((q, expected) -> {
      String value = read(doc, q.path());
      boolean ok = expected.equals(value);
      rec.check("json " + q, ok, value == null ? "no value at " + q
          : ok ? quoted(value) : quoted(value) + " != " + quoted(expected), Reason.JSON);
    });
    jsonMatches.forEach((q, regex) -> {
      String value = read(doc, q.path());
      boolean ok = value != null && budget.find(regex, value) != null;
      rec.check("json_matches " + q, ok, value == null ? "no value at " + q : budget.exhausted() ? gaveUp(regex)
          : quoted(value) + (ok ? " matches " : " does not match ") + quoted(regex.pattern()), Reason.JSON);
    });
  }

  /**
   * The value as text ({@code UP}, {@code 42}, {@code true}, JSON for objects and arrays); null when absent or
   * when the expression does not apply to this document.
   */
  private String read(Object doc, JsonPath path) {
    try {
      Object v = path.read(doc, json);
      if (v == null) {
        return "null";
      }
      if (v instanceof String s) {
        return s;
      }
      if (v instanceof Number || v instanceof Boolean) {
        return v.toString();
      }
      return json.jsonProvider().toJson(v);
    } catch (PathNotFoundException absent) {
      return null;
    } catch (JsonPathException unreadable) {
      return null;
    }
  }

  private void headers(Response r, RunRecorder rec, RegexBudget budget) {
    header.forEach((name, regex) -> {
      List<String> values = r.headers().getAll(name);
      String checkName = "header " + name;
      if (values.isEmpty()) {
        rec.check(checkName, false, "no " + name + " header", Reason.HEADER);
        return;
      }
      for (String v : values) {
        if (budget.matches(regex, v)) {
          rec.check(checkName, true, quoted(v) + " matches " + quoted(regex.pattern()), Reason.HEADER);
          return;
        }
      }
      rec.check(checkName, false, budget.exhausted() ? gaveUp(regex)
          : quoted(values.get(0)) + " does not match " + quoted(regex.pattern()), Reason.HEADER);
    });
  }

  private static String quoted(String s) {
    return "'" + Display.escaped(s, SHOWN) + "'";
  }
}
