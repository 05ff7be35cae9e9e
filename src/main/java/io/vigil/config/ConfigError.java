package io.vigil.config;

import java.nio.file.Path;

/** Placeholder until the loader lands. */
public record ConfigError(Path file, int line, int column, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
