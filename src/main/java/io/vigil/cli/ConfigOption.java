package io.vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: the service file; defaults to {@code config/vigil.yaml} here, else under {@code $VIGIL_HOME}. */
final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "service file (default: config/vigil.yaml)")
  Path config;

  Path resolve() {
    if (config != null) {
      return config;
    }
    Path local = Path.of("config", "vigil.yaml");
    String home = System.getenv("VIGIL_HOME");
    if (!Files.exists(local) && home != null && !home.isBlank()) {
      return Path.of(home, "config", "vigil.yaml");
    }
    return local;
  }
}
