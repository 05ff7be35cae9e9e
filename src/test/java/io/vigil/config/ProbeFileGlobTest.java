package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeFileGlobTest {
  @TempDir
  Path dir;

  private void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String probe(String name, String boundary) {
    return "probes:\n  - {name: " + name + ", boundary: " + boundary
        + ", type: tcp, tcp: {host: 127.0.0.1, port: 22}}\n";
  }

  @Test
  void globsLoadTheirMatchesSortedOnceEachAndNeverTheServiceFile() throws IOException, ConfigException {
    write("vigil.yaml", "probe_files: ['*.yaml', 'sub/**/*.yaml', b.yaml]\n");
    write("b.yaml", probe("two", "web"));
    write("a.yaml", "boundaries: [{name: web}]\n" + probe("one", "web"));
    write("sub/deep/c.yaml", probe("three", "web"));
    write("sub/notes.txt", "not yaml");

    VigilConfig c = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of());

    assertThat(c.loadedFiles()).containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yaml"),
        dir.resolve("sub/deep/c.yaml"));
    assertThat(c.probes()).extracting(ProbeConfig::name).containsExactly("one", "two", "three");
  }

  @Test
  void aBoundaryMayBeDeclaredInALaterFile() throws IOException, ConfigException {
    write("config/vigil.yaml", "");
    write("probes/1-probes.yaml", probe("api", "shop"));
    write("probes/2-boundaries.yaml", "boundaries: [{name: shop}]\n");

    VigilConfig c = ConfigLoader.load(dir.resolve("config/vigil.yaml"), Map.of());

    assertThat(c.probe("api").boundary()).isEqualTo("shop");
    assertThat(c.boundaries()).extracting(BoundaryConfig::name).containsExactly("shop");
  }

  @Test
  void aProbeFileThatIsNoYamlCausesNoFalseReferenceErrorsElsewhere() throws IOException {
    write("config/vigil.yaml", "");
    write("probes/a.yaml", probe("api", "shop"));
    write("probes/b.yaml", "boundaries:\n  - name: shop\n   title: broken indentation\n");

    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(dir.resolve("config/vigil.yaml"), Map.of()));

    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.file()).isEqualTo(dir.resolve("config/../probes/b.yaml").normalize());
      assertThat(err.message()).startsWith("invalid YAML");
    });
  }

  @Test
  void theDefaultGlobMatchingNothingIsAnError() throws IOException {
    write("config/vigil.yaml", "location: here\n");

    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(dir.resolve("config/vigil.yaml"), Map.of()));

    assertThat(e.errors()).extracting(ConfigError::message).containsExactly(
        "probe_files: '../probes/*.yaml' matches no file (globs are relative to " + dir.resolve("config") + ")");
  }
}
