package io.vigil.config;

import com.jayway.jsonpath.JsonPath;

/**
 * A JSONPath expression as written ({@code $.status}) with its compiled form. The binder compiles it once, and
 * the compiled form is what runs evaluate, so an expression {@code vigil check} accepts is one runs can use.
 * Equal to, and printed as, its text.
 */
public record JsonQuery(String expr, JsonPath path) {

  /** @throws IllegalArgumentException when {@code expr} does not start with {@code $} or does not compile */
  public static JsonQuery compile(String expr) {
    if (!expr.startsWith("$")) {
      throw new IllegalArgumentException("expected a JSONPath starting with $, got '" + expr + "'");
    }
    try {
      return new JsonQuery(expr, JsonPath.compile(expr));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid JSONPath '" + expr + "': " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonQuery q && q.expr.equals(expr);
  }

  @Override
  public int hashCode() {
    return expr.hashCode();
  }

  @Override
  public String toString() {
    return expr;
  }
}
