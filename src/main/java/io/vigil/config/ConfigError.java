package io.vigil.config;

import java.nio.file.Path;

/**
 * One problem in a config file, at the place it was written.
 *
 * @param file the file as it was named (relative paths stay relative)
 * @param line 1-based line
 * @param column 1-based column
 * @param message what is wrong and, where possible, what would be right; never contains a secret
 */
public record ConfigError(Path file, int line, int column, String message) {

  /** {@code file:line:col: message}, the form {@code vigil check} prints and editors link. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
