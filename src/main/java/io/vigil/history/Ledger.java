package io.vigil.history;

import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.SloConfig;
import io.vigil.probe.Outcome;
import io.vigil.slo.Span;
import io.vigil.store.BucketRow;
import io.vigil.store.Resolution;
import io.vigil.store.StoredResult;
import io.vigil.store.Subject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accounting of one boundary. Raw results queue per probe; {@link #advance} accounts the time from the
 * checkpoint up to a horizon by which every run that started has finished: probe timelines by the pinned
 * coverage rule, combined by {@code down_when}, overlaid with maintenance, split into minute and hour
 * buckets; runs are counted by their start. The same inputs always give the same buckets, so after a crash
 * replaying raw results from the persisted checkpoint reproduces exactly what was lost. A probe that runs in
 * several locations has a series per location, combined by the boundary's {@code locations_down_when} before
 * {@code down_when}; its runs in every location count. Thread-safe.
 */
final class Ledger {
  static final int MINUTES = 25 * 60 + 5;
  static final int HOURS = 93 * 24 + 2;
  /** Days the day ring holds at least: a 90-day page, a calendar quarter (92 days), and today and yesterday. */
  static final int DAYS = 95;
  /** A century of days: bounds the ring for absurd windows (day rollups are not kept that long anyway). */
  static final long MAX_DAYS = 36_600;

  final BoundaryConfig config;
  final int boundaryId;
  /** This node's location: results without one (a single process's own) are its runs. */
  private final String home;
  final long[] thresholdsMicros;
  final List<String> latencySlos;
  private final Map<String, Track> tracks = new LinkedHashMap<>();
  private final Ring minutes;
  private final Ring hours;
  private final Ring days;
  final int dayCapacity;
  private final Map<Resolution, TreeMap<Long, Tally>> tallies = new LinkedHashMap<>();
  private final Map<Integer, Map<Resolution, TreeMap<Long, Tally>>> probeTallies = new LinkedHashMap<>();
  private final List<BucketRow> finished = new ArrayList<>();
  private long checkpoint;
  private boolean checkpointDirty;
  private long stragglers;
  private final Sums sinceStart; // cumulative since this ledger was built: monotonic counters for Prometheus
  private final Map<Long, Sums> minuteTails = new HashMap<>();
  private final Map<Long, Sums> hourTails = new HashMap<>();
  private long tailsAt = Long.MIN_VALUE;

  /** One probe: its series, one per location it has results from. */
  static final class Track {
    final ProbeConfig config;
    final int probeId;
    /** By location, sorted so that every node sweeps them in the same order. */
    final Map<String, Series> locations = new TreeMap<>();

    Track(ProbeConfig config, int probeId) {
      this.config = config;
      this.probeId = probeId;
    }
  }

  /** One probe's runs in one location: queued ones, and the last before the checkpoint (its coverage may reach past it). */
  static final class Series {
    final Deque<StoredResult> pending = new ArrayDeque<>();
    StoredResult lastBefore;
  }

  Ledger(BoundaryConfig config, int boundaryId, List<ProbeConfig> probes, Map<String, Integer> probeIds,
      long checkpoint) {
    this(config, boundaryId, probes, probeIds, checkpoint, "");
  }

  Ledger(BoundaryConfig config, int boundaryId, List<ProbeConfig> probes, Map<String, Integer> probeIds,
      long checkpoint, String home) {
    this.config = config;
    this.boundaryId = boundaryId;
    this.home = home;
    this.thresholdsMicros = thresholdsMicros(config);
    this.latencySlos = latencySlos(config);
    this.minutes = new Ring(Resolution.MINUTE.millis(), MINUTES, thresholdsMicros.length);
    this.hours = new Ring(Resolution.HOUR.millis(), HOURS, thresholdsMicros.length);
    this.dayCapacity = dayCapacity(config);
    this.days = new Ring(Resolution.DAY.millis(), dayCapacity, thresholdsMicros.length);
    for (ProbeConfig p : probes) {
      tracks.put(p.name(), new Track(p, probeIds.get(p.name())));
    }
    for (Resolution r : Resolution.values()) {
      tallies.put(r, new TreeMap<>());
    }
    this.checkpoint = checkpoint;
    this.sinceStart = new Sums(thresholdsMicros.length);
  }

  /**
   * Day buckets the ring must hold so that the boundary's longest rolling SLO window (a year-long SLA window
   * is common) is summed whole: its days, the partial first and current days, and one spare.
   */
  static int dayCapacity(BoundaryConfig b) {
    long longest = 0;
    for (SloConfig s : b.slos()) {
      if (s.window().kind() == SloConfig.SloWindow.Kind.ROLLING) {
        longest = Math.max(longest, s.window().rolling().toMillis());
      }
    }
    long days = Math.floorDiv(longest + Resolution.DAY.millis() - 1, Resolution.DAY.millis()) + 3;
    return (int) Math.max(DAYS, Math.min(days, MAX_DAYS));
  }

  /** Names of the boundary's latency SLOs, in config order. */
  static List<String> latencySlos(BoundaryConfig b) {
    return b.slos().stream().filter(s -> s.sli() instanceof SloConfig.Sli.Latency).map(SloConfig::name).toList();
  }

  /**
   * Thresholds of the boundary's latency SLOs in microseconds, in the same order, then the latency bands' two
   * edges: fast − 1 µs (durations are whole microseconds, so ≤ fast − 1 µs is under fast) and slow.
   */
  static long[] thresholdsMicros(BoundaryConfig b) {
    long[] slos = b.slos().stream().filter(s -> s.sli() instanceof SloConfig.Sli.Latency)
        .mapToLong(s -> s.sli().threshold().toNanos() / 1000).toArray();
    long[] out = Arrays.copyOf(slos, slos.length + 2);
    out[slos.length] = b.latencyBands().fast().toNanos() / 1000 - 1;
    out[slos.length + 1] = b.latencyBands().slow().toNanos() / 1000;
    return out;
  }

  /** Index of the fast band's edge in {@link #thresholdsMicros} (the slow edge follows it). */
  int bandIndex() {
    return thresholdsMicros.length - 2;
  }

  synchronized long checkpoint() {
    return checkpoint;
  }

  synchronized long stragglers() {
    return stragglers;
  }

  Map<String, Track> tracks() {
    return tracks;
  }

  /** The horizon lag: every run that started before {@code now - lag} has finished. */
  long lagMillis() {
    long max = 0;
    for (Track t : tracks.values()) {
      max = Math.max(max, t.config.timeout().toMillis());
    }
    return max + 2_000;
  }

  /** The series of {@code probe} in the location of {@code r}; null for a probe not of this boundary. */
  private Series series(String probe, StoredResult r) {
    Track t = tracks.get(probe);
    if (t == null) {
      return null;
    }
    String location = r.location() == null ? home : r.location();
    return t.locations.computeIfAbsent(location, l -> new Series());
  }

  /**
   * Queues a raw result of one of this boundary's probes. A run already queued (the same location and start:
   * received live and replayed from history when a boundary is taken over) is counted once.
   */
  synchronized void add(String probe, StoredResult r) {
    Series t = series(probe, r);
    if (t == null) {
      return;
    }
    if (r.startMillis() < checkpoint) {
      stragglers++; // finished after its time was accounted: too late to count (rare; bounded by the lag)
      return;
    }
    StoredResult newest = t.pending.peekLast();
    if (newest == null || newest.startMillis() < r.startMillis()) {
      t.pending.addLast(r);
      return;
    }
    for (StoredResult queued : t.pending) {
      if (queued.startMillis() == r.startMillis()) {
        return;
      }
    }
    // started before a run already queued: a wall clock that stepped back, or a run of another node that
    // arrived late. Keep the queue in start order, as accounting reads it.
    List<StoredResult> sorted = new ArrayList<>(t.pending);
    sorted.add(r);
    sorted.sort(Comparator.comparingLong(StoredResult::startMillis));
    t.pending.clear();
    t.pending.addAll(sorted);
  }

  /** Hands every queued (not yet accounted) run to {@code out}, by probe. */
  synchronized void pending(java.util.function.BiConsumer<String, StoredResult> out) {
    for (Track t : tracks.values()) {
      for (Series series : t.locations.values()) {
        series.pending.forEach(r -> out.accept(t.config.name(), r));
      }
    }
  }

  /** Restores a replayed raw result (at start-up): before the checkpoint it only seeds coverage. */
  synchronized void replay(String probe, StoredResult r) {
    Series t = series(probe, r);
    if (t == null) {
      return;
    }
    if (r.startMillis() < checkpoint) {
      if (t.lastBefore == null || r.startMillis() >= t.lastBefore.startMillis()) {
        t.lastBefore = r;
      }
    } else {
      add(probe, r);
    }
  }

  /** Restores a persisted bucket into the rings and, when it holds the checkpoint, as the tally to continue. */
  synchronized void restore(BucketRow row) {
    long[] lat = new long[thresholdsMicros.length];
    for (int i = 0; i < lat.length; i++) {
      // a persisted histogram cannot split the bucket ending at the fast edge: it answers "under fast" as "at
      // most fast" (off only for runs of exactly that many microseconds)
      lat[i] = row.latency().atMost(thresholdsMicros[i] + (i == bandIndex() ? 1 : 0));
    }
    Ring ring = switch (row.resolution()) {
      case MINUTE -> minutes;
      case HOUR -> hours;
      case DAY -> days;
    };
    if (row.subject() == Subject.BOUNDARY) {
      ring.put(row.bucketStart(), row.good(), row.valid(), row.excluded(), lat, row.upMs(), row.degradedMs(),
          row.downMs(), row.unknownMs(), row.maintenanceMs());
    }
    if (row.bucketStart() <= checkpoint && checkpoint < row.bucketStart() + row.resolution().millis()) {
      Tally t = Tally.of(row);
      (row.subject() == Subject.BOUNDARY ? tallies : probeTallies(row.id())).get(row.resolution())
          .put(row.bucketStart(), t);
    }
  }

  private Map<Resolution, TreeMap<Long, Tally>> probeTallies(int probeId) {
    return probeTallies.computeIfAbsent(probeId, id -> {
      Map<Resolution, TreeMap<Long, Tally>> m = new LinkedHashMap<>();
      m.put(Resolution.HOUR, new TreeMap<>());
      m.put(Resolution.DAY, new TreeMap<>());
      return m;
    });
  }

  /**
   * Accounts [checkpoint, horizon): time by state and the runs that started in it. Returns whether anything
   * was accounted.
   */
  synchronized boolean advance(long horizon, MaintenanceSchedule maintenance) {
    if (horizon <= checkpoint) {
      return false;
    }
    long from = checkpoint;
    Span span = new Span(Instant.ofEpochMilli(from), Instant.ofEpochMilli(horizon));
    List<MaintenanceSchedule.Occurrence> excusing = new ArrayList<>();
    for (MaintenanceSchedule.Occurrence o : maintenance.overlapping(config.name(), span)) {
      if (!o.countsAgainstBudget()) {
        excusing.add(o);
      }
    }
    Sweep sweep = sweep();
    int index = 0;
    for (Track t : tracks.values()) {
      if (!t.config.counts()) {
        // a canary or experiment: its runs fill its own rollups only, never the boundary's time or counts
        for (Series series : t.locations.values()) {
          while (!series.pending.isEmpty() && series.pending.peekFirst().startMillis() < horizon) {
            StoredResult r = series.pending.pollFirst();
            countRun(t, r, excused(excusing, r.startMillis()));
            series.lastBefore = r;
          }
        }
        continue;
      }
      long reach = 2 * t.config.interval().toMillis();
      for (Series series : t.locations.values()) {
        StoredResult covering = series.lastBefore;
        sweep.initial(index, covering != null && from < covering.startMillis() + reach ? stateOf(covering)
            : StateTime.UNKNOWN);
        while (!series.pending.isEmpty() && series.pending.peekFirst().startMillis() < horizon) {
          StoredResult r = series.pending.pollFirst();
          if (covering != null) {
            long expiry = covering.startMillis() + reach;
            if (expiry > from && expiry < r.startMillis()) {
              sweep.event(expiry, index, StateTime.UNKNOWN);
            }
          }
          sweep.event(Math.max(from, r.startMillis()), index, stateOf(r));
          countRun(t, r, excused(excusing, r.startMillis()));
          covering = r;
        }
        if (covering != null) {
          long expiry = covering.startMillis() + reach;
          if (expiry > from && expiry < horizon) {
            sweep.event(expiry, index, StateTime.UNKNOWN);
          }
        }
        series.lastBefore = covering;
        index++;
      }
    }
    for (MaintenanceSchedule.Occurrence o : excusing) {
      sweep.maintenance(Math.max(from, o.span().start().toEpochMilli()), +1);
      long end = o.span().end().toEpochMilli();
      if (end < horizon) {
        sweep.maintenance(end, -1);
      }
    }
    sweep.run(from, horizon, config.downWhen(), this::addTime);
    checkpoint = horizon;
    checkpointDirty = true;
    closeFinished(horizon);
    return true;
  }

  /**
   * A sweep over the series of the counted probes, in the order {@link #advance} visits them: each probe's
   * locations form one group. A counted probe with no result yet still has one (unknown) series, so that the
   * boundary keeps counting it.
   */
  private Sweep sweep() {
    List<Integer> groupOf = new ArrayList<>();
    int groups = 0;
    for (Track t : tracks.values()) {
      if (!t.config.counts()) {
        continue;
      }
      if (t.locations.isEmpty()) {
        t.locations.put(home, new Series());
      }
      for (int i = 0; i < t.locations.size(); i++) {
        groupOf.add(groups);
      }
      groups++;
    }
    return new Sweep(groupOf.stream().mapToInt(Integer::intValue).toArray(), groups, config.locationsDownWhen());
  }

  /** good → up, bad → down, invalid → unknown (an invalid run did not measure the service). */
  private static StateTime stateOf(StoredResult r) {
    return switch (r.outcome()) {
      case GOOD -> StateTime.UP;
      case BAD -> StateTime.DOWN;
      case INVALID -> StateTime.UNKNOWN;
    };
  }

  private static boolean excused(List<MaintenanceSchedule.Occurrence> excusing, long at) {
    Instant i = Instant.ofEpochMilli(at);
    for (MaintenanceSchedule.Occurrence o : excusing) {
      if (o.span().contains(i)) {
        return true;
      }
    }
    return false;
  }

  private void countRun(Track t, StoredResult r, boolean excluded) {
    if (!t.config.counts()) {
      countProbe(t, r, excluded);
      return;
    }
    boolean valid = r.outcome() != Outcome.INVALID;
    boolean good = r.outcome() == Outcome.GOOD;
    boolean[] fast = new boolean[thresholdsMicros.length];
    for (int i = 0; i < fast.length; i++) {
      fast[i] = r.durationMicros() <= thresholdsMicros[i];
    }
    if (excluded) {
      sinceStart.excluded++;
    } else if (valid) {
      sinceStart.valid++;
      if (good) {
        sinceStart.good++;
        for (int i = 0; i < fast.length; i++) {
          sinceStart.latencyGood[i] += fast[i] ? 1 : 0;
        }
      }
    }
    minutes.addRun(r.startMillis(), excluded, valid, good, fast);
    hours.addRun(r.startMillis(), excluded, valid, good, fast);
    days.addRun(r.startMillis(), excluded, valid, good, fast);
    for (Resolution res : Resolution.values()) {
      tally(tallies.get(res), Subject.BOUNDARY, boundaryId, res, r.startMillis())
          .addRun(excluded, valid, good, r.durationMicros());
    }
    countProbe(t, r, excluded);
  }

  /** Counts a run in its probe's own hour and day rollups. */
  private void countProbe(Track t, StoredResult r, boolean excluded) {
    Map<Resolution, TreeMap<Long, Tally>> mine = probeTallies(t.probeId);
    for (Resolution res : List.of(Resolution.HOUR, Resolution.DAY)) {
      tally(mine.get(res), Subject.PROBE, t.probeId, res, r.startMillis())
          .addRun(excluded, r.outcome() != Outcome.INVALID, r.outcome() == Outcome.GOOD, r.durationMicros());
    }
  }

  private static Tally tally(TreeMap<Long, Tally> map, Subject subject, int id, Resolution res, long at) {
    long start = res.floor(at);
    if (!map.isEmpty()) { // nearly every run falls in the newest bucket: found without boxing its start
      Tally newest = map.get(map.lastKey());
      if (newest.start == start) {
        return newest;
      }
    }
    return map.computeIfAbsent(start, s -> new Tally(subject, id, res, s));
  }

  /** Adds [from, to) in {@code state}, split at minute edges (minute edges are hour and day edges too). */
  private void addTime(long from, long to, StateTime state) {
    long at = from;
    while (at < to) {
      long edge = Math.min(to, Resolution.MINUTE.floor(at) + Resolution.MINUTE.millis());
      long ms = edge - at;
      switch (state) {
        case UP -> sinceStart.upMs += ms;
        case DEGRADED -> sinceStart.degradedMs += ms;
        case DOWN -> sinceStart.downMs += ms;
        case UNKNOWN -> sinceStart.unknownMs += ms;
        case MAINTENANCE -> sinceStart.maintenanceMs += ms;
      }
      minutes.addTime(at, state, ms);
      hours.addTime(at, state, ms);
      days.addTime(at, state, ms);
      for (Resolution res : Resolution.values()) {
        tally(tallies.get(res), Subject.BOUNDARY, boundaryId, res, at).addTime(state, ms);
      }
      at = edge;
    }
  }

  /** Moves every tally that ends at or before the horizon to the finished rows. */
  private void closeFinished(long horizon) {
    for (TreeMap<Long, Tally> map : tallies.values()) {
      closeFinished(map, horizon);
    }
    for (Map<Resolution, TreeMap<Long, Tally>> m : probeTallies.values()) {
      for (TreeMap<Long, Tally> map : m.values()) {
        closeFinished(map, horizon);
      }
    }
  }

  private void closeFinished(TreeMap<Long, Tally> map, long horizon) {
    while (!map.isEmpty() && map.firstEntry().getValue().end() <= horizon) {
      Tally t = map.pollFirstEntry().getValue();
      if (t.dirty) {
        finished.add(t.row());
      }
    }
  }

  /**
   * Rows to persist now (finished buckets and the current partial ones that changed) and whether the
   * checkpoint moved; resets the dirty marks. Persisting these rows with {@link #checkpoint()} in one
   * transaction keeps the store consistent with the raw results.
   */
  synchronized Drained drainRows() {
    List<BucketRow> out = new ArrayList<>(finished);
    finished.clear();
    List<TreeMap<Long, Tally>> maps = new ArrayList<>(tallies.values());
    for (Map<Resolution, TreeMap<Long, Tally>> m : probeTallies.values()) {
      maps.addAll(m.values());
    }
    for (TreeMap<Long, Tally> map : maps) {
      for (Tally t : map.values()) {
        if (t.dirty) {
          out.add(t.row());
          t.dirty = false;
        }
      }
    }
    boolean moved = checkpointDirty;
    checkpointDirty = false;
    return new Drained(out, checkpoint, moved);
  }

  /** Rows to persist with the checkpoint they are consistent with. */
  record Drained(List<BucketRow> rows, long checkpoint, boolean checkpointMoved) {}

  synchronized boolean checkpointDirty() {
    return checkpointDirty;
  }

  /**
   * Sums over [from, to) up to the checkpoint. The start is rounded up to a whole minute where the minute ring
   * reaches (25 hours before the checkpoint) and to a whole hour beyond; the end is the checkpoint when that
   * comes first, else the end of the minute holding {@code to}. Whole days are read from the day ring and whole
   * hours from the hour ring, so any window costs a few hundred bucket reads at most.
   */
  synchronized Sums sum(long from, long to) {
    Sums s = new Sums(thresholdsMicros.length);
    long end = Math.min(to, checkpoint);
    if (end <= from) {
      return s;
    }
    long start = minutes.covers(Resolution.MINUTE.floor(from), checkpoint) ? ceil(from, Resolution.MINUTE)
        : ceil(from, Resolution.HOUR);
    long endMinute = ceil(end, Resolution.MINUTE);
    if (start >= endMinute) {
      return s;
    }
    long firstHour = ceil(start, Resolution.HOUR);
    long lastHour = Resolution.HOUR.floor(end);
    if (firstHour >= lastHour) {
      minutes.sum(start, endMinute, s);
      return s;
    }
    minutes.sum(start, firstHour, s);
    long firstDay = ceil(firstHour, Resolution.DAY);
    long lastDay = Resolution.DAY.floor(lastHour);
    if (firstDay >= lastDay) {
      hours.sum(firstHour, lastHour, s);
    } else {
      hours.sum(firstHour, firstDay, s);
      days.sum(firstDay, lastDay, s);
      if (end == checkpoint) {
        s.add(tail(hours, lastDay, lastHour));
      } else {
        hours.sum(lastDay, lastHour, s);
      }
    }
    if (end == checkpoint) {
      s.add(tail(minutes, lastHour, endMinute));
    } else {
      minutes.sum(lastHour, endMinute, s);
    }
    return s;
  }

  /**
   * The sum of [from, to) of {@code ring} where {@code to} is at the checkpoint, cached until accounting moves:
   * every window ending now shares today's hours and this hour's minutes.
   */
  private Sums tail(Ring ring, long from, long to) {
    if (tailsAt != checkpoint) {
      minuteTails.clear();
      hourTails.clear();
      tailsAt = checkpoint;
    }
    Map<Long, Sums> cache = ring == minutes ? minuteTails : hourTails;
    Sums cached = cache.get(from);
    if (cached == null) {
      cached = new Sums(thresholdsMicros.length);
      ring.sum(from, to, cached);
      cache.put(from, cached);
    }
    return cached;
  }

  private static long ceil(long millis, Resolution r) {
    return Math.floorDiv(millis + r.millis() - 1, r.millis()) * r.millis();
  }

  /** Everything accounted since this ledger was built (monotonic; for Prometheus counters). */
  synchronized Sums sinceStart() {
    Sums copy = new Sums(thresholdsMicros.length);
    copy.good = sinceStart.good;
    copy.valid = sinceStart.valid;
    copy.excluded = sinceStart.excluded;
    System.arraycopy(sinceStart.latencyGood, 0, copy.latencyGood, 0, copy.latencyGood.length);
    copy.upMs = sinceStart.upMs;
    copy.degradedMs = sinceStart.degradedMs;
    copy.downMs = sinceStart.downMs;
    copy.unknownMs = sinceStart.unknownMs;
    copy.maintenanceMs = sinceStart.maintenanceMs;
    return copy;
  }

  /** The latency threshold index of the latency SLO named {@code slo}, or -1. */
  int latencyIndex(String slo) {
    return latencySlos.indexOf(slo);
  }
}
