package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vigil.config.StorageConfig;
import io.vigil.store.BucketRow;
import io.vigil.store.Resolution;
import io.vigil.store.SqliteStore;
import io.vigil.store.Subject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Crash safety: {@code -Drounds} times, Vigil (a child JVM) runs {@code -Dprobes} probes at 1 s for a window of
 * {@code -Dminutes} and is killed with SIGKILL {@code -Dkills} times at random moments in it, restarting after a
 * random pause. Before each kill the bench notes what history has committed (count and newest start); after
 * it, the file must pass {@code PRAGMA integrity_check} and open again. At the end of each round (graceful
 * stop) it checks: nothing noted as committed is lost, the stable boundaries (always healthy) recorded no more
 * downtime than their bad runs cover (a cold JVM may time out a first run) and, as unknown, at least the time
 * from the end of the last result's coverage before each kill to the first result after it, and the webhook
 * received each incident's firing and resolved message at most once (one boundary flaps to make incidents).
 * Prints {@code key=value} lines per kill, per round and in total.
 */
public final class CrashBench {
  private static final long INTERVAL_MS = 1_000;
  /** Probes p1 to p10 belong to stable-1 (odd) and stable-0 (even). */
  private static final String STABLE_EVEN = "'p2', 'p4', 'p6', 'p8', 'p10'";
  private static final String STABLE_ODD = "'p1', 'p3', 'p5', 'p7', 'p9'";
  private static final String STABLE_PROBES = STABLE_EVEN + ", " + STABLE_ODD;

  private CrashBench() {}

  public static void main(String[] args) throws Exception {
    int probes = Integer.getInteger("probes", 500);
    int rounds = Integer.getInteger("rounds", 5);
    int kills = Integer.getInteger("kills", 2);
    double minutes = Double.parseDouble(System.getProperty("minutes", "2"));
    Random random = new Random(Long.getLong("seed", System.nanoTime()));
    Path dir = Files.createTempDirectory("vigil-crash");
    Vertx vertx = Vertx.vertx();
    AtomicBoolean flapDown = new AtomicBoolean();
    Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    ObjectMapper json = new ObjectMapper();
    HttpServer targets = vertx.createHttpServer().requestHandler(req -> {
      if (req.path().equals("/hook")) {
        req.body().onSuccess(body -> {
          try {
            JsonNode n = json.readTree(body.getBytes());
            for (JsonNode alert : n.path("alerts")) {
              deliveries.merge(alert.path("annotations").path("incident").asText() + "|" + n.path("status").asText(),
                  1, Integer::sum);
            }
          } catch (Exception ignored) {
            // not a webhook body: counted nowhere
          }
          req.response().end();
        });
        return;
      }
      boolean down = req.path().startsWith("/flap") && flapDown.get();
      req.response().setStatusCode(down ? 503 : 200).end(down ? "down" : "ok");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long flapper = vertx.setPeriodic(20_000, id -> flapDown.set(!flapDown.get()));

    int totalKills = 0;
    long totalLost = 0;
    int integrityFailures = 0;
    long stableDown = 0;
    boolean unknownOk = true;
    boolean downOk = true;
    try {
      for (int round = 1; round <= rounds; round++) {
        Path roundDir = Files.createDirectories(dir.resolve("round-" + round));
        Path config = writeConfig(roundDir, probes, targets.actualPort());
        Path log = roundDir.resolve("vigil.log");
        Path db = roundDir.resolve("data/vigil.db");
        List<long[]> gaps = new ArrayList<>(); // killed at, serving again at (epoch ms)
        List<long[]> committed = new ArrayList<>(); // count, newest start
        long windowMs = (long) (minutes * 60_000);
        List<Long> killAt = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
          killAt.add(10_000 + (long) (random.nextDouble() * Math.max(1, windowMs - 20_000)));
        }
        killAt.sort(null);
        long roundStart = System.currentTimeMillis();
        VigilProcess vigil = VigilProcess.start(config, log, "512m");
        for (long at : killAt) {
          Thread.sleep(Math.max(0, roundStart + at - System.currentTimeMillis()));
          committed.add(committed(db));
          long killed = System.currentTimeMillis();
          vigil.kill();
          totalKills++;
          boolean intact = integrity(db);
          integrityFailures += intact ? 0 : 1;
          Thread.sleep(1_000 + random.nextInt(4_000));
          vigil = VigilProcess.start(config, log, "512m");
          long serving = System.currentTimeMillis();
          gaps.add(new long[] {killed, serving});
          VigilProcess.print(List.of("round=" + round, "kill_at_s=" + (killed - roundStart) / 1000,
              "committed_before=" + committed.get(committed.size() - 1)[0], "integrity_ok=" + intact,
              "down_for_ms=" + (serving - killed)));
        }
        Thread.sleep(Math.max(0, roundStart + windowMs - System.currentTimeMillis()));
        vigil.close();

        long lost = 0;
        long down = 0;
        long unknown = 0;
        long expectedUnknown = 0;
        long badStableRuns = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
          for (long[] k : committed) {
            lost += Math.max(0, k[0] - single(c, "SELECT count(*) FROM results WHERE start_ms <= " + k[1]));
          }
          badStableRuns = single(c, "SELECT count(*) FROM results r JOIN probes p ON p.id = r.probe_id"
              + " WHERE p.name IN (" + STABLE_PROBES + ") AND (r.code & 3) = 1");
        }
        try (SqliteStore store = SqliteStore.open(db, StorageConfig.Retention.DEFAULT, Clock.systemUTC());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
          for (int b = 0; b < 2; b++) {
            String probesOf = b == 0 ? STABLE_EVEN : STABLE_ODD;
            List<BucketRow> rows = store.buckets(Subject.BOUNDARY, store.boundaryId("stable-" + b), Resolution.MINUTE,
                0, Long.MAX_VALUE);
            for (BucketRow row : rows) {
              down += row.downMs();
            }
            for (long[] g : gaps) {
              String runs = "SELECT %s(r.start_ms) FROM results r JOIN probes p ON p.id = r.probe_id WHERE p.name IN ("
                  + probesOf + ") AND r.start_ms %s " + g[0];
              long coveredUntil = single(c, runs.formatted("max", "<")) + 2 * INTERVAL_MS;
              long firstAfter = single(c, runs.formatted("min", ">"));
              expectedUnknown += Math.max(0, firstAfter - coveredUntil);
              for (BucketRow row : rows) {
                if (row.bucketStart() < firstAfter && row.bucketStart() + 60_000 > coveredUntil) {
                  unknown += row.unknownMs();
                }
              }
            }
          }
        }
        totalLost += lost;
        stableDown += down;
        // a bad run (a cold JVM timing out its first runs) covers at most two intervals; the gaps none of it
        boolean downExplained = down <= badStableRuns * 2 * INTERVAL_MS;
        downOk &= downExplained;
        unknownOk &= unknown >= expectedUnknown;
        VigilProcess.print(List.of("round=" + round, "kills=" + gaps.size(), "committed_lost=" + lost,
            "stable_down_ms=" + down, "stable_bad_runs=" + badStableRuns, "down_only_from_bad_runs=" + downExplained,
            "stable_unknown_ms_around_gaps=" + unknown, "stable_unknown_ms_required=" + expectedUnknown));
      }
    } finally {
      vertx.cancelTimer(flapper);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    long duplicates = deliveries.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
    VigilProcess.print(List.of("crash=end", "rounds=" + rounds, "kills=" + totalKills,
        "integrity_failures=" + integrityFailures, "committed_lost=" + totalLost, "stable_down_ms=" + stableDown,
        "gaps_never_down=" + downOk, "gaps_unknown=" + unknownOk,
        "webhook_messages=" + deliveries.values().stream().mapToInt(i -> i).sum(),
        "webhook_distinct=" + deliveries.size(), "webhook_duplicates=" + duplicates, "dir=" + dir));
  }

  /** Results committed now: their count and the newest start. */
  private static long[] committed(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), coalesce(max(start_ms), 0) FROM results")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static long single(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static boolean integrity(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      return rs.next() && "ok".equals(rs.getString(1));
    }
  }

  private static Path writeConfig(Path dir, int probes, int port) throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: [probes.yaml]
        metrics: {histograms: boundary}
        notifiers:
          - {name: hook, type: webhook, url: "http://127.0.0.1:%d/hook"}
        """.formatted(port));
    StringBuilder y = new StringBuilder("""
        boundaries:
          - {name: stable-0}
          - {name: stable-1}
          - name: flap
            alerts: [{kind: down, after_failures: 2, after_successes: 2, notify: [hook]}]
        """);
    for (int b = 0; b < 20; b++) {
      y.append("  - {name: b").append(b).append("}\n");
    }
    y.append("probes:\n");
    String common = "type: http, interval: 1s, timeout: 800ms, ";
    y.append("  - {name: flap, boundary: flap, ").append(common).append("http: {url: \"http://127.0.0.1:")
        .append(port).append("/flap\"}}\n");
    for (int i = 1; i < probes; i++) {
      String boundary = i <= 10 ? "stable-" + (i % 2) : "b" + (i % 20);
      y.append("  - {name: p").append(i).append(", boundary: ").append(boundary).append(", ").append(common)
          .append("http: {url: \"http://127.0.0.1:").append(port).append("/p").append(i).append("\"}}\n");
    }
    Files.writeString(dir.resolve("probes.yaml"), y.toString());
    return dir.resolve("vigil.yaml");
  }
}
