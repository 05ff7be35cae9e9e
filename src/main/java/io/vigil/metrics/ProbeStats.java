package io.vigil.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import io.vigil.config.ProbeConfig;
import io.vigil.config.ProbeType;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;

/** One probe's series in compact form: last-run gauges, counters, and its (possibly shared) histograms. */
final class ProbeStats {
  final ProbeConfig config;
  final Labels labels;
  final HistogramGroup histograms;

  private boolean ran;
  private double success;
  private double durationSeconds;
  private int httpStatus;
  private final double[] phaseSeconds = new double[Phase.all().length];
  private double certExpiry = Double.NaN;
  private double dnsLookup = Double.NaN;
  private final long[] runs = new long[Outcome.values().length];
  private final long[] failures = new long[Reason.values().length];
  private long skipped;
  private long stalled;

  ProbeStats(ProbeConfig config, Labels labels, HistogramGroup histograms) {
    this.config = config;
    this.labels = labels;
    this.histograms = histograms;
  }

  void record(ProbeResult r) {
    synchronized (this) {
      ran = true;
      success = r.good() ? 1 : 0;
      durationSeconds = r.durationSeconds();
      httpStatus = r.httpStatus();
      for (Phase p : Phase.all()) {
        phaseSeconds[p.ordinal()] = r.phases().has(p) ? r.phases().seconds(p) : 0;
      }
      certExpiry = r.tls() == null ? Double.NaN : r.tls().earliestExpiry().getEpochSecond();
      if (config.type() == ProbeType.DNS) {
        dnsLookup = durationSeconds;
      } else if (r.phases().has(Phase.RESOLVE)) {
        dnsLookup = r.phases().seconds(Phase.RESOLVE);
      }
      runs[r.outcome().ordinal()]++;
      if (r.reason() != null) {
        failures[r.reason().ordinal()]++;
      }
      if (r.stalled()) {
        stalled++;
      }
    }
    if (r.valid()) {
      histograms.duration.observe(r.durationSeconds());
      for (Phase p : Phase.all()) {
        if (r.phases().has(p)) {
          histograms.phases[p.ordinal()].observe(r.phases().seconds(p));
        }
      }
    }
  }

  synchronized void skipped(int ticks) {
    skipped += ticks;
  }

  synchronized Last last() {
    return new Last(ran, success, durationSeconds, httpStatus, phaseSeconds.clone(), certExpiry, dnsLookup,
        runs.clone(), failures.clone(), skipped, stalled);
  }

  /** A consistent copy taken at scrape time. */
  record Last(boolean ran, double success, double durationSeconds, int httpStatus, double[] phaseSeconds,
      double certExpiry, double dnsLookup, long[] runs, long[] failures, long skipped, long stalled) {}
}
