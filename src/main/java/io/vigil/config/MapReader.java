package io.vigil.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one YAML map for the binder. The keys a map may hold are declared up front: any other
 * key is reported at once (with a "did you mean" when one is close). A value that does not convert is
 * reported at its position with the key's name, and the accessor returns {@code null} (or the default
 * for absent keys), so binding goes on and every error in a file is found in one pass.
 */
final class MapReader {
  private final Node.MapNode map;
  private final String what;
  private final BindContext ctx;
  private final Set<String> keys;
  private final boolean notAMap;

  private MapReader(Node.MapNode map, String what, BindContext ctx, Set<String> keys, boolean notAMap) {
    this.map = map;
    this.what = what;
    this.ctx = ctx;
    this.keys = keys;
    this.notAMap = notAMap;
    for (Node.Entry e : map.entries()) {
      if (!keys.contains(e.key())) {
        ctx.error(e.keyPos(), unknownKey(e.key()));
      }
    }
  }

  /**
   * Reads {@code node} as a map named {@code what} in messages. Nothing at all ({@code key:} with no
   * value) reads as an empty map; anything else that is not a map is an error.
   */
  static MapReader of(Node node, String what, BindContext ctx, String... keys) {
    Set<String> allowed = new LinkedHashSet<>(List.of(keys));
    if (node instanceof Node.MapNode m) {
      return new MapReader(m, what, ctx, allowed, false);
    }
    boolean notAMap = !(node instanceof Node.Scalar s && s.isNull());
    if (notAMap) {
      ctx.error(node.pos(), what + ": expected a map, got " + node.describe());
    }
    return new MapReader(new Node.MapNode(node.pos(), List.of()), what, ctx, allowed, notAMap);
  }

  private String unknownKey(String key) {
    String close = Scalars.suggestion(key, keys);
    if (close != null) {
      return "unknown key '" + key + "' in " + what + "; did you mean '" + close + "'?";
    }
    return "unknown key '" + key + "' in " + what + " (allowed: " + String.join(", ", keys) + ")";
  }

  BindContext context() {
    return ctx;
  }

  Node.Pos pos() {
    return map.pos();
  }

  /** Where the key's value was written, or the map itself when the key is absent. */
  Node.Pos pos(String key) {
    Node n = node(key);
    return n == null ? map.pos() : n.pos();
  }

  /** Whether the key is given with a value ({@code key:} with nothing counts as absent). */
  boolean has(String key) {
    return node(key) != null;
  }

  /** The key's value, or {@code null} when absent or empty. */
  Node node(String key) {
    if (!keys.contains(key)) {
      throw new IllegalArgumentException("binder reads undeclared key " + key);
    }
    Node.Entry e = map.entry(key);
    if (e == null || (e.value() instanceof Node.Scalar s && s.isNull())) {
      return null;
    }
    return e.value();
  }

  void error(String key, String message) {
    ctx.error(pos(key), key + ": " + message);
  }

  /** Reports a missing key on the map (unless the map itself was not a map: that is reported already). */
  void missing(String key) {
    missing(key, "");
  }

  /** Reports a missing key with a reason such as {@code (latency SLOs need one)}. */
  void missing(String key, String reason) {
    if (!notAMap) {
      ctx.error(map.pos(), "missing required key '" + key + "' in " + what + (reason.isEmpty() ? "" : " " + reason));
    }
  }

  /** The key's text, or {@code dflt} when absent. */
  String text(String key, String dflt) {
    return get(key, dflt, t -> t);
  }

  <T> T get(String key, T dflt, Scalars.Conversion<T> conversion) {
    Node n = node(key);
    return n == null ? dflt : convert(n, key, conversion);
  }

  <T> T required(String key, Scalars.Conversion<T> conversion) {
    Node n = node(key);
    if (n == null) {
      missing(key);
      return null;
    }
    return convert(n, key, conversion);
  }

  /** A value that must never be shown; remembered for redaction. */
  Secret secret(String key) {
    String text = text(key, "");
    ctx.secret(text);
    return Secret.of(text);
  }

  /** Converts one scalar; on failure reports {@code label: message} at its position and returns null. */
  <T> T convert(Node n, String label, Scalars.Conversion<T> conversion) {
    if (!(n instanceof Node.Scalar s) || s.isNull()) {
      ctx.error(n.pos(), label + ": expected a single value, got " + n.describe());
      return null;
    }
    if (s.unresolved()) {
      return null;
    }
    try {
      return conversion.convert(s.text());
    } catch (IllegalArgumentException e) {
      ctx.error(n.pos(), label + ": " + e.getMessage());
      return null;
    }
  }

  /** A nested map; absent reads as empty. */
  MapReader child(String key, String childWhat, String... childKeys) {
    Node n = node(key);
    return of(n == null ? Node.Scalar.nothing(map.pos()) : n, childWhat, ctx, childKeys);
  }

  /** The items of a list; absent reads as empty. With {@code single}, one scalar reads as a list of one. */
  List<Node> items(String key, boolean single) {
    Node n = node(key);
    if (n == null) {
      return List.of();
    }
    if (n instanceof Node.ListNode l) {
      return l.items();
    }
    if (single && n instanceof Node.Scalar) {
      return List.of(n);
    }
    ctx.error(n.pos(), key + ": expected a list, got " + n.describe());
    return List.of();
  }

  /** A list of scalars, each converted (failed items are reported and left out). */
  <T> List<T> list(String key, boolean single, Scalars.Conversion<T> conversion) {
    List<T> out = new ArrayList<>();
    for (Node item : items(key, single)) {
      T value = convert(item, key, conversion);
      if (value != null) {
        out.add(value);
      }
    }
    return List.copyOf(out);
  }

  /** The entries of a nested map keyed by free-form text (labels, headers, JSONPath); absent reads as empty. */
  List<Node.Entry> entries(String key) {
    Node n = node(key);
    if (n == null) {
      return List.of();
    }
    if (n instanceof Node.MapNode m) {
      return m.entries();
    }
    ctx.error(n.pos(), key + ": expected a map, got " + n.describe());
    return List.of();
  }

  /** A nested map of scalars keyed by free-form text, each value converted (failed ones are left out). */
  <T> Map<String, T> map(String key, Scalars.Conversion<T> conversion) {
    Map<String, T> out = new LinkedHashMap<>();
    for (Node.Entry e : entries(key)) {
      T value = convert(e.value(), key + "." + e.key(), conversion);
      if (value != null) {
        out.put(e.key(), value);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** A boolean; {@code dflt} when absent or invalid (the error is recorded). */
  boolean flag(String key, boolean dflt) {
    Boolean b = get(key, dflt, Scalars::bool);
    return b == null ? dflt : b;
  }

  /** A whole number; {@code dflt} when absent or invalid (the error is recorded). */
  int number(String key, int dflt, Scalars.Conversion<Integer> conversion) {
    Integer n = get(key, dflt, conversion);
    return n == null ? dflt : n;
  }

  /** Reports the key as misplaced when it is given. */
  void forbid(String key, String why) {
    Node.Entry e = map.entry(key);
    if (e != null) {
      ctx.error(e.keyPos(), key + ": " + why);
    }
  }
}
