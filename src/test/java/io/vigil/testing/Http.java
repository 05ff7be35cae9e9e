package io.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small blocking HTTP helpers for tests (JDK client, loopback only), and polling. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  public static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> post(String url, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls until the condition holds or the time is up; returns whether it held. */
  public static boolean eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return true;
        }
      } catch (RuntimeException | AssertionError notYet) {
        // keep polling
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  /**
   * What Vert.x's worker and blocking threads of this JVM are doing, for the message of a wait that timed out
   * (housekeeping, accounting and store reads run there).
   */
  public static String workerThreads() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      if (t.getName().startsWith("vert.x-worker") || t.getName().startsWith("vert.x-internal-blocking")) {
        out.append('\n').append(t.getName()).append(' ').append(t.getState());
        for (int i = 0; i < Math.min(stack.length, 12); i++) {
          out.append("\n    at ").append(stack[i]);
        }
      }
    });
    return out.toString();
  }

  /** The metrics page of a Vigil on {@code port}, parsed. */
  public static Exposition metrics(int port) {
    try {
      return new Exposition(get("http://127.0.0.1:" + port + "/metrics").body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
