package io.vigil.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A YAML value together with the place it was written, so that every config error can point at it.
 * Scalars keep their text (after {@code ${VAR}} substitution); conversion to numbers, durations and
 * the like happens when binding, where the expected type is known.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

  Pos pos();

  /** How the value reads in an error message: {@code a map}, {@code a list}, {@code 'text'}, {@code nothing}. */
  String describe();

  /** A position in a file: 1-based line and column. */
  record Pos(Path file, int line, int column) {
    String source() {
      return file + ":" + line;
    }
  }

  /** One key of a map, with the key's own position (unknown and duplicate keys are reported there). */
  record Entry(String key, Pos keyPos, Node value) {}

  record MapNode(Pos pos, List<Entry> entries) implements Node {
    Entry entry(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e;
        }
      }
      return null;
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  record ListNode(Pos pos, List<Node> items) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar; {@code isNull} for {@code ~}, {@code null} or nothing at all after the colon;
   * {@code unresolved} when a {@code ${VAR}} in it could not be substituted (that error is already
   * reported, so the value is not checked any further).
   */
  record Scalar(Pos pos, String text, boolean isNull, boolean unresolved) implements Node {
    static Scalar nothing(Pos pos) {
      return new Scalar(pos, "", true, false);
    }

    @Override
    public String describe() {
      return isNull ? "nothing" : "'" + text + "'";
    }
  }
}
