package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmortemAfterTest {
  @TempDir Path dir;

  private VigilConfig load(String boundaries) throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), "probe_files: [p.yaml]\nstorage: {sqlite: v.db}\n");
    Files.writeString(dir.resolve("p.yaml"), "boundaries:\n" + boundaries);
    return ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of());
  }

  @Test
  void postmortemAfterDefaultsToThirtyMinutes() throws Exception {
    VigilConfig c = load("  - {name: a}\n  - {name: b, postmortem_after: 2h}\n");
    assertThat(c.boundary("a").postmortemAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.boundary("b").postmortemAfter()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aBadPostmortemAfterIsPositioned() {
    ConfigException e = catchThrowableOfType(() -> load("  - {name: b, postmortem_after: soon}\n"),
        ConfigException.class);
    assertThat(e.errors().get(0).line() + ":" + e.errors().get(0).column() + " " + e.errors().get(0).message())
        .startsWith("2:33 postmortem_after: expected a duration like 10s, got 'soon'");
  }
}
