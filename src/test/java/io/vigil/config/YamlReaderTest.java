package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
