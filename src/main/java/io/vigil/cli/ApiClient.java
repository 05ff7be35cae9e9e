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

  /** An answer of the API: its status and body. */
  record Answer(int status, String body) {}

  /** The absolute URI of {@code path} (relative, like {@code api/v1/events}). */
  URI uri(String path) {
    return base.resolve(path);
  }

  /** POSTs a JSON body with the admin {@code token} and returns the answer, whatever its status. */
  Answer post(String path, String json, String token) {
    URI uri = uri(path);
    return send(uri, HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private Answer send(URI uri, HttpRequest request) {
    try {
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + uri + ": " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + uri);
    }
  }

  /** GETs {@code path} (relative, like {@code api/v1/status}) and parses its JSON. */
  JsonNode get(String path) {
    URI uri = uri(path);
    Answer r = send(uri, HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET()
        .build());
    if (r.status() != 200) {
      throw new IllegalStateException(uri + " answered HTTP " + r.status());
    }
    try {
      return new ObjectMapper().readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(uri + " did not answer JSON");
    }
  }
}
