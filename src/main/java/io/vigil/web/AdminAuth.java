package io.vigil.web;

import io.vigil.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured admin token in constant time. With no
 * token configured, admin endpoints are disabled.
 */
public final class AdminAuth {
  /** What a request may do. */
  public enum Verdict { ALLOWED, DISABLED, DENIED }

  private final Supplier<Secret> token;

  public AdminAuth(Supplier<Secret> token) {
    this.token = token;
  }

  public Verdict check(String authorizationHeader) {
    Secret expected = token.get();
    if (expected == null || expected.isEmpty()) {
      return Verdict.DISABLED;
    }
    String given = authorizationHeader == null ? "" : authorizationHeader.trim();
    if (!given.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Verdict.DENIED;
    }
    // Compare digests so the time taken depends on neither the token's content nor its length.
    return MessageDigest.isEqual(sha256(given.substring(7).trim()), sha256(expected.reveal()))
        ? Verdict.ALLOWED : Verdict.DENIED;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
