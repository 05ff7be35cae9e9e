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

  /**
   * A SHA-256 digest of the value (hex), for telling two secrets apart without revealing either: definition
   * keys include it so that a rotated token counts as a change.
   */
  public String fingerprint() {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
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
