package io.vigil.service;

import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.ProbeResult;
import io.vigil.schedule.ResultSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last result of every probe, and a log line when a probe turns good or bad (never one per run). When a
 * whole fleet changes at once (a target or the prober's network goes away), at most {@value #LINES_PER_WINDOW}
 * lines are written per ten seconds and the rest are counted in one summary line.
 */
final class LatestResults implements ResultSink {
  private static final Logger LOG = LoggerFactory.getLogger(LatestResults.class);
  static final int LINES_PER_WINDOW = 20;
  private static final long WINDOW_NANOS = 10_000_000_000L;

  private final Map<String, ProbeResult> last = new ConcurrentHashMap<>();
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicInteger linesInWindow = new AtomicInteger();
  private final AtomicInteger suppressed = new AtomicInteger();

  void configure(VigilConfig config) {
    last.keySet().retainAll(config.probes().stream().map(ProbeConfig::name).toList());
  }

  @Override
  public void accept(ProbeConfig probe, ProbeResult result) {
    ProbeResult previous = last.put(probe.name(), result);
    if (previous == null ? result.good() : previous.outcome() == result.outcome()) {
      return;
    }
    if (!mayLog()) {
      return;
    }
    if (result.good()) {
      LOG.info("probe {} is good again", probe.name());
    } else {
      LOG.info("probe {} is {}: {} ({})", probe.name(), result.outcome().label(), result.reason().label(),
          result.message());
    }
  }

  private boolean mayLog() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start > WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
      int skipped = suppressed.getAndSet(0);
      linesInWindow.set(0);
      if (skipped > 0) {
        LOG.info("{} more probes changed between good and bad in the last ten seconds (not logged one by one)",
            skipped);
      }
    }
    if (linesInWindow.incrementAndGet() <= LINES_PER_WINDOW) {
      return true;
    }
    suppressed.incrementAndGet();
    return false;
  }

  ProbeResult get(String probe) {
    return last.get(probe);
  }

  public Map<String, ProbeResult> all() {
    return Map.copyOf(last);
  }
}
