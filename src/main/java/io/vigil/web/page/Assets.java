package io.vigil.web.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The page's stylesheet and script, read once from the classpath ({@code web/vigil.css}, {@code web/vigil.js}).
 * Their URLs carry a content hash, so browsers may cache them for a year and still never see a stale one.
 */
final class Assets {
  static final String CSS_PATH = "/assets/vigil.css";
  static final String JS_PATH = "/assets/vigil.js";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  final Representation css;
  final Representation js;

  Assets() {
    css = Representation.of("text/css; charset=utf-8", read("web/vigil.css"), IMMUTABLE, true);
    js = Representation.of("text/javascript; charset=utf-8", read("web/vigil.js"), IMMUTABLE, true);
  }

  String cssUrl() {
    return CSS_PATH + "?v=" + version(css);
  }

  String jsUrl() {
    return JS_PATH + "?v=" + version(js);
  }

  private static String version(Representation r) {
    return r.etag().substring(1, 13);
  }

  private static String read(String resource) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
