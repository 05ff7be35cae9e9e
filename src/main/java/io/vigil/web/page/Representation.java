package io.vigil.web.page;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A response body ready to send many times: its bytes, optionally a precompressed gzip form (so a busy page
 * is compressed once per snapshot, not per request), a strong ETag and a Cache-Control value. {@link #send}
 * answers conditional requests with 304.
 *
 * @param contentType media type with charset
 * @param body identity bytes
 * @param gzip gzip bytes, or {@code null} to leave compression to the server
 * @param etag quoted strong entity tag of the identity bytes
 * @param cacheControl Cache-Control value
 */
record Representation(String contentType, Buffer body, Buffer gzip, String etag, String cacheControl) {
  static final String GZIP_SUFFIX = "-gz\"";

  static Representation of(String contentType, String body, String cacheControl, boolean precompress) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new Representation(contentType, Buffer.buffer(bytes), precompress ? Buffer.buffer(gzip(bytes)) : null,
        etag(bytes), cacheControl);
  }

  /** Sends it with {@code status}; a GET whose If-None-Match holds the current tag gets 304 and no body. */
  void send(RoutingContext ctx, int status) {
    HttpServerResponse response = ctx.response();
    String accept = ctx.request().getHeader("Accept-Encoding");
    boolean zipped = gzip != null && accept != null && acceptsGzip(accept);
    String tag = zipped ? etag.substring(0, etag.length() - 1) + GZIP_SUFFIX : etag;
    response.putHeader("Cache-Control", cacheControl).putHeader("ETag", tag);
    if (gzip != null) {
      response.putHeader("Vary", "Accept-Encoding");
    }
    if (status == 200 && matches(ctx.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", contentType);
    if (zipped) {
      response.putHeader("Content-Encoding", "gzip"); // the server leaves bodies that carry an encoding alone
    }
    response.end(zipped ? gzip : body);
  }

  private boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    String plain = etag.substring(1, etag.length() - 1);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag) || c.equals("\"" + plain + GZIP_SUFFIX)) {
        return true;
      }
    }
    return false;
  }

  private static boolean acceptsGzip(String acceptEncoding) {
    for (String part : acceptEncoding.split(",")) {
      String[] coding = part.trim().split(";");
      if (coding[0].trim().equalsIgnoreCase("gzip")) {
        return coding.length < 2 || !coding[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
      }
    }
    return false;
  }

  static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out, 8192)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
