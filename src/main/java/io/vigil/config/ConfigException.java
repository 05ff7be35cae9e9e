package io.vigil.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a configuration is invalid. It carries every error found in the service file and in
 * every probe file, sorted by file and position; nothing of an invalid configuration is ever used.
 */
public final class ConfigException extends Exception {
  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** Every error, at least one, in file and position order. */
  public List<ConfigError> errors() {
    return errors;
  }
}
