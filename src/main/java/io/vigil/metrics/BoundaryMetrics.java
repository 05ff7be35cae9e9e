package io.vigil.metrics;

import static io.vigil.metrics.MetricNames.*;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.boundary.BoundaryState;
import io.vigil.config.Durations;
import io.vigil.config.SloConfig;
import io.vigil.history.Accountant;
import io.vigil.history.Sums;
import io.vigil.slo.LatencyBands;
import io.vigil.slo.Severity;
import io.vigil.status.Availability;
import io.vigil.status.BoundaryStatus;
import io.vigil.status.SloStatus;
import io.vigil.status.StatusService;
import io.vigil.status.StatusSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;

/**
 * Boundary and SLO series (SPEC §5) read from the status snapshot, the same numbers the status page shows,
 * plus monotonic counters from accounting from which {@code vigil rules} derives Prometheus-side SLIs.
 * Decisions are made in exact decimals elsewhere; these gauges are their display.
 */
public final class BoundaryMetrics implements MultiCollector {
  private final StatusService status;
  private final Accountant accountant;
  private final Predicate<String> exported;

  public BoundaryMetrics(StatusService status, Accountant accountant) {
    this(status, accountant, b -> true);
  }

  /** @param exported the boundaries whose series this node exports (in a cluster, those it owns) */
  public BoundaryMetrics(StatusService status, Accountant accountant, Predicate<String> exported) {
    this.status = status;
    this.accountant = accountant;
    this.exported = exported;
  }

  @Override
  public MetricSnapshots collect() {
    StatusSnapshot s = status.current();
    String location = s.location();
    List<GaugeDataPointSnapshot> up = new ArrayList<>();
    List<GaugeDataPointSnapshot> state = new ArrayList<>();
    List<GaugeDataPointSnapshot> availability = new ArrayList<>();
    List<GaugeDataPointSnapshot> coverage = new ArrayList<>();
    List<GaugeDataPointSnapshot> bands = new ArrayList<>();
    List<GaugeDataPointSnapshot> target = new ArrayList<>();
    List<GaugeDataPointSnapshot> sli = new ArrayList<>();
    List<GaugeDataPointSnapshot> remaining = new ArrayList<>();
    List<GaugeDataPointSnapshot> remainingSeconds = new ArrayList<>();
    List<GaugeDataPointSnapshot> burn = new ArrayList<>();
    List<GaugeDataPointSnapshot> alert = new ArrayList<>();
    List<CounterDataPointSnapshot> events = new ArrayList<>();
    List<CounterDataPointSnapshot> seconds = new ArrayList<>();
    for (BoundaryStatus b : s.boundaries()) {
      if (!exported.test(b.live().config().name())) {
        continue;
      }
      Labels base = Labels.of("boundary", b.name(), "location", location);
      BoundaryState current = b.live().state();
      double upValue = switch (current) {
        case UP, DEGRADED -> 1;
        case DOWN -> 0;
        default -> Double.NaN;
      };
      up.add(new GaugeDataPointSnapshot(upValue, base, null));
      for (BoundaryState st : BoundaryState.values()) {
        state.add(new GaugeDataPointSnapshot(st == current ? 1 : 0, base.add("state", st.label()), null));
      }
      for (Availability a : b.availability()) {
        a.requestRatio().ifPresent(r -> availability.add(point(r, base.add("sli", "requests").add("window", a.window()))));
        a.timeRatio().ifPresent(r -> availability.add(point(r, base.add("sli", "time").add("window", a.window()))));
        a.coverage().ifPresent(r -> coverage.add(point(r, base.add("window", a.window()))));
        for (LatencyBands.Band band : LatencyBands.Band.values()) {
          a.bands().share(band).ifPresent(r -> bands.add(point(r, base.add("band", band.label())
              .add("window", a.window()))));
        }
      }
      for (SloStatus slo : b.slos()) {
        Labels l = base.add("slo", slo.config().name());
        target.add(point(slo.config().target(), l));
        slo.budget().ifPresent(bs -> {
          sli.add(point(bs.sli(), l.add("window", slo.config().window().toString())));
          remaining.add(point(bs.remaining(), l));
        });
        if (slo.remainingDowntime() != null) {
          remainingSeconds.add(new GaugeDataPointSnapshot(slo.remainingDowntime().toMillis() / 1000.0, l, null));
        }
        for (Map.Entry<Duration, BigDecimal> e : slo.burnRates().entrySet()) {
          burn.add(point(e.getValue(), l.add("window", Durations.format(e.getKey()))));
        }
        for (Severity sev : Severity.values()) {
          alert.add(new GaugeDataPointSnapshot(slo.verdict().fires(sev) ? 1 : 0, l.add("severity", sev.label()), null));
        }
      }
      Sums total = accountant.sinceStart(b.name());
      if (total != null) {
        for (SloConfig slo : b.live().config().slos()) {
          Labels l = base.add("slo", slo.name());
          int latency = accountant.latencyIndex(b.name(), slo.name());
          if (slo.sli() instanceof SloConfig.Sli.Requests) {
            events.add(counter(total.good(), l.add("class", "good")));
            events.add(counter(total.valid(), l.add("class", "valid")));
          } else if (slo.sli() instanceof SloConfig.Sli.Latency && latency >= 0) {
            events.add(counter(total.latencyGood(latency), l.add("class", "good")));
            events.add(counter(total.valid(), l.add("class", "valid")));
          }
        }
        seconds.add(counter(total.upMs() / 1000.0, base.add("state", "up")));
        seconds.add(counter(total.degradedMs() / 1000.0, base.add("state", "degraded")));
        seconds.add(counter(total.downMs() / 1000.0, base.add("state", "down")));
        seconds.add(counter(total.unknownMs() / 1000.0, base.add("state", "unknown")));
        seconds.add(counter(total.maintenanceMs() / 1000.0, base.add("state", "maintenance")));
      }
    }
    List<MetricSnapshot> out = List.of(
        gauge(BOUNDARY_UP, "1 when the boundary is up (or degraded), 0 when down, NaN when unknown or in maintenance", up),
        gauge(BOUNDARY_STATE, "1 for the boundary's current state, 0 for the others", state),
        gauge(AVAILABILITY, "Availability over a fixed window: sli=requests (good/valid runs) or time (up/(up+down))", availability),
        gauge(LATENCY_BANDS, "Share of the window's valid runs that were fast, acceptable or slow (band=fast|acceptable|slow; failed runs are slow)", bands),
        gauge(COVERAGE, "Share of the window in which the boundary's state was known and not in maintenance", coverage),
        gauge(SLO_TARGET, "The SLO's target", target),
        gauge(SLO_SLI, "The SLO's SLI over its window", sli),
        gauge(BUDGET_REMAINING, "Share of the error budget left (below 0 when overspent)", remaining),
        gauge(BUDGET_REMAINING_SECONDS, "Time SLOs: downtime still allowed in the SLO period", remainingSeconds),
        gauge(BURN_RATE, "Error ratio over the window divided by the error budget ratio", burn),
        gauge(ALERT_CONDITION, "1 while the multiwindow, multi-burn-rate condition of that severity holds", alert),
        new CounterSnapshot(new MetricMetadata(SLO_EVENTS,
            "Runs counted by a requests or latency SLO since start: class=valid, or class=good"), events),
        new CounterSnapshot(new MetricMetadata(STATE_SECONDS,
            "Accounted time per boundary state since start"), seconds));
    return new MetricSnapshots(out);
  }

  private static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
    return new GaugeSnapshot(new MetricMetadata(name, help), points);
  }

  private static GaugeDataPointSnapshot point(BigDecimal value, Labels labels) {
    return new GaugeDataPointSnapshot(value.doubleValue(), labels, null);
  }

  private static CounterDataPointSnapshot counter(double value, Labels labels) {
    return new CounterDataPointSnapshot(value, labels, null, 0);
  }
}
