package io.vigil.status;

import io.vigil.boundary.BoundaryTracker;
import io.vigil.boundary.BoundaryView;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.change.ChangeEvent;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.Durations;
import io.vigil.config.ProbeConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.history.Accountant;
import io.vigil.history.Sums;
import io.vigil.incident.Incident;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.BurnRate;
import io.vigil.slo.BurnRatePolicy;
import io.vigil.slo.BurnRateVerdict;
import io.vigil.slo.Counts;
import io.vigil.slo.ErrorBudget;
import io.vigil.slo.IncidentStats;
import io.vigil.slo.Measure;
import io.vigil.slo.RollingWindow;
import io.vigil.slo.Span;
import io.vigil.slo.TimeTotals;
import io.vigil.slo.Window;
import io.vigil.store.BucketRow;
import io.vigil.store.HistoryStore;
import io.vigil.store.LatencyHistogram;
import io.vigil.store.Resolution;
import io.vigil.store.Subject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes {@link StatusSnapshot}s from live boundary state and accounted history. {@link #refresh} builds a
 * new snapshot (a few milliseconds per hundred boundaries; call it from a worker every few seconds); readers
 * take {@link #current()} and never touch the database.
 */
public final class StatusService {
  /** The fixed availability windows of the status page and metrics. */
  public static final List<String> WINDOWS =
      RollingWindow.STATUS_PAGE.stream().map(w -> Durations.format(w.length())).toList();
  private static final Duration MAINTENANCE_AHEAD = Duration.ofDays(7);

  static final int DAYS = 90;

  private final Clock clock;
  private final BoundaryTracker tracker;
  private final Accountant accountant;
  private final HistoryStore store;
  private volatile Map<String, List<LatencyPoint>> latency = Map.of();
  private volatile Map<String, List<ProbeAvailability>> probeAvailability = Map.of();
  /** At most this many probes' availability is read from the store per pass (about one a minute). */
  static final int PROBES_PER_HISTORY_REFRESH = 2_000;
  private final Map<String, ProbeAvailability> probeCache = new HashMap<>();
  private long probeCursor;
  private volatile VigilConfig config;
  private volatile MaintenanceSchedule maintenance;
  private volatile StatusSnapshot current;
  private volatile Function<String, List<ActiveAlert>> alerts = boundary -> List.of();
  private volatile Function<String, List<ChangeEvent>> changes = boundary -> List.of();
  private volatile Function<String, Map<String, String>> postmortems = boundary -> Map.of();
  private final Map<PolicyKey, BurnRatePolicy> policies = new ConcurrentHashMap<>();

  private record PolicyKey(BigDecimal target, Duration period) {}

  public StatusService(Clock clock, BoundaryTracker tracker, Accountant accountant, HistoryStore store,
      VigilConfig config, MaintenanceSchedule maintenance) {
    this.clock = clock;
    this.tracker = tracker;
    this.accountant = accountant;
    this.store = store;
    this.config = config;
    this.maintenance = maintenance;
    this.current = StatusSnapshot.empty(config.location());
  }

  public void configure(VigilConfig config, MaintenanceSchedule maintenance) {
    this.config = config;
    this.maintenance = maintenance;
  }

  /** Where the alerts firing on a boundary come from (alerting evaluates snapshots, so it cannot be asked here). */
  public void alertsFrom(Function<String, List<ActiveAlert>> source) {
    this.alerts = source;
  }

  /** Where a boundary's recent change events come from (newest first). */
  public void changesFrom(Function<String, List<ChangeEvent>> source) {
    this.changes = source;
  }

  /** Where the postmortem links of a boundary's incidents come from (by incident id). */
  public void postmortemsFrom(Function<String, Map<String, String>> source) {
    this.postmortems = source;
  }

  public StatusSnapshot current() {
    return current;
  }

  /**
   * Reads what the snapshot takes from stored rollups (hourly latency percentiles, per-probe availability).
   * Blocking: call from a worker about once a minute; {@link #refresh} uses the latest result.
   */
  public synchronized void refreshHistory() {
    long now = clock.millis();
    long hour = Resolution.HOUR.millis();
    long thisHour = Resolution.HOUR.floor(now);
    Map<String, List<LatencyPoint>> lat = new LinkedHashMap<>();
    Map<String, List<ProbeAvailability>> probes = new LinkedHashMap<>();
    VigilConfig c = config;
    Map<String, List<ProbeConfig>> byBoundary = c.probesByBoundary();
    probeCache.keySet().retainAll(c.probes().stream().map(ProbeConfig::name).collect(Collectors.toSet()));
    // a bounded number of probes per pass, starting where the last pass stopped, so all are refreshed in turn
    List<ProbeConfig> all = c.probes();
    int batch = Math.min(all.size(), PROBES_PER_HISTORY_REFRESH);
    for (int k = 0; k < batch; k++) {
      ProbeConfig p = all.get((int) ((probeCursor + k) % all.size()));
      probeCache.put(p.name(), probeAvailability(p, now));
    }
    probeCursor = all.isEmpty() ? 0 : (probeCursor + batch) % all.size();
    for (BoundaryConfig b : c.boundaries()) {
      int id = accountant.boundaryId(b.name());
      List<LatencyPoint> points = new ArrayList<>();
      if (id >= 0) {
        for (BucketRow row : store.buckets(Subject.BOUNDARY, id, Resolution.HOUR, thisHour - 23 * hour, thisHour + 1)) {
          LatencyHistogram h = row.latency();
          points.add(new LatencyPoint(row.bucketStart(), millis(h.quantileMicros(0.50)), millis(h.quantileMicros(0.95)),
              millis(h.quantileMicros(0.99)), h.total()));
        }
      }
      lat.put(b.name(), List.copyOf(points));
      List<ProbeAvailability> list = new ArrayList<>();
      for (ProbeConfig p : byBoundary.getOrDefault(b.name(), List.of())) {
        list.add(probeCache.getOrDefault(p.name(), new ProbeAvailability(p.name(), Counts.NONE, Counts.NONE,
            Counts.NONE)));
      }
      probes.put(b.name(), List.copyOf(list));
    }
    latency = lat;
    probeAvailability = probes;
  }

  /**
   * Good and valid runs of one probe over 24 hours (hour rollups), 7 and 30 days (day rollups for whole days,
   * hour rollups for today).
   */
  private ProbeAvailability probeAvailability(ProbeConfig p, long now) {
    Integer pid = accountant.probeId(p.name());
    if (pid == null) {
      return new ProbeAvailability(p.name(), Counts.NONE, Counts.NONE, Counts.NONE);
    }
    long hour = Resolution.HOUR.millis();
    long day = Resolution.DAY.millis();
    long thisHour = Resolution.HOUR.floor(now);
    long today = Resolution.DAY.floor(now);
    Counts last24 = Counts.NONE;
    Counts todaySoFar = Counts.NONE;
    for (BucketRow row : store.buckets(Subject.PROBE, pid, Resolution.HOUR, thisHour - 23 * hour, thisHour + 1)) {
      Counts counts = new Counts(row.good(), row.valid());
      last24 = last24.plus(counts);
      todaySoFar = row.bucketStart() >= today ? todaySoFar.plus(counts) : todaySoFar;
    }
    Counts week = todaySoFar;
    Counts month = todaySoFar;
    for (BucketRow row : store.buckets(Subject.PROBE, pid, Resolution.DAY, today - 29 * day, today)) {
      Counts counts = new Counts(row.good(), row.valid());
      month = month.plus(counts);
      week = row.bucketStart() >= today - 6 * day ? week.plus(counts) : week;
    }
    return new ProbeAvailability(p.name(), last24, week, month);
  }

  private static double millis(long micros) {
    return micros < 0 ? -1 : micros == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : micros / 1000.0;
  }

  /** Builds and publishes a new snapshot. */
  public StatusSnapshot refresh() {
    Instant now = clock.instant();
    VigilConfig c = config;
    // boundaries are independent: use every core (ledgers lock themselves; the rest is immutable)
    List<BoundaryStatus> out = tracker.views().parallelStream().map(view -> boundary(view, now)).toList();
    StatusSnapshot s = new StatusSnapshot(now, c.location(), List.copyOf(out),
        HistoryHealth.of(store.degradedReason()));
    for (BoundaryStatus b : out) {
      boolean latencyBurning = b.slos().stream().anyMatch(slo -> slo.config().sli() instanceof SloConfig.Sli.Latency
          && slo.verdict().severity().isPresent());
      tracker.latencyBurning(b.name(), latencyBurning);
    }
    current = s;
    return s;
  }

  private BoundaryStatus boundary(BoundaryView view, Instant now) {
    String name = view.config().name();
    long to = now.toEpochMilli();
    List<Availability> availability = new ArrayList<>();
    for (int i = 0; i < WINDOWS.size(); i++) {
      Sums s = accountant.sums(name, to - RollingWindow.STATUS_PAGE.get(i).length().toMillis(), to);
      availability.add(s == null ? new Availability(WINDOWS.get(i), Counts.NONE, TimeTotals.NONE)
          : new Availability(WINDOWS.get(i), s.requests(), s.time(), accountant.bands(name, s)));
    }
    List<SloStatus> slos = new ArrayList<>();
    for (SloConfig slo : view.config().slos()) {
      slos.add(evaluate(name, slo, now));
    }
    List<Incident> incidents = tracker.incidents(name);
    Span month = Span.ending(now, Duration.ofDays(30));
    List<Span> spans = new ArrayList<>();
    for (Incident i : incidents) {
      if (!i.open() && i.endMillis() >= month.start().toEpochMilli()) {
        spans.add(new Span(Instant.ofEpochMilli(i.startMillis()), Instant.ofEpochMilli(i.endMillis())));
      }
    }
    Availability last30 = availability.get(3);
    IncidentStats stats = IncidentStats.of(spans, last30.time().up());
    List<DayBar> days = new ArrayList<>(DAYS);
    List<Sums> perDay = accountant.days(name, to, DAYS);
    LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(DAYS - 1);
    for (int i = 0; i < perDay.size(); i++) {
      days.add(new DayBar(first.plusDays(i), perDay.get(i).time()));
    }
    return new BoundaryStatus(view, List.copyOf(availability), List.copyOf(slos), incidents, stats.mttr(),
        stats.mtbf(), maintenance.upcoming(name, now, MAINTENANCE_AHEAD), accountant.accountedUntil(name),
        List.copyOf(days), latency.getOrDefault(name, List.of()), probeAvailability.getOrDefault(name, List.of()),
        List.copyOf(alerts.apply(name)), List.copyOf(changes.apply(name)),
        Map.copyOf(postmortems.apply(name)));
  }

  /** Evaluates one SLO of a boundary at {@code now} from accounted history. */
  public SloStatus evaluate(String boundary, SloConfig slo, Instant now) {
    Window window = Window.of(slo);
    Span elapsed = window.elapsed(now);
    Duration period = window.period(now).length();
    ErrorBudget budget = ErrorBudget.of(slo);
    Sums sums = sums(boundary, elapsed);
    int latency = accountant.latencyIndex(boundary, slo.name());
    Measure measured = slo.sli().of(new Live(sums, latency));
    Counts counts = measured instanceof Counts c ? c : null;
    TimeTotals time = measured instanceof TimeTotals t ? t : null;
    Optional<BudgetStatus> status = budget.status(measured);
    Duration allowed = time == null ? null : budget.allowedDowntime(period);
    Duration remaining = time == null ? null : allowed.minus(time.down());
    Map<Duration, BigDecimal> ratios = new LinkedHashMap<>();
    Map<Duration, BigDecimal> burns = new LinkedHashMap<>();
    for (Duration w : BurnRate.STANDARD_WINDOWS) {
      slo.sli().of(new Live(sums(boundary, Span.ending(now, w)), latency)).errorRatio().ifPresent(r -> {
        ratios.put(w, r);
        burns.put(w, budget.burnRate(r).value());
      });
    }
    BurnRateVerdict verdict = policies.computeIfAbsent(new PolicyKey(slo.target(), period),
        k -> BurnRatePolicy.standard(budget, period)).evaluate(ratios);
    return new SloStatus(slo, elapsed, period, counts, time, status, allowed, remaining, Map.copyOf(ratios),
        Map.copyOf(burns), verdict);
  }

  /**
   * Live sums of one span as an SLI takes them: none when nothing was accounted in it; a latency SLI reads its
   * own column of the ledger ({@code latency}, −1 when the ledger has none).
   */
  private record Live(Sums sums, int latency) implements SloConfig.Sli.Measures<Measure> {
    @Override
    public Counts requests() {
      return sums == null ? Counts.NONE : sums.requests();
    }

    @Override
    public TimeTotals time() {
      return sums == null ? TimeTotals.NONE : sums.time();
    }

    @Override
    public Counts latency(Duration threshold) {
      return sums == null || latency < 0 ? Counts.NONE : sums.latency(latency);
    }
  }

  private Sums sums(String boundary, Span span) {
    return accountant.sums(boundary, span.start().toEpochMilli(), span.end().toEpochMilli());
  }
}
