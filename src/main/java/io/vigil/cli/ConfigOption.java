package io.vigil.cli;

import io.vigil.config.ConfigError;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import java.io.PrintWriter;
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

  /**
   * Loads the configuration with the process environment; when it is invalid, prints every error as
   * {@code file:line:col: message} and their count to {@code err} and returns null.
   */
  VigilConfig load(PrintWriter err) {
    try {
      return ConfigLoader.load(resolve(), System.getenv());
    } catch (ConfigException e) {
      for (ConfigError error : e.errors()) {
        err.println(error);
      }
      err.printf("%d error%s%n", e.errors().size(), e.errors().size() == 1 ? "" : "s");
      err.flush();
      return null;
    }
  }
}
