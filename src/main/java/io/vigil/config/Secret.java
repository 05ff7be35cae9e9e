package io.vigil.config;

/**
 * A configured value that must never be shown: tokens, passwords, keys, webhook URLs. {@link #toString()}
 * is redacted so that a secret cannot leak through logging or string concatenation by accident.
 */
public final class Secret {
  public static final Secret EMPTY = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return value == null || value.isEmpty() ? EMPTY : new Secret(value);
  }

  /** The real value, for the one place that sends it to where it belongs. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "" : "<redacted>";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
