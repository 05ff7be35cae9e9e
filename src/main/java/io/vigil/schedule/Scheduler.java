package io.vigil.schedule;

import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.config.ProbeConfig;
import io.vigil.probe.Probe;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.Probes;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every probe on its interval, on the event loops, with no thread per probe.
 *
 * <ul>
 *   <li>Planned starts are {@code offset + k × interval} on the wall clock, where the offset is a stable hash
 *       of the probe's name: starts are spread over the interval, and a restart keeps each probe's phase.
 *   <li>A probe never runs twice at once: a tick that finds the previous run in flight is skipped and
 *       counted ({@link ResultSink#skipped}). Timeouts are the probe's own contract; a run that outlives its
 *       timeout by far is abandoned so one bug cannot stop a probe for good.
 *   <li>Each probe lives on one event loop; its timer, its run and its sinks execute there. Its schedule reads
 *       the time from that loop's ticker ({@link System#nanoTime()} on a real loop), the clock the loop's timers
 *       run by, so a loop with a mock ticker drives the schedule exactly in tests.
 *   <li>Lag (actual start minus planned start) is recorded in {@code vigil_scheduler_lag_seconds}, or handed to
 *       a {@link LagObserver} that also learns which probe started.
 * </ul>
 */
public final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final long ABANDON_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ProbeRuntime runtime;
  private final ResultSink sink;
  private final LagObserver lag;
  private final Clock clock;
  private final BiFunction<ProbeConfig, ProbeRuntime, Probe> factory;
  private final Map<String, Entry> entries = new HashMap<>();

  public Scheduler(ProbeRuntime runtime, ResultSink sink, Timer lag) {
    this(runtime, sink, lag, Probes::create);
  }

  // VisibleForTesting: a factory that builds fake probes
  public Scheduler(ProbeRuntime runtime, ResultSink sink, Timer lag,
      BiFunction<ProbeConfig, ProbeRuntime, Probe> factory) {
    this(runtime, sink, (probe, lagNanos) -> lag.record(lagNanos, TimeUnit.NANOSECONDS), factory);
  }

  /** @param lag receives the lag of every start, on the probe's event loop (keep it cheap) */
  public Scheduler(ProbeRuntime runtime, ResultSink sink, LagObserver lag,
      BiFunction<ProbeConfig, ProbeRuntime, Probe> factory) {
    this.runtime = runtime;
    this.sink = sink;
    this.lag = lag;
    this.clock = runtime.clock();
    this.factory = factory;
  }

  /**
   * Schedules exactly {@code probes}: new ones start, removed ones stop, changed ones restart with their new
   * definition, and unchanged ones keep their timers and planned times (so a reload never misses their runs).
   * Builds probes on the calling thread (it may read certificate files): call it off the event loops.
   */
  public synchronized void apply(List<ProbeConfig> probes) {
    prepare(probes).run();
  }

  /**
   * Builds every probe that {@code probes} adds or changes, without touching the running ones; anything that
   * can fail (certificate files, header values) fails here. The returned swap stops removed and changed
   * probes and starts the built ones; it does not fail. Call it off the event loops.
   */
  public synchronized Runnable prepare(List<ProbeConfig> probes) {
    Map<String, ProbeConfig> wanted = new HashMap<>();
    for (ProbeConfig p : probes) {
      wanted.put(p.name(), p);
    }
    Map<String, Probe> built = new HashMap<>();
    for (ProbeConfig p : probes) {
      Entry existing = entries.get(p.name());
      if (existing == null || !existing.config.sameDefinition(p)) {
        built.put(p.name(), factory.apply(p, runtime));
      }
    }
    return () -> swap(probes, wanted, built);
  }

  private synchronized void swap(List<ProbeConfig> probes, Map<String, ProbeConfig> wanted,
      Map<String, Probe> built) {
    entries.values().removeIf(e -> {
      ProbeConfig next = wanted.get(e.config.name());
      boolean keep = next != null && !built.containsKey(next.name()) && e.config.sameDefinition(next);
      if (!keep) {
        e.cancel();
      }
      return !keep;
    });
    for (ProbeConfig p : probes) {
      Entry existing = entries.get(p.name());
      if (existing != null) {
        existing.config = p; // same definition; presentation (title, labels) may change
        continue;
      }
      Probe probe = built.get(p.name());
      Entry e = new Entry(p, probe != null ? probe : factory.apply(p, runtime), runtime.loops().next());
      entries.put(p.name(), e);
      e.start();
    }
  }

  public synchronized void stop() {
    entries.values().forEach(Entry::cancel);
    entries.clear();
  }

  public synchronized int size() {
    return entries.size();
  }

  /** The stable offset of a probe's planned starts within its interval. */
  static long phaseOffsetMillis(String name, long intervalMillis) {
    long h = 1125899906842597L; // FNV-like mix of the name: stable across runs and JVMs
    for (int i = 0; i < name.length(); i++) {
      h = 31 * h + name.charAt(i);
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return Math.floorMod(h, intervalMillis);
  }

  /** The first planned wall-clock start strictly after {@code nowMillis}. */
  static long firstPlannedMillis(long nowMillis, long offsetMillis, long intervalMillis) {
    long k = Math.floorDiv(nowMillis - offsetMillis, intervalMillis) + 1;
    return offsetMillis + k * intervalMillis;
  }

  private final class Entry implements Runnable {
    volatile ProbeConfig config;
    final Probe probe;
    final EventLoop loop;
    final long intervalNanos;
    long plannedNanos;
    long runStartNanos;
    boolean running;
    volatile boolean cancelled;
    volatile ScheduledFuture<?> timer;

    Entry(ProbeConfig config, Probe probe, EventLoop loop) {
      this.config = config;
      this.probe = probe;
      this.loop = loop;
      this.intervalNanos = config.interval().toNanos();
    }

    void start() {
      long intervalMillis = Math.max(1, config.interval().toMillis());
      long nowMillis = clock.millis();
      long nowNanos = now();
      long first = firstPlannedMillis(nowMillis, phaseOffsetMillis(config.name(), intervalMillis), intervalMillis);
      plannedNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(first - nowMillis);
      loop.execute(this::arm);
    }

    private void arm() {
      if (!cancelled) {
        timer = loop.schedule(this, Math.max(0, plannedNanos - now()), TimeUnit.NANOSECONDS);
      }
    }

    private long now() {
      return loop.ticker().nanoTime();
    }

    @Override
    public void run() {
      if (cancelled) {
        return;
      }
      long now = now();
      lag.started(config, Math.max(0, now - plannedNanos));
      if (running && now - runStartNanos > config.timeout().toNanos() + ABANDON_AFTER_NANOS) {
        LOG.error("probe {} did not finish within its timeout; abandoning that run", config.name());
        running = false;
      }
      if (running) {
        sink.skipped(config, 1);
      } else {
        running = true;
        runStartNanos = now;
        ProbeConfig current = config;
        probe.run(loop).onComplete(ar -> finished(current, ar.succeeded() ? ar.result() : null, ar.cause()));
      }
      long next = plannedNanos + intervalNanos;
      if (next <= now) { // the loop fell behind by a whole interval or more: skip the missed starts
        long missed = (now - plannedNanos) / intervalNanos;
        sink.skipped(config, (int) Math.min(Integer.MAX_VALUE, missed));
        next = plannedNanos + (missed + 1) * intervalNanos;
      }
      plannedNanos = next;
      arm();
    }

    private void finished(ProbeConfig current, ProbeResult result, Throwable bug) {
      if (loop.inEventLoop()) {
        complete(current, result, bug);
      } else {
        loop.execute(() -> complete(current, result, bug));
      }
    }

    private void complete(ProbeConfig current, ProbeResult result, Throwable bug) {
      running = false;
      if (cancelled) {
        return;
      }
      if (result == null) {
        LOG.error("probe {} failed unexpectedly", current.name(), bug);
        return;
      }
      try {
        sink.accept(current, result);
      } catch (RuntimeException e) {
        LOG.error("a result sink failed for probe {}", current.name(), e);
      }
    }

    void cancel() {
      cancelled = true;
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }
  }
}
