package io.vigil.faults;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP target that answers 200 and remembers when each request for each path arrived
 * ({@link System#nanoTime()}), so a test can tell whether a probe missed a run.
 */
final class TimedTarget implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

  TimedTarget() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> {
      List<Long> list = arrivals.computeIfAbsent(req.path(), p -> new ArrayList<>());
      synchronized (list) {
        list.add(System.nanoTime());
      }
      String token = req.getHeader("X-Token");
      if (token != null) { // also remembered under path#token, so a test can see which credential arrived
        List<Long> byToken = arrivals.computeIfAbsent(req.path() + "#" + token, p -> new ArrayList<>());
        synchronized (byToken) {
          byToken.add(System.nanoTime());
        }
      }
      req.response().end("ok");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /** Arrival times of requests for {@code path}, oldest first. */
  List<Long> arrivals(String path) {
    List<Long> list = arrivals.getOrDefault(path, List.of());
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  int count(String path) {
    return arrivals(path).size();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
