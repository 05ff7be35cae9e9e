package io.vigil.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vigil.config.ProbeConfig;
import io.vigil.faults.HostileTargets;
import io.vigil.testing.Exposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Soak: Vigil (a child JVM) runs {@code -Dprobes} probes, a third of them against hostile targets, for
 * {@code -Dminutes}; every {@code -Dsample.seconds} it samples RSS, open file descriptors and scheduler lag (mean
 * and share of starts over 50 ms in the interval, from {@code vigil_scheduler_lag_seconds}), and every
 * {@code -Dgc.every} samples the heap after a full GC it forces with jcmd (that pause shows in the next
 * interval's lag, which is marked {@code after_forced_gc=true}). It prints one {@code key=value} line per
 * sample, then the trend of each figure (least-squares slope per minute over the second half, once start-up is
 * over) and whether it is flat (no figure grows faster than a small bound).
 */
public final class SoakBench {
  private SoakBench() {}

  public static void main(String[] args) throws Exception {
    int probes = Integer.getInteger("probes", 2_000);
    double minutes = Double.parseDouble(System.getProperty("minutes", "10"));
    int sampleSeconds = Integer.getInteger("sample.seconds", 10);
    int gcEvery = Integer.getInteger("gc.every", 6);
    Duration interval = Duration.parse("PT" + System.getProperty("interval", "10s").toUpperCase(Locale.ROOT));
    Path dir = Files.createTempDirectory("vigil-soak");
    Vertx vertx = Vertx.vertx();
    HttpServer healthy = vertx.createHttpServer().requestHandler(r -> r.response().end("{\"status\":\"UP\"}"))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (HostileTargets hostile = new HostileTargets(dir.resolve("certs"))) {
      Path config = writeConfig(dir, probes, interval, healthy.actualPort(), hostile);
      Path log = dir.resolve("vigil.log");
      try (VigilProcess vigil = VigilProcess.start(config, log, System.getProperty("heap", "1g"))) {
        VigilProcess.print(List.of("soak=start", "probes=" + probes, "hostile=" + probes / 3,
            "interval=" + interval, "minutes=" + minutes, "pid=" + vigil.pid(), "dir=" + dir));
        List<double[]> samples = new ArrayList<>(); // minute, heap MiB, rss MiB, fds, lag mean ms, late share
        double[] lastLag = lagTotals(vigil.metrics());
        long start = System.nanoTime();
        long end = start + (long) (minutes * 60e9);
        boolean afterGc = false;
        while (System.nanoTime() < end) {
          Thread.sleep(sampleSeconds * 1_000L);
          double[] lag = lagTotals(vigil.metrics());
          double rss = vigil.rssKb() / 1024.0;
          long fds = vigil.openFiles();
          boolean gcNow = (samples.size() + 1) % gcEvery == 0;
          double heap = gcNow ? vigil.heapAfterGc() / 1048576.0 : Double.NaN;
          double count = lag[1] - lastLag[1];
          double meanMs = count > 0 ? (lag[0] - lastLag[0]) / count * 1000 : 0;
          double lateShare = count > 0 ? (count - (lag[2] - lastLag[2])) / count : 0;
          lastLag = lag;
          double minute = (System.nanoTime() - start) / 60e9;
          samples.add(new double[] {minute, heap, rss, fds, meanMs, lateShare});
          List<String> line = new ArrayList<>(List.of(String.format(Locale.ROOT, "t_min=%.2f", minute),
              String.format(Locale.ROOT, "rss_mib=%.1f", rss), "open_fds=" + fds,
              String.format(Locale.ROOT, "lag_mean_ms=%.2f", meanMs),
              String.format(Locale.ROOT, "starts_over_50ms=%.4f", lateShare),
              String.format(Locale.ROOT, "starts=%.0f", count), "after_forced_gc=" + afterGc));
          if (gcNow) {
            line.add(1, String.format(Locale.ROOT, "heap_after_gc_mib=%.1f", heap));
          }
          VigilProcess.print(line);
          afterGc = gcNow;
        }
        List<double[]> steady = samples.subList(samples.size() / 2, samples.size());
        String[] names = {"heap_after_gc_mib", "rss_mib", "open_fds", "lag_mean_ms"};
        double[] flatWithin = {2.0, 4.0, 2.0, 0.5}; // growth per minute that still counts as flat
        List<String> summary = new ArrayList<>(List.of("soak=end", "samples=" + samples.size()));
        boolean flat = true;
        for (int i = 0; i < names.length; i++) {
          double slope = slope(steady, i + 1);
          summary.add(String.format(Locale.ROOT, "%s_slope_per_min=%.3f", names[i], slope));
          int column = i + 1;
          summary.add(String.format(Locale.ROOT, "%s_max=%.1f", names[i],
              samples.stream().mapToDouble(s -> s[column]).filter(v -> !Double.isNaN(v)).max().orElse(0)));
          flat &= slope <= flatWithin[i]; // growth is what matters: shrinking (a GC returning memory) is flat
        }
        summary.add(String.format(Locale.ROOT, "starts_over_50ms_mean=%.4f",
            samples.stream().mapToDouble(s -> s[5]).average().orElse(0)));
        summary.add("flat=" + flat);
        VigilProcess.print(summary);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Sum of lag seconds, number of starts, and starts within 50 ms so far. */
  private static double[] lagTotals(Exposition e) {
    double sum = e.find("vigil_scheduler_lag_seconds_sum").stream().mapToDouble(Exposition.Sample::value).sum();
    double count = e.find("vigil_scheduler_lag_seconds_count").stream().mapToDouble(Exposition.Sample::value).sum();
    double fast = e.find("vigil_scheduler_lag_seconds_bucket", "le", "0.05").stream()
        .mapToDouble(Exposition.Sample::value).sum();
    return new double[] {sum, count, fast};
  }

  /** Least-squares slope of column {@code y} against column 0 (minutes). */
  private static double slope(List<double[]> all, int y) {
    List<double[]> rows = all.stream().filter(r -> !Double.isNaN(r[y])).toList();
    int n = rows.size();
    if (n < 2) {
      return 0;
    }
    double mx = rows.stream().mapToDouble(r -> r[0]).average().orElse(0);
    double my = rows.stream().mapToDouble(r -> r[y]).average().orElse(0);
    double num = 0;
    double den = 0;
    for (double[] r : rows) {
      num += (r[0] - mx) * (r[y] - my);
      den += (r[0] - mx) * (r[0] - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  private static Path writeConfig(Path dir, int probes, Duration interval, int healthyPort, HostileTargets hostile)
      throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        storage: {sqlite: data/vigil.db}
        probe_files: [probes.yaml]
        metrics: {histograms: boundary}
        """);
    String every = interval.toMillis() + "ms";
    String timeout = Math.min(5_000, interval.toMillis() * 8 / 10) + "ms";
    StringBuilder y = new StringBuilder("boundaries:\n");
    int boundaries = Math.max(1, probes / 20);
    for (int b = 0; b < boundaries; b++) {
      y.append("  - {name: b").append(b).append("}\n");
    }
    y.append("probes:\n");
    List<HostileTargets.Case> cases = hostile.cases();
    for (int i = 0; i < probes; i++) {
      String head = "  - {name: p" + i + ", boundary: b" + (i % boundaries) + ", interval: " + every
          + ", timeout: " + timeout + ", ";
      if (i % 3 == 2) {
        y.append(head).append(yaml(cases.get((i / 3) % cases.size()).probe().apply(Duration.ofSeconds(5))))
            .append("}\n");
      } else {
        y.append(head).append("type: http, http: {url: \"http://127.0.0.1:").append(healthyPort).append("/p")
            .append(i).append("\"}}\n");
      }
    }
    Files.writeString(dir.resolve("probes.yaml"), y.toString());
    return dir.resolve("vigil.yaml");
  }

  /** The probe-type part of a hostile case's probe in YAML flow style. */
  static String yaml(ProbeConfig p) {
    return switch (p.type()) {
      case HTTP -> "type: http, http: {url: " + quote(p.http().url())
          + (p.http().tls() != null && p.http().tls().caFile() != null
              ? ", tls: {ca_file: " + quote(p.http().tls().caFile().toString()) + "}" : "")
          + (p.http().expect().bodyMatches().isEmpty() ? ""
              : ", expect: {body_matches: " + quote(p.http().expect().bodyMatches().get(0).pattern()) + "}")
          + "}";
      case TCP -> "type: tcp, tcp: {host: " + quote(p.tcp().host()) + ", port: " + p.tcp().port()
          + (p.tcp().steps().isEmpty() ? "" : ", expect: " + quote(p.tcp().steps().get(0).expect().pattern())) + "}";
      case DNS -> "type: dns, dns: {server: " + quote(p.dns().server()) + ", name: " + quote(p.dns().name())
          + ", type: " + p.dns().type() + "}";
    };
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
