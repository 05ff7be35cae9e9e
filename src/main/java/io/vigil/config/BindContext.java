package io.vigil.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one load collects while it reads: every error (loading goes on after one, so the user sees
 * all of them at once) and every secret value (for the {@link Redactor}).
 */
final class BindContext {
  /** Most errors kept: beyond them one more says how many were left out (an alias can repeat a map's errors). */
  static final int MAX_ERRORS = 200;

  private final Set<ConfigError> errors = new LinkedHashSet<>();
  private int dropped;
  private final Set<String> secrets = new LinkedHashSet<>();
  private final List<Path> fileOrder = new ArrayList<>();

  /** Records an error; the same one at the same position (an aliased node read again) is kept once. */
  void error(Node.Pos pos, String message) {
    ConfigError e = new ConfigError(pos.file(), pos.line(), pos.column(), message);
    if (errors.size() < MAX_ERRORS) {
      errors.add(e);
    } else if (!errors.contains(e)) {
      dropped++;
    }
  }

  /** Remembers a value that must never be shown. */
  void secret(String value) {
    if (value != null && !value.isEmpty()) {
      secrets.add(value);
    }
  }

  /** Records that {@code file} is read next; errors sort by this order, then by position. */
  void reading(Path file) {
    if (!fileOrder.contains(file)) {
      fileOrder.add(file);
    }
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  int errorCount() {
    return errors.size();
  }

  Set<String> secrets() {
    return secrets;
  }

  /** The errors in file order then position, with any secret in their messages redacted. */
  List<ConfigError> errors(Redactor redactor) {
    Comparator<ConfigError> order = Comparator.<ConfigError>comparingInt(e -> fileIndex(e.file()))
        .thenComparingInt(ConfigError::line)
        .thenComparingInt(ConfigError::column);
    List<ConfigError> out = new ArrayList<>(errors.stream()
        .sorted(order)
        .map(e -> new ConfigError(e.file(), e.line(), e.column(), redactor.redact(e.message())))
        .toList());
    if (dropped > 0) {
      ConfigError last = out.get(out.size() - 1);
      out.add(new ConfigError(last.file(), last.line(), last.column(),
          "and " + dropped + " more errors (only the first " + MAX_ERRORS + " are reported)"));
    }
    return out;
  }

  private int fileIndex(Path file) {
    int i = fileOrder.indexOf(file);
    return i < 0 ? Integer.MAX_VALUE : i;
  }
}
