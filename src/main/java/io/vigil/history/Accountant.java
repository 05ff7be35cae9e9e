package io.vigil.history;

import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.ProbeResult;
import io.vigil.schedule.ResultSink;
import io.vigil.slo.LatencyBands;
import io.vigil.store.BucketRow;
import io.vigil.store.HistoryStore;
import io.vigil.store.Resolution;
import io.vigil.store.StoredResult;
import io.vigil.store.Subject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Owns every boundary's {@link Ledger}: accounts each result (stored by {@link RawResults}), advances
 * accounting (call {@link #advance} about once a second from a worker thread), and persists rollups with
 * checkpoints ({@link #persist}, every few seconds and at shutdown). At start-up and whenever a boundary's
 * definition changes, a ledger is rebuilt from the store: rollups restore the rings and raw results since the
 * checkpoint are replayed, so nothing accounted is lost or counted twice, and the time Vigil was not running is
 * unknown.
 */
public final class Accountant implements ResultSink {
  private final Clock clock;
  private final HistoryStore store;
  private volatile Map<String, Ledger> ledgers = Map.of();
  private volatile Map<String, Integer> probeIds = Map.of();
  private volatile MaintenanceSchedule maintenance;
  private volatile String home = "";
  private volatile VigilConfig config;
  /** The boundaries whose rollups and checkpoints this node writes; null for all of them (one process). */
  private volatile Set<String> owned;

  public Accountant(Clock clock, HistoryStore store) {
    this.clock = clock;
    this.store = store;
  }

  /** The history id of a probe definition: a changed definition starts a new history. */
  public static String definitionHash(ProbeConfig p) {
    String definition = p.type() + "|" + p.interval() + "|" + p.timeout() + "|" + p.http() + "|" + p.tcp() + "|"
        + p.dns();
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Applies a configuration. Blocking (reads the store): call from a worker thread. Boundaries whose
   * definition, probes and latency thresholds did not change keep their ledger untouched.
   */
  public synchronized void configure(VigilConfig config, MaintenanceSchedule schedule) {
    this.home = config.location();
    this.config = config;
    Map<String, Integer> ids = new HashMap<>();
    for (ProbeConfig p : config.probes()) {
      ids.put(p.name(), store.probeId(p.name(), definitionHash(p)));
    }
    Map<String, List<ProbeConfig>> byBoundary = config.probesByBoundary();
    Map<String, Ledger> old = ledgers;
    Map<String, Ledger> next = new LinkedHashMap<>();
    for (BoundaryConfig b : config.boundaries()) {
      List<ProbeConfig> probes = byBoundary.getOrDefault(b.name(), List.of());
      Ledger previous = old.get(b.name());
      if (previous != null && unchanged(previous, b, probes, ids)) {
        next.put(b.name(), previous);
        continue;
      }
      if (previous != null && (owned == null || owned.contains(b.name()))) {
        persist(List.of(previous));
      }
      next.put(b.name(), null);
    }
    store.flush();
    Map<Integer, Replay> replays = new HashMap<>();
    for (Map.Entry<String, Ledger> e : next.entrySet()) {
      if (e.getValue() == null) {
        BoundaryConfig b = config.boundary(e.getKey());
        e.setValue(restore(b, byBoundary.getOrDefault(b.name(), List.of()), ids, replays));
      }
    }
    replay(replays);
    this.maintenance = schedule;
    this.probeIds = Map.copyOf(ids);
    this.ledgers = next;
  }

  private static boolean unchanged(Ledger l, BoundaryConfig b, List<ProbeConfig> probes, Map<String, Integer> ids) {
    if (!l.config.sameDefinition(b) || l.tracks().size() != probes.size()
        || !l.latencySlos.equals(Ledger.latencySlos(b)) || l.dayCapacity != Ledger.dayCapacity(b)
        || !Arrays.equals(l.thresholdsMicros, Ledger.thresholdsMicros(b))) {
      return false;
    }
    for (ProbeConfig p : probes) {
      Ledger.Track t = l.tracks().get(p.name());
      if (t == null || t.probeId != ids.get(p.name()) || !t.config.sameDefinition(p) || t.config.role() != p.role()) {
        return false;
      }
    }
    return true;
  }

  /** Builds a ledger from the store: rollups, checkpoint, and raw results to replay. */
  private Ledger restore(BoundaryConfig b, List<ProbeConfig> probes, Map<String, Integer> ids,
      Map<Integer, Replay> replays) {
    int boundaryId = store.boundaryId(b.name());
    long now = clock.millis();
    OptionalLong saved = store.checkpoint(boundaryId);
    long checkpoint = saved.orElse(now);
    Ledger ledger = new Ledger(b, boundaryId, probes, ids, checkpoint, home);
    if (saved.isEmpty()) {
      // a new boundary: record where its accounting starts, so that results stored before a crash are
      // replayed from here rather than lost
      store.saveAccounting(List.of(), Map.of(boundaryId, checkpoint));
      return ledger;
    }
    long upTo = Math.max(now, checkpoint) + Resolution.DAY.millis();
    for (BucketRow r : store.buckets(Subject.BOUNDARY, boundaryId, Resolution.MINUTE,
        now - Ledger.MINUTES * Resolution.MINUTE.millis(), upTo)) {
      ledger.restore(r);
    }
    for (BucketRow r : store.buckets(Subject.BOUNDARY, boundaryId, Resolution.HOUR,
        now - Ledger.HOURS * Resolution.HOUR.millis(), upTo)) {
      ledger.restore(r);
    }
    long day = Resolution.DAY.floor(checkpoint);
    for (BucketRow r : store.buckets(Subject.BOUNDARY, boundaryId, Resolution.DAY,
        Math.min(day, now - (long) ledger.dayCapacity * Resolution.DAY.millis()), upTo)) {
      ledger.restore(r);
    }
    // the minute and hour buckets holding the checkpoint may be older than the rings reach
    long minute = Resolution.MINUTE.floor(checkpoint);
    long hour = Resolution.HOUR.floor(checkpoint);
    for (BucketRow r : store.buckets(Subject.BOUNDARY, boundaryId, Resolution.MINUTE, minute, minute + 1)) {
      ledger.restore(r);
    }
    for (BucketRow r : store.buckets(Subject.BOUNDARY, boundaryId, Resolution.HOUR, hour, hour + 1)) {
      ledger.restore(r);
    }
    for (ProbeConfig p : probes) {
      int id = ids.get(p.name());
      for (BucketRow r : store.buckets(Subject.PROBE, id, Resolution.HOUR, hour, hour + 1)) {
        ledger.restore(r);
      }
      for (BucketRow r : store.buckets(Subject.PROBE, id, Resolution.DAY, day, day + 1)) {
        ledger.restore(r);
      }
      replays.put(id, new Replay(ledger, p.name(), checkpoint - 2 * p.interval().toMillis() - 1));
    }
    return ledger;
  }

  /**
   * Sets the boundaries this node owns in a cluster that shares its history (call from a worker; reads the
   * store). Every node accounts every boundary, but only a boundary's owner writes its rollups and checkpoint.
   * A boundary lost is written one last time; a boundary gained is rebuilt from history exactly as after a
   * restart (rollups, checkpoint, raw results since), so whatever the previous owner did not write is
   * recounted, and the runs this node already holds but the history does not yet are kept, each counted once.
   */
  public synchronized void own(Set<String> boundaries) {
    Set<String> before = owned;
    owned = Set.copyOf(boundaries);
    if (before == null) {
      return; // the first call, right after start-up: every ledger was just built from history
    }
    List<Ledger> lost = new ArrayList<>();
    List<String> gained = new ArrayList<>();
    for (Map.Entry<String, Ledger> e : ledgers.entrySet()) {
      boolean had = before.contains(e.getKey());
      boolean has = boundaries.contains(e.getKey());
      if (had && !has) {
        lost.add(e.getValue());
      } else if (!had && has) {
        gained.add(e.getKey());
      }
    }
    persist(lost);
    if (gained.isEmpty()) {
      return;
    }
    store.flush();
    Map<String, List<ProbeConfig>> byBoundary = config.probesByBoundary();
    Map<String, Ledger> next = new LinkedHashMap<>(ledgers);
    Map<Integer, Replay> replays = new HashMap<>();
    Map<String, Ledger> rebuilt = new HashMap<>();
    for (String b : gained) {
      rebuilt.put(b, restore(config.boundary(b), byBoundary.getOrDefault(b, List.of()), probeIds, replays));
    }
    replay(replays);
    for (Map.Entry<String, Ledger> e : rebuilt.entrySet()) {
      ledgers.get(e.getKey()).pending((probe, r) -> e.getValue().add(probe, r));
      next.put(e.getKey(), e.getValue());
    }
    ledgers = next;
  }

  /** A probe whose raw results since {@code fromMillis} must be replayed into its rebuilt ledger. */
  private record Replay(Ledger ledger, String probe, long fromMillis) {}

  /** Replays raw results with one scan of the results table (it is keyed by time, not by probe). */
  private void replay(Map<Integer, Replay> replays) {
    if (replays.isEmpty()) {
      return;
    }
    long from = replays.values().stream().mapToLong(Replay::fromMillis).min().orElseThrow();
    for (StoredResult r : store.results(from, Long.MAX_VALUE)) {
      Replay p = replays.get(r.probeId());
      if (p != null && r.startMillis() >= p.fromMillis()) {
        p.ledger().replay(p.probe(), r);
      }
    }
  }

  @Override
  public void accept(ProbeConfig probe, ProbeResult result) {
    accept(probe, null, result);
  }

  /** Accounts a run made at {@code location} (another node's, in a cluster; null for this node's own). */
  public void accept(ProbeConfig probe, String location, ProbeResult result) {
    Integer id = probeIds.get(probe.name());
    Ledger ledger = ledgers.get(probe.boundary());
    if (id == null || ledger == null) {
      return;
    }
    StoredResult r = RawResults.stored(id, result);
    ledger.add(probe.name(), location == null ? r : new StoredResult(r.probeId(), r.startMillis(),
        r.durationMicros(), r.outcome(), r.reason(), r.httpStatus(), location, r.stalled()));
  }

  /** Accounts every boundary up to its horizon (now minus its longest timeout and two seconds). */
  public synchronized void advance() {
    long now = clock.millis();
    MaintenanceSchedule schedule = maintenance;
    for (Ledger l : ledgers.values()) {
      l.advance(now - l.lagMillis(), schedule);
    }
  }

  /**
   * Queues every changed rollup of the boundaries this node owns with its checkpoint for the store (committed
   * atomically together); the others' are dropped, as their owner writes them.
   */
  public synchronized void persist() {
    Set<String> mine = owned;
    List<Ledger> write = new ArrayList<>();
    for (Ledger l : ledgers.values()) {
      if (mine == null || mine.contains(l.config.name())) {
        write.add(l);
      } else {
        l.drainRows();
      }
    }
    persist(write);
  }

  private void persist(Iterable<Ledger> which) {
    List<BucketRow> rows = new ArrayList<>();
    Map<Integer, Long> checkpoints = new HashMap<>();
    for (Ledger l : which) {
      Ledger.Drained d = l.drainRows();
      rows.addAll(d.rows());
      if (d.checkpointMoved() || !d.rows().isEmpty()) {
        checkpoints.put(l.boundaryId, d.checkpoint());
      }
    }
    if (!rows.isEmpty() || !checkpoints.isEmpty()) {
      store.saveAccounting(rows, checkpoints);
    }
  }

  /** Sums of a boundary over [from, to) as far as accounted, or {@code null} for an unknown boundary. */
  public Sums sums(String boundary, long fromMillis, long toMillis) {
    Ledger l = ledgers.get(boundary);
    return l == null ? null : l.sum(fromMillis, toMillis);
  }

  /** Everything accounted for a boundary since its ledger was built (monotonic), or {@code null}. */
  public Sums sinceStart(String boundary) {
    Ledger l = ledgers.get(boundary);
    return l == null ? null : l.sinceStart();
  }

  /**
   * Sums of each of the last {@code days} UTC days (oldest first, today last and partial), or an empty list
   * for an unknown boundary.
   */
  public List<Sums> days(String boundary, long nowMillis, int days) {
    Ledger l = ledgers.get(boundary);
    if (l == null) {
      return List.of();
    }
    long today = Resolution.DAY.floor(nowMillis);
    List<Sums> out = new ArrayList<>(days);
    for (int i = days - 1; i >= 0; i--) {
      long start = today - i * Resolution.DAY.millis();
      out.add(l.sum(start, start + Resolution.DAY.millis()));
    }
    return out;
  }

  /** Where accounting of a boundary stands (epoch millis), or -1 for an unknown boundary. */
  public long accountedUntil(String boundary) {
    Ledger l = ledgers.get(boundary);
    return l == null ? -1 : l.checkpoint();
  }

  /** The latency bands of sums of {@code boundary} (from {@link #sums}); {@link LatencyBands#NONE} if unknown. */
  public LatencyBands bands(String boundary, Sums sums) {
    Ledger l = ledgers.get(boundary);
    return l == null || sums == null ? LatencyBands.NONE : sums.bands(l.bandIndex());
  }

  /** Index of a latency SLO's threshold in {@link Sums#latency}, or -1. */
  public int latencyIndex(String boundary, String slo) {
    Ledger l = ledgers.get(boundary);
    return l == null ? -1 : l.latencyIndex(slo);
  }

  public Integer probeId(String probe) {
    return probeIds.get(probe);
  }

  public int boundaryId(String boundary) {
    Ledger l = ledgers.get(boundary);
    return l == null ? -1 : l.boundaryId;
  }

  /** Runs that finished after their time had been accounted (should stay zero). */
  public long stragglers() {
    long n = 0;
    for (Ledger l : ledgers.values()) {
      n += l.stragglers();
    }
    return n;
  }

  Ledger ledger(String boundary) {
    return Objects.requireNonNull(ledgers.get(boundary));
  }
}
