package io.vigil.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML file into a positioned {@link Node} tree with Jackson's streaming parser. Scalars go
 * through {@code ${VAR}} substitution on the way in. Duplicate keys, syntax errors and more than one
 * document are errors; anchors, aliases and {@code <<} merge keys work as in YAML.
 */
final class YamlReader {
  private final YAMLFactory factory;
  private final Interpolator interpolator;
  private final BindContext ctx;

  YamlReader(YAMLFactory factory, Interpolator interpolator, BindContext ctx) {
    this.factory = factory;
    this.interpolator = interpolator;
    this.ctx = ctx;
  }

  /**
   * Reads {@code file}. An empty file reads as an empty map.
   *
   * @return the root node, or {@code null} when the file cannot be read or is not valid YAML (the
   *     error is recorded)
   */
  Node read(Path file) {
    ctx.reading(file);
    try {
      String text = text(file);
      if (text == null) {
        return null;
      }
      try (YAMLParser parser = factory.createParser(new StringReader(text))) {
        return new FileParse(file, parser).document();
      }
    } catch (NoSuchFileException e) {
      ctx.error(new Node.Pos(file, 1, 1), "no such file");
    } catch (StreamReadException e) {
      ctx.error(syntaxPosition(file, e), syntaxMessage(e));
    } catch (IOException e) {
      ctx.error(new Node.Pos(file, 1, 1), "cannot read: " + e.getMessage());
    }
    return null;
  }

  /**
   * The file's text, or {@code null} with a positioned error when it is not UTF-8, holds a NUL character, or
   * has a line longer than {@link #MAX_LINE} (the YAML scanner is slow on huge scalars; no config needs one).
   */
  private String text(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = CharBuffer.allocate(bytes.length);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, chars, true);
    if (result.isError()) {
      chars.flip();
      ctx.error(at(file, chars, chars.limit()), String.format("invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
          bytes[in.position()] & 0xff));
      return null;
    }
    decoder.flush(chars);
    chars.flip();
    int lineStart = 0;
    for (int i = 0; i < chars.limit(); i++) {
      char c = chars.get(i);
      if (c == 0) {
        ctx.error(at(file, chars, i), "a NUL character is not allowed in YAML");
        return null;
      }
      if (c == '\n') {
        lineStart = i + 1;
      } else if (i - lineStart >= MAX_LINE) {
        ctx.error(at(file, chars, lineStart), "line is longer than " + MAX_LINE + " characters");
        return null;
      }
    }
    return chars.toString();
  }

  /** Longest line accepted, in characters. */
  static final int MAX_LINE = 64 * 1024;

  /** Line and column (1-based) of character {@code index}. */
  private static Node.Pos at(Path file, CharBuffer chars, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < index; i++) {
      if (chars.get(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Node.Pos(file, line, column);
  }

  private static Node.Pos syntaxPosition(Path file, StreamReadException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark mark = m.getProblemMark();
      return new Node.Pos(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
    JsonLocation loc = e.getLocation();
    return loc == null ? new Node.Pos(file, 1, 1)
        : new Node.Pos(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  private static String syntaxMessage(StreamReadException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
      String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
      return "invalid YAML: " + m.getProblem() + context;
    }
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return "invalid YAML: " + (newline < 0 ? message : message.substring(0, newline));
  }

  /**
   * Most nodes that aliases may add to one file's tree (20,000 probes merging ten shared keys each). The tree
   * shares an anchored node between its aliases, but binding walks every reference: one anchored map of 1,000
   * keys named 1,000 times is a million values to bind (or to report errors about), from a 100 KB file. A
   * config written out in full is bounded by the document size; this bounds what aliases multiply it by.
   */
  static final long MAX_ALIAS_NODES = 200_000;

  /** An anchored node and the number of nodes it stands for, its own aliases expanded. */
  private record Anchored(Node node, long size) {}

  /** The state of one file's parse: its parser, the anchors seen so far and the nodes aliases added. */
  private final class FileParse {
    private final Path file;
    private final YAMLParser parser;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private long nodes;
    private long aliasNodes;

    FileParse(Path file, YAMLParser parser) {
      this.file = file;
      this.parser = parser;
    }

    Node document() throws IOException {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Node.MapNode(new Node.Pos(file, 1, 1), List.of());
      }
      Node root = value(first);
      if (parser.nextToken() != null) {
        ctx.error(position(), "a config file holds one YAML document; remove the second '---'");
      }
      if (root instanceof Node.Scalar s && s.isNull()) {
        return new Node.MapNode(root.pos(), List.of());
      }
      return root;
    }

    private Node.Pos position() {
      JsonLocation loc = parser.currentTokenLocation();
      return new Node.Pos(file, loc.getLineNr(), loc.getColumnNr());
    }

    private Node value(JsonToken token) throws IOException {
      Node.Pos pos = position();
      if (parser.isCurrentAlias()) {
        Anchored target = anchors.get(parser.getText());
        if (target == null) {
          ctx.error(pos, "alias *" + parser.getText() + " names no anchor defined before it");
          return Node.Scalar.nothing(pos);
        }
        if (aliasNodes <= MAX_ALIAS_NODES && (aliasNodes += target.size()) > MAX_ALIAS_NODES) {
          ctx.error(pos, "aliases expand to more than " + MAX_ALIAS_NODES + " values in this file; write the "
              + "shared part out, or share less");
        }
        if (aliasNodes > MAX_ALIAS_NODES) {
          return Node.Scalar.nothing(pos);
        }
        nodes += target.size();
        return target.node();
      }
      String anchor = parser.getCurrentAnchor();
      long before = nodes++;
      Node node = switch (token) {
        case START_OBJECT -> map(pos);
        case START_ARRAY -> list(pos);
        case VALUE_NULL -> Node.Scalar.nothing(pos);
        default -> scalar(pos, interpolator.apply(parser.getText(), pos));
      };
      if (anchor != null) {
        anchors.put(anchor, new Anchored(node, nodes - before));
      }
      return node;
    }

    private Node.Scalar scalar(Node.Pos pos, String text) {
      return text == null ? new Node.Scalar(pos, "", false, true) : new Node.Scalar(pos, text, false, false);
    }

    private Node map(Node.Pos pos) throws IOException {
      Map<String, Node.Entry> entries = new LinkedHashMap<>();
      List<Node> merges = new ArrayList<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
        String key = parser.currentName();
        Node.Pos keyPos = position();
        Node value = value(parser.nextToken());
        if (key.equals("<<")) {
          merges.add(value);
          continue;
        }
        Node.Entry first = entries.get(key);
        if (first != null) {
          ctx.error(keyPos, "duplicate key '" + key + "' (first at line " + first.keyPos().line() + ")");
        } else {
          entries.put(key, new Node.Entry(key, keyPos, value));
        }
      }
      for (Node merge : aliasNodes > MAX_ALIAS_NODES ? List.<Node>of() : merges) {
        List<Node> sources = merge instanceof Node.ListNode l ? l.items() : List.of(merge);
        for (Node source : sources) {
          if (source instanceof Node.MapNode m) {
            m.entries().forEach(e -> entries.putIfAbsent(e.key(), e));
          } else {
            ctx.error(source.pos(), "'<<' merges a map or a list of maps, got " + source.describe());
          }
        }
      }
      return new Node.MapNode(pos, List.copyOf(entries.values()));
    }

    private Node list(Node.Pos pos) throws IOException {
      List<Node> items = new ArrayList<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        items.add(value(t));
      }
      return new Node.ListNode(pos, List.copyOf(items));
    }
  }
}
