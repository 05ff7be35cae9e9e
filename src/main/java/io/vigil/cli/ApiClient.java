package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a running Vigil's JSON API for commands given {@code --url}. A malformed URL is an
 * {@link IllegalArgumentException} (exit 2); a Vigil that cannot be reached or answers something other than
 * JSON with 200 is an {@link IllegalStateException} (exit 1).
 */
final class ApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI base;

  /** @param url the {@code --url} value: a base URL like {@code http://127.0.0.1:8080} */
  ApiClient(String url) {
    URI b;
    try {
      b = URI.create(url.endsWith("/") ? url : url + "/");
    } catch (IllegalArgumentException e) {
      b = null;
    }
    if (b == null || b.getHost() == null || !("http".equalsIgnoreCase(b.getScheme())
        || "https".equalsIgnoreCase(b.getScheme()))) {
      throw new IllegalArgumentException("--url: expected a base URL like http://127.0.0.1:8080, got '" + url + "'");
    }
    this.base = b;
  }

  /** GETs {@code path} (relative, like {@code api/v1/status}) and parses its JSON. */
  JsonNode get(String path) {
    URI uri = base.resolve(path);
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered HTTP " + r.statusCode());
      }
      try {
        return new ObjectMapper().readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException(uri + " did not answer JSON");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + uri + ": " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + uri);
    }
  }
}
