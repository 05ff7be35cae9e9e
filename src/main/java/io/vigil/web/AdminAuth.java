package io.vigil.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
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

  /**
   * Lets an admin request through, or answers it: 404 while admin endpoints are disabled, 401 without a valid
   * token. A refused request's body (if it announced one) is never read: the connection closes after the answer.
   *
   * @return whether the request may proceed
   */
  public boolean admit(RoutingContext ctx) {
    Verdict v = check(ctx.request().getHeader("Authorization"));
    if (v == Verdict.ALLOWED) {
      return true;
    }
    if (ctx.request().headers().contains("Content-Length") || ctx.request().headers().contains("Transfer-Encoding")) {
      ctx.response().putHeader("Connection", "close");
    }
    if (v == Verdict.DISABLED) {
      json(ctx, 404, new JsonObject().put("error", "admin endpoints are disabled (no admin_token)"));
    } else {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
      json(ctx, 401, new JsonObject().put("error", "a valid admin bearer token is required"));
    }
    return false;
  }

  /** Answers with a JSON body. */
  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache").end(body.encodePrettily());
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
