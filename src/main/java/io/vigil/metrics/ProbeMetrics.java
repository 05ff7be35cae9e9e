package io.vigil.metrics;

import static io.vigil.metrics.MetricNames.*;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.ProbeType;
import io.vigil.config.VigilConfig.HistogramsPer;
import io.vigil.config.VigilConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.schedule.ResultSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The probe-level series of SPEC §5, kept in compact per-probe state and turned into Prometheus snapshots
 * only at scrape time, so a large fleet costs a few hundred bytes per probe rather than a meter per series.
 * Updated by {@link #accept} on the probes' event loops; read by the registry's scrape.
 *
 * <p>Histograms carry the probe label by default; with {@code metrics: {histograms: boundary}} one group is
 * kept per boundary and probe type. Their buckets include every latency-SLO threshold of the boundary, so
 * Prometheus rules can read an SLO threshold exactly.
 */
public final class ProbeMetrics implements ResultSink, MultiCollector {
  private final String location;
  private volatile Map<String, ProbeStats> byName = Map.of();
  private volatile List<ProbeStats> ordered = List.of();
  private volatile Map<String, HistogramGroup> histograms = Map.of();

  public ProbeMetrics(String location) {
    this.location = location;
  }

  /**
   * Sets the probes to export. Probes whose definition did not change keep their counters and histograms;
   * removed probes disappear from the exposition.
   */
  public synchronized void configure(VigilConfig config) {
    Map<String, ProbeStats> oldStats = byName;
    Map<String, HistogramGroup> oldGroups = histograms;
    Map<String, ProbeStats> stats = new HashMap<>();
    Map<String, HistogramGroup> groups = new LinkedHashMap<>();
    boolean perProbe = config.histogramsPer() == HistogramsPer.PROBE;
    for (ProbeConfig p : config.probes()) {
      ProbeStats previous = oldStats.get(p.name());
      boolean unchanged = previous != null && previous.config.sameDefinition(p);
      double[] bounds = Buckets.boundsWith(latencyThresholds(config.boundary(p.boundary())));
      String key = (perProbe ? "probe\0" + p.name() : "boundary\0" + p.boundary() + "\0" + p.type().label())
          + "\0" + Arrays.toString(bounds);
      HistogramGroup group = groups.get(key);
      if (group == null) {
        HistogramGroup old = oldGroups.get(key);
        group = old != null && (unchanged || !perProbe) ? old : new HistogramGroup(
            perProbe ? probeLabels(p) : Labels.of(L_BOUNDARY, p.boundary(), L_TYPE, p.type().label(),
                L_LOCATION, location), bounds);
        groups.put(key, group);
      }
      stats.put(p.name(), unchanged && previous.histograms == group ? previous
          : new ProbeStats(p, probeLabels(p), group));
    }
    List<ProbeStats> list = new ArrayList<>(stats.values());
    list.sort(Comparator.comparing(s -> s.config.name()));
    histograms = groups;
    ordered = List.copyOf(list);
    byName = stats;
  }

  private Labels probeLabels(ProbeConfig p) {
    return Labels.of(L_PROBE, p.name(), L_BOUNDARY, p.boundary(), L_TYPE, p.type().label(), L_LOCATION, location);
  }

  private static List<Duration> latencyThresholds(BoundaryConfig boundary) {
    return boundary == null ? List.of()
        : boundary.slos().stream().map(s -> s.sli().threshold()).filter(Objects::nonNull).toList();
  }

  @Override
  public void accept(ProbeConfig probe, ProbeResult result) {
    ProbeStats s = byName.get(probe.name());
    if (s != null) {
      s.record(result);
    }
  }

  @Override
  public void skipped(ProbeConfig probe, int ticks) {
    ProbeStats s = byName.get(probe.name());
    if (s != null) {
      s.skipped(ticks);
    }
  }

  @Override
  public MetricSnapshots collect() {
    List<ProbeStats> all = ordered;
    List<ProbeStats.Last> last = new ArrayList<>(all.size());
    for (ProbeStats s : all) {
      last.add(s.last());
    }
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(gauge(PROBE_SUCCESS, "1 if the last run was good, 0 if not", all, last, l -> l.ran() ? l.success() : Double.NaN));
    out.add(gauge(PROBE_DURATION, "Duration of the last run in seconds", all, last,
        l -> l.ran() ? l.durationSeconds() : Double.NaN));
    out.add(gaugeWhere(PROBE_HTTP_STATUS, "HTTP status of the last run (0 when none arrived)", all, last,
        s -> s.config.type() == ProbeType.HTTP, l -> l.ran() ? l.httpStatus() : Double.NaN));
    out.add(httpPhases(all, last));
    out.add(gaugeWhere(PROBE_SSL_EXPIRY, "Earliest expiry of the certificates the target presented, unix seconds",
        all, last, s -> true, ProbeStats.Last::certExpiry));
    out.add(gaugeWhere(PROBE_DNS_LOOKUP, "Duration of the last DNS lookup in seconds (DNS probes: the query)",
        all, last, s -> true, ProbeStats.Last::dnsLookup));
    out.add(runs(all, last));
    out.add(failures(all, last));
    out.add(skipped(all, last));
    out.add(stalled(all, last));
    out.add(histogram(DURATION_HISTOGRAM, "Duration of every valid run in seconds", null));
    out.add(histogram(PHASE_HISTOGRAM, "Phases of every valid run in seconds", Phase.all()));
    return new MetricSnapshots(out);
  }

  private static GaugeSnapshot gauge(String name, String help, List<ProbeStats> all, List<ProbeStats.Last> last,
      ToDoubleFunction<ProbeStats.Last> value) {
    return gaugeWhere(name, help, all, last, s -> true, value);
  }

  private static GaugeSnapshot gaugeWhere(String name, String help, List<ProbeStats> all, List<ProbeStats.Last> last,
      Predicate<ProbeStats> include, ToDoubleFunction<ProbeStats.Last> value) {
    List<GaugeDataPointSnapshot> points = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      double v = value.applyAsDouble(last.get(i));
      if (include.test(all.get(i)) && !Double.isNaN(v)) {
        points.add(new GaugeDataPointSnapshot(v, all.get(i).labels, null));
      }
    }
    return new GaugeSnapshot(new MetricMetadata(name, help), points);
  }

  private static GaugeSnapshot httpPhases(List<ProbeStats> all, List<ProbeStats.Last> last) {
    List<GaugeDataPointSnapshot> points = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      ProbeStats.Last l = last.get(i);
      if (all.get(i).config.type() == ProbeType.HTTP && l.ran()) {
        for (Phase p : Phase.all()) {
          points.add(new GaugeDataPointSnapshot(l.phaseSeconds()[p.ordinal()],
              all.get(i).labels.add(L_PHASE, p.label()), null));
        }
      }
    }
    return new GaugeSnapshot(new MetricMetadata(PROBE_HTTP_PHASE, "Phases of the last HTTP run in seconds"), points);
  }

  private static CounterSnapshot runs(List<ProbeStats> all, List<ProbeStats.Last> last) {
    List<CounterDataPointSnapshot> points = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      for (Outcome o : Outcome.values()) {
        points.add(new CounterDataPointSnapshot(last.get(i).runs()[o.ordinal()],
            all.get(i).labels.add(L_OUTCOME, o.label()), null, 0));
      }
    }
    return new CounterSnapshot(new MetricMetadata(RUNS, "Finished runs by outcome: good, bad or invalid"), points);
  }

  private static CounterSnapshot failures(List<ProbeStats> all, List<ProbeStats.Last> last) {
    List<CounterDataPointSnapshot> points = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      long[] f = last.get(i).failures();
      for (Reason r : Reason.values()) {
        if (f[r.ordinal()] > 0) {
          points.add(new CounterDataPointSnapshot(f[r.ordinal()], all.get(i).labels.add(L_REASON, r.label()), null, 0));
        }
      }
    }
    return new CounterSnapshot(new MetricMetadata(FAILURES, "Bad and invalid runs by reason"), points);
  }

  private static CounterSnapshot skipped(List<ProbeStats> all, List<ProbeStats.Last> last) {
    List<CounterDataPointSnapshot> points = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      points.add(new CounterDataPointSnapshot(last.get(i).skipped(), all.get(i).labels, null, 0));
    }
    return new CounterSnapshot(new MetricMetadata(SKIPPED,
        "Planned runs not started because the previous run was still in flight"), points);
  }

  private static CounterSnapshot stalled(List<ProbeStats> all, List<ProbeStats.Last> last) {
    List<CounterDataPointSnapshot> points = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (last.get(i).stalled() > 0) {
        points.add(new CounterDataPointSnapshot(last.get(i).stalled(), all.get(i).labels, null, 0));
      }
    }
    return new CounterSnapshot(new MetricMetadata(STALLED,
        "Runs measured while the prober's event loop stalled (their timings include the prober's own pause)"), points);
  }

  private HistogramSnapshot histogram(String name, String help, Phase[] phases) {
    List<HistogramDataPointSnapshot> points = new ArrayList<>();
    for (HistogramGroup g : histograms.values()) {
      if (phases == null) {
        points.add(point(g.duration, g.labels));
      } else {
        for (Phase p : phases) {
          points.add(point(g.phases[p.ordinal()], g.labels.add(L_PHASE, p.label())));
        }
      }
    }
    return new HistogramSnapshot(new MetricMetadata(name, help), points);
  }

  private static HistogramDataPointSnapshot point(Buckets b, Labels labels) {
    Buckets.Snapshot s = b.snapshot();
    return new HistogramDataPointSnapshot(ClassicHistogramBuckets.of(b.upperBounds(), s.counts()), s.sum(), labels,
        null, 0);
  }
}
