package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {
  @TempDir
  Path dir;

  private final BindContext ctx = new BindContext();

  private Node read(String yaml) throws IOException {
    Path file = dir.resolve("f.yaml");
    Files.writeString(file, yaml);
    return new YamlReader(new YAMLFactory(), new Interpolator(Map.of("X", "ex"), ctx), ctx).read(file);
  }

  private String onlyError(byte[] content) throws IOException {
    Path file = dir.resolve("f.yaml");
    Files.write(file, content);
    Node root = new YamlReader(new YAMLFactory(), new Interpolator(Map.of(), ctx), ctx).read(file);
    assertThat(root).isNull();
    List<ConfigError> errors = ctx.errors(Redactor.NONE);
    assertThat(errors).hasSize(1);
    ConfigError e = errors.get(0);
    return e.line() + ":" + e.column() + ": " + e.message();
  }

  @Test
  void invalidUtf8IsReportedWhereItIs() throws IOException {
    byte[] text = "a: 1\nb: caf\u00e9 x\n".getBytes(StandardCharsets.ISO_8859_1); // é as one Latin-1 byte

    assertThat(onlyError(text)).isEqualTo("2:7: invalid UTF-8 (byte 0xE9); save the file as UTF-8");
  }

  @Test
  void aNulCharacterIsReportedWhereItIs() throws IOException {
    assertThat(onlyError("a: 1\nbb: x\u0000y\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("2:6: a NUL character is not allowed in YAML");
  }

  @Test
  void aHugeScalarIsRefusedBeforeTheScannerSeesIt() throws IOException {
    String huge = "a: 1\nb: " + "x".repeat(4 * 1024 * 1024) + "\n";

    assertThat(onlyError(huge.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("2:1: line is longer than 65536 characters");
  }

  @Test
  void everyNodeKnowsItsLineAndColumn() throws IOException {
    Node.MapNode root = (Node.MapNode) read("a: 1\nb:\n  - x\n  - {c: '${X}'}\n");

    assertThat(root.pos().line()).isEqualTo(1);
    Node.Entry b = root.entry("b");
    assertThat(b.keyPos()).isEqualTo(new Node.Pos(dir.resolve("f.yaml"), 2, 1));
    Node.ListNode list = (Node.ListNode) b.value();
    assertThat(list.items().get(0)).isEqualTo(new Node.Scalar(new Node.Pos(dir.resolve("f.yaml"), 3, 5), "x",
        false, false));
    Node.MapNode inner = (Node.MapNode) list.items().get(1);
    assertThat(inner.pos()).isEqualTo(new Node.Pos(dir.resolve("f.yaml"), 4, 5));
    assertThat(inner.entry("c").value()).isEqualTo(new Node.Scalar(new Node.Pos(dir.resolve("f.yaml"), 4, 9), "ex",
        false, false));
  }

  @Test
  void scalarsKeepTheirTextAndNullsAreMarked() throws IOException {
    Node.MapNode root = (Node.MapNode) read("a: yes\nb: 0x1F\nc: ~\nd:\ne: 'it''s'\n");

    assertThat(((Node.Scalar) root.entry("a").value()).text()).isEqualTo("yes");
    assertThat(((Node.Scalar) root.entry("b").value()).text()).isEqualTo("0x1F");
    assertThat(((Node.Scalar) root.entry("c").value()).isNull()).isTrue();
    assertThat(((Node.Scalar) root.entry("d").value()).isNull()).isTrue();
    assertThat(((Node.Scalar) root.entry("e").value()).text()).isEqualTo("it's");
  }

  @Test
  void anchorsAliasesAndMergeKeysWork() throws IOException {
    Node.MapNode root = (Node.MapNode) read("""
        base: &base {interval: 10s, timeout: 2s}
        probe:
          <<: *base
          timeout: 5s
        again: *base
        """);

    Node.MapNode probe = (Node.MapNode) root.entry("probe").value();
    assertThat(probe.entries()).extracting(Node.Entry::key).containsExactlyInAnyOrder("interval", "timeout");
    assertThat(((Node.Scalar) probe.entry("timeout").value()).text()).isEqualTo("5s");
    assertThat(((Node.Scalar) probe.entry("interval").value()).text()).isEqualTo("10s");
    assertThat(root.entry("again").value()).isSameAs(root.entry("base").value());
    assertThat(ctx.hasErrors()).isFalse();
  }

  @Test
  void aliasesThatMultiplyTheFileBeyondTheCapAreOneErrorAtTheAliasCrossingIt() throws IOException {
    StringBuilder yaml = new StringBuilder("big: &big\n");
    for (int i = 0; i < 1000; i++) {
      yaml.append("  k").append(i).append(": v\n");
    }
    yaml.append("refs:\n");
    for (int i = 0; i < 1000; i++) {
      yaml.append("  - *big\n");
    }
    Node.MapNode root = (Node.MapNode) read(yaml.toString());

    // the anchored map stands for 1,001 nodes: the 200th alias takes the file past 200,000
    assertThat(ctx.errors(Redactor.NONE)).extracting(e -> e.line() + ":" + e.column() + " " + e.message())
        .containsExactly("1202:5 aliases expand to more than 200000 values in this file; write the shared part out,"
            + " or share less");
    List<Node> refs = ((Node.ListNode) root.entry("refs").value()).items();
    assertThat(refs.get(198)).isSameAs(root.entry("big").value());
    assertThat(refs.get(199)).isInstanceOf(Node.Scalar.class);
  }

  @Test
  void anEmptyFileIsAnEmptyMap() throws IOException {
    Node root = read("# only a comment\n");

    assertThat(root).isInstanceOf(Node.MapNode.class);
    assertThat(((Node.MapNode) root).entries()).isEmpty();
    assertThat(ctx.hasErrors()).isFalse();
  }

  @Test
  void everyDuplicateKeyIsReported() throws IOException {
    read("a: 1\nb: 2\na: 3\nm: {x: 1, x: 2}\n");

    assertThat(ctx.errors(Redactor.NONE)).extracting(e -> e.line() + ":" + e.column() + " " + e.message())
        .containsExactly("3:1 duplicate key 'a' (first at line 1)", "4:11 duplicate key 'x' (first at line 4)");
  }

  @Test
  void syntaxErrorsHaveAPosition() throws IOException {
    Node root = read("a:\n\tb: 1\n");

    assertThat(root).isNull();
    assertThat(ctx.errors(Redactor.NONE)).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.column()).isEqualTo(1);
      assertThat(e.message()).startsWith("invalid YAML: ").contains("\\t");
    });
  }

  @Test
  void aMissingFileIsAnError() {
    Node root = new YamlReader(new YAMLFactory(), new Interpolator(Map.of(), ctx), ctx)
        .read(dir.resolve("absent.yaml"));

    assertThat(root).isNull();
    assertThat(ctx.errors(Redactor.NONE)).extracting(ConfigError::toString)
        .containsExactly(dir.resolve("absent.yaml") + ":1:1: no such file");
  }
}
