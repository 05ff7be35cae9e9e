package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderMultiErrorTest {
  static final Path DIR = Path.of("src/test/resources/config/invalid-multi");

  @Test
  void reportsEveryErrorOfEveryFileInFileAndPositionOrder() {
    Path service = DIR.resolve("config/vigil.yaml");
    Path a = DIR.resolve("probes/a.yaml");
    Path b = DIR.resolve("probes/b.yaml");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(service, Map.of()));

    assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
        service + ":3:1: unknown key 'locaton' in the service file; did you mean 'location'?",
        service + ":5:49: environment variable PD_KEY is not set (write ${PD_KEY:-default} to give a default)",
        service + ":6:24: type: expected one of webhook, slack, pagerduty, opsgenie, email; got 'sms'",
        a + ":3:15: boundary: no boundary named 'shop-ap' in any probe file; did you mean 'shop-api'?",
        a + ":5:15: interval: expected a duration like 10s, got 'often'",
        a + ":10:31: notify: no notifier named 'pagr' in the service file; did you mean 'pager'?",
        b + ":4:53: target: a target lies strictly between 0 and 100%, got '100.5%'",
        b + ":6:11: name: duplicate probe name 'users' (also defined at " + a + ":2)",
        b + ":9:40: port: expected a port 1-65535, got '0'");
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.errors().stream().map(ConfigError::toString).toList()));
  }

  @TempDir
  Path dir;

  @Test
  void anAliasedMapReportsItsErrorsOnceAndTheTotalIsCapped() throws Exception {
    StringBuilder probes = new StringBuilder("boundaries: [{name: b}]\nbad: &bad {type: tcp, interval: often, x: 1}\n"
        + "probes:\n");
    for (int i = 0; i < 2000; i++) {
      probes.append("  - {name: p").append(i).append(", boundary: b, <<: *bad, tcp: {host: h, port: 0}}\n");
    }
    Files.writeString(dir.resolve("vigil.yaml"), "probe_files: [probes.yaml]\n");
    Files.writeString(dir.resolve("probes.yaml"), probes);

    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of()));

    assertThat(e.errors()).hasSizeLessThanOrEqualTo(BindContext.MAX_ERRORS + 1);
    assertThat(e.errors().stream().map(ConfigError::toString).distinct()).hasSameSizeAs(e.errors());
    assertThat(e.getMessage().length()).isLessThan(64 * 1024);
  }
}
