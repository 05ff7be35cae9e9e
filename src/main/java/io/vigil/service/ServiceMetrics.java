package io.vigil.service;

import static io.vigil.metrics.MetricNames.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.vigil.metrics.ProcessMetrics;
import io.vigil.store.JdbcStore;
import java.time.Duration;
import java.util.List;

/**
 * The service's own meters: the process and JVM, configuration reloads, scheduler lag, event-loop delay and the
 * history store. The timers are there once bound, for the scheduler and the loop monitor to record into.
 */
final class ServiceMetrics implements MeterBinder {
  /** Bucket bounds of both lateness histograms: fine enough below 5 ms to show a quarter of a millisecond. */
  private static final Duration[] LATENESS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
      Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3), Duration.ofMillis(4),
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

  private final JdbcStore store;
  private volatile int lastReloadSuccessful = 1;
  private Counter reloadsApplied;
  private Counter reloadsRefused;
  private Timer schedulerLag;
  private Timer loopDelay;

  ServiceMetrics(JdbcStore store) {
    this.store = store;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (MeterBinder jvm : List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(),
        new ClassLoaderMetrics(), new ProcessMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
      jvm.bindTo(registry);
    }
    Gauge.builder(CONFIG_LAST_RELOAD_SUCCESSFUL, this, m -> m.lastReloadSuccessful)
        .description("1 when the last configuration reload was applied (or none was tried), 0 when it was refused")
        .register(registry);
    reloadsApplied = reloads("success").register(registry);
    reloadsRefused = reloads("failure").register(registry);
    schedulerLag = Timer.builder(SCHEDULER_LAG)
        .description("Start of a run minus its planned start")
        .serviceLevelObjectives(LATENESS).register(registry);
    loopDelay = Timer.builder(EVENT_LOOP_DELAY)
        .description("How late an event loop ran a task planned for a known moment (checked every 5 ms)")
        .serviceLevelObjectives(LATENESS).register(registry);
    Gauge.builder(STORE_QUEUE_DEPTH, store, JdbcStore::queued)
        .description("Writes waiting for the history store").register(registry);
    Gauge.builder(STORE_DEGRADED, store, s -> s.degradedReason() == null ? 0 : 1)
        .description("1 while history cannot be written (see /-/ready)").register(registry);
    FunctionCounter.builder(STORE_RESULTS_WRITTEN, store, JdbcStore::resultsWritten)
        .description("Raw results committed to history").register(registry);
    FunctionCounter.builder(STORE_RESULTS_DROPPED, store, JdbcStore::resultsDropped)
        .description("Raw results dropped because the write queue was full").register(registry);
    FunctionCounter.builder(STORE_COMMITS, store, JdbcStore::commits)
        .description("History transactions committed").register(registry);
    FunctionCounter.builder(STORE_COMMITS_FAILED, store, JdbcStore::failedCommits)
        .description("History transactions that failed and were retried").register(registry);
  }

  private static Counter.Builder reloads(String result) {
    return Counter.builder(CONFIG_RELOADS).tag(L_RESULT, result)
        .description("Configuration reloads by result (a refused one leaves the running configuration)");
  }

  /** Counts a reload attempt; {@code applied} false when it was refused and the running configuration stays. */
  void reloaded(boolean applied) {
    lastReloadSuccessful = applied ? 1 : 0;
    (applied ? reloadsApplied : reloadsRefused).increment();
  }

  Timer schedulerLag() {
    return schedulerLag;
  }

  Timer loopDelay() {
    return loopDelay;
  }
}
