package io.vigil.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile clients against a running Vigil (a child JVM probing a loopback target) while a healthy client on
 * another address checks that {@code /-/healthy} and the status page stay answerable. From 127.0.0.1: slow
 * bodies (a large Content-Length, one byte every two seconds, on the reload path), idle connections held
 * open, huge bodies sent as fast as the socket takes them, and bad query values on the history API. From
 * 127.0.0.2: one request every 50 ms, alternately {@code /-/healthy} and {@code /}. Prints key=value lines.
 * Every loop ends at the deadline; connections are bounded by the counts below.
 */
public final class HostileClientsBench {
  private static final InetAddress ATTACKER = address("127.0.0.1");
  private static final InetAddress HEALTHY = address("127.0.0.2");
  private static final String[] BAD_QUERIES = {
      "/api/v1/boundaries/shop/history?step=1ns", "/api/v1/boundaries/shop/history?from=yesterday",
      "/api/v1/boundaries/shop/history?from=9999999999999999999", "/api/v1/boundaries/shop/history?step=%zz",
      "/api/v1/boundaries/shop/history?to=-1&from=1", "/api/v1/boundaries/" + "x".repeat(4000) + "/history",
      "/badge/shop/uptime.svg?window=" + "9".repeat(200), "/api/v1/status?" + "a=b&".repeat(2000)};

  private final long deadline;
  private final int port;
  private final AtomicLong slowClosed = new AtomicLong();
  private final AtomicLong idleClosed = new AtomicLong();
  private final AtomicLong hugeAnswered = new AtomicLong();
  private final AtomicLong badAnswered = new AtomicLong();
  private final AtomicLong bad5xx = new AtomicLong();
  private final ConcurrentLinkedQueue<Long> healthyNanos = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> pageNanos = new ConcurrentLinkedQueue<>();
  private final AtomicLong healthyFailures = new AtomicLong();

  private HostileClientsBench(long deadline, int port) {
    this.deadline = deadline;
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("seconds", 60);
    int slow = Integer.getInteger("slow", 200);
    int idle = Integer.getInteger("idle", 300);
    Path dir = Files.createTempDirectory("vigil-hostile");
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/", ex -> {
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    target.start();
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        admin_token: bench-admin-token
        storage: {sqlite: data/vigil.db}
        probe_files: [probes.yaml]
        """);
    StringBuilder probes = new StringBuilder("boundaries: [{name: shop, public: true}]\nprobes:\n");
    for (int i = 0; i < 20; i++) {
      probes.append("  - {name: p%d, boundary: shop, type: http, interval: 1s, http: {url: \"http://127.0.0.1:%d/\"}}\n"
          .formatted(i, target.getAddress().getPort()));
    }
    Files.writeString(dir.resolve("probes.yaml"), probes);
    try (VigilProcess vigil = VigilProcess.start(dir.resolve("vigil.yaml"), dir.resolve("vigil.log"), "256m")) {
      HostileClientsBench b = new HostileClientsBench(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds),
          vigil.port());
      List<Thread> threads = new ArrayList<>();
      threads.add(start("healthy", b::healthy));
      threads.add(start("slow-bodies", () -> b.hold(slow, true, b.slowClosed)));
      threads.add(start("idle", () -> b.hold(idle, false, b.idleClosed)));
      for (int i = 0; i < 2; i++) {
        threads.add(start("huge-" + i, b::huge));
        threads.add(start("bad-" + i, b::badQueries));
      }
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(seconds + 30));
      }
      b.print(seconds, slow, idle);
    } finally {
      target.stop(0);
    }
  }

  private void print(int seconds, int slow, int idle) {
    System.out.printf("vigil check=hostile seconds=%d slow_bodies=%d idle_connections=%d huge_bodies_answered=%d"
        + " bad_queries_answered=%d bad_queries_5xx=%d slow_closed_by_server=%d idle_closed_by_server=%d%n",
        seconds, slow, idle, hugeAnswered.get(), badAnswered.get(), bad5xx.get(), slowClosed.get(),
        idleClosed.get());
    long[] h = sorted(healthyNanos);
    long[] p = sorted(pageNanos);
    boolean met = healthyFailures.get() == 0 && h.length > 0 && p.length > 0 && pct(h, 99) < 100 && pct(p, 99) < 100;
    System.out.printf("vigil check=hostile-healthy healthy_requests=%d page_requests=%d failures=%d"
        + " healthy_p50_ms=%.1f healthy_p99_ms=%.1f healthy_max_ms=%.1f page_p50_ms=%.1f page_p99_ms=%.1f"
        + " page_max_ms=%.1f goal_p99_under_100ms=%s%n", h.length, p.length, healthyFailures.get(), pct(h, 50),
        pct(h, 99), pct(h, 100), pct(p, 50), pct(p, 99), pct(p, 100), met);
  }

  private boolean running() {
    return System.nanoTime() - deadline < 0;
  }

  /** One request every 50 ms from the healthy address, alternately the liveness path and the status page. */
  private void healthy() {
    for (long n = 0; running() && n < 100_000; n++) {
      String path = n % 2 == 0 ? "/-/healthy" : "/";
      long t0 = System.nanoTime();
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(HEALTHY, 0));
        s.connect(new InetSocketAddress(ATTACKER, port), 2_000);
        s.setSoTimeout(2_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: vigil\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        byte[] all = s.getInputStream().readAllBytes();
        String head = new String(all, 0, Math.min(all.length, 12), StandardCharsets.US_ASCII);
        if (!head.startsWith("HTTP/1.1 200")) {
          healthyFailures.incrementAndGet();
        } else {
          (n % 2 == 0 ? healthyNanos : pageNanos).add(System.nanoTime() - t0);
        }
      } catch (IOException e) {
        healthyFailures.incrementAndGet();
      }
      sleep(50);
    }
  }

  /**
   * Holds {@code count} connections open: with {@code body}, each has sent the head of a reload with a 100 MB
   * body and then sends one byte every two seconds; without, each sends nothing. A connection the server
   * closes is counted and opened again.
   */
  private void hold(int count, boolean body, AtomicLong closedByServer) {
    Socket[] sockets = new Socket[count];
    while (running()) {
      for (int i = 0; i < count && running(); i++) {
        try {
          if (sockets[i] == null) {
            sockets[i] = new Socket();
            sockets[i].bind(new InetSocketAddress(ATTACKER, 0));
            sockets[i].connect(new InetSocketAddress(ATTACKER, port), 2_000);
            if (body) {
              sockets[i].getOutputStream().write(("POST /-/reload HTTP/1.1\r\nHost: vigil\r\nAuthorization: Bearer "
                  + "bench-admin-token\r\nContent-Length: 100000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
          } else if (body) {
            sockets[i].getOutputStream().write('x');
          } else if (answeredOrClosed(sockets[i])) {
            throw new IOException("answered or closed");
          }
        } catch (IOException e) {
          closedByServer.incrementAndGet();
          close(sockets[i]);
          sockets[i] = null;
        }
      }
      sleep(2_000);
    }
    Arrays.stream(sockets).forEach(HostileClientsBench::close);
  }

  /** POSTs 50 MB bodies as fast as the socket takes them; counts the answers (413 expected). */
  private void huge() {
    byte[] chunk = new byte[64 * 1024];
    for (int n = 0; running() && n < 10_000; n++) {
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(ATTACKER, 0));
        s.connect(new InetSocketAddress(ATTACKER, port), 2_000);
        s.setSoTimeout(5_000);
        OutputStream out = s.getOutputStream();
        out.write("POST /api/v1/status HTTP/1.1\r\nHost: vigil\r\nContent-Length: 52428800\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        try {
          for (int sent = 0; sent < 800 && running(); sent++) {
            out.write(chunk);
          }
        } catch (IOException closed) {
          // the server stopped reading: expected
        }
        InputStream in = s.getInputStream();
        if (in.read() == 'H') {
          hugeAnswered.incrementAndGet();
        }
      } catch (IOException e) {
        // refused or reset: the server defends itself; try again
      }
    }
  }

  /** Bad and oversized query values on keep-alive connections; counts answers and any 5xx among them. */
  private void badQueries() {
    for (int n = 0; running() && n < 1_000_000; n++) {
      String path = BAD_QUERIES[n % BAD_QUERIES.length];
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(ATTACKER, 0));
        s.connect(new InetSocketAddress(ATTACKER, port), 2_000);
        s.setSoTimeout(5_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: vigil\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        byte[] head = s.getInputStream().readNBytes(12);
        String status = new String(head, StandardCharsets.US_ASCII);
        if (status.startsWith("HTTP/1.1 ")) {
          badAnswered.incrementAndGet();
          if (status.startsWith("HTTP/1.1 5")) {
            bad5xx.incrementAndGet();
          }
        }
      } catch (IOException e) {
        // refused at the per-client cap: the server defends itself
      }
    }
  }

  /** Whether the server has written to or closed an idle connection (a 1 ms read: timeout means still open). */
  private static boolean answeredOrClosed(Socket s) throws IOException {
    s.setSoTimeout(1);
    try {
      s.getInputStream().read(); // a byte or end of stream: either way the server acted
      return true;
    } catch (SocketTimeoutException open) {
      return false;
    }
  }

  private static long[] sorted(ConcurrentLinkedQueue<Long> q) {
    return q.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /** The p-th percentile in milliseconds (nearest rank), 0 when empty. */
  private static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
    return sorted[i] / 1e6;
  }

  private static Thread start(String name, Runnable r) {
    Thread t = new Thread(r, "hostile-" + name);
    t.start();
    return t;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void close(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
