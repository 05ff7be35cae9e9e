package io.vigil.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds connections on Vigil's port: at most {@link ServerLimits#maxConnections()} open at once and at most
 * {@link ServerLimits#maxConnectionsPerClient()} from one remote address (a connection over either limit is
 * closed as soon as it is accepted, so one client cannot crowd out the others), and each must deliver a
 * complete request head within
 * {@link ServerLimits#headerTimeout()} of connecting or of the previous response ending, else it is closed. A
 * client trickling its headers byte by byte therefore holds a connection for seconds, not for ever. Every
 * callback runs on the connection's event loop and only touches a counter, a map entry and one timer.
 */
final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final Vertx vertx;
  private final ServerLimits limits;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<HttpConnection, Awaiting> awaiting = new ConcurrentHashMap<>();
  private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();

  ConnectionGuard(Vertx vertx, ServerLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** Installs the guard on {@code server} and wraps its request handler. */
  void install(HttpServer server, Handler<HttpServerRequest> requests) {
    server.connectionHandler(this::opened);
    server.requestHandler(req -> {
      Awaiting a = awaiting.get(req.connection());
      if (a != null) {
        a.arrived();
        req.response().endHandler(v -> a.await());
      }
      requests.handle(req);
    });
  }

  /** Connections open now. */
  int open() {
    return open.get();
  }

  private void opened(HttpConnection conn) {
    String client = conn.remoteAddress() == null || conn.remoteAddress().hostAddress() == null ? ""
        : conn.remoteAddress().hostAddress();
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      refuse(conn, "more than {} connections on the HTTP port; closing new ones", limits.maxConnections());
      return;
    }
    if (perClient.merge(client, 1, Integer::sum) > limits.maxConnectionsPerClient()) {
      release(client);
      refuse(conn, "more than {} connections from one address on the HTTP port; closing its new ones",
          limits.maxConnectionsPerClient());
      return;
    }
    Awaiting a = new Awaiting(conn);
    awaiting.put(conn, a);
    conn.closeHandler(v -> {
      release(client);
      a.arrived();
      awaiting.remove(conn);
    });
    a.await();
  }

  private void release(String client) {
    open.decrementAndGet();
    perClient.computeIfPresent(client, (k, n) -> n > 1 ? n - 1 : null);
  }

  private void refuse(HttpConnection conn, String why, int limit) {
    if (refused.getAndIncrement() % 1000 == 0) {
      LOG.warn(why, limit);
    }
    conn.close();
  }

  /** The timer for the next request head on one connection. */
  private final class Awaiting {
    private final HttpConnection conn;
    private long timer = -1;

    Awaiting(HttpConnection conn) {
      this.conn = conn;
    }

    void await() {
      arrived();
      timer = vertx.setTimer(limits.headerTimeout().toMillis(), id -> {
        timer = -1;
        conn.close();
      });
    }

    void arrived() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
