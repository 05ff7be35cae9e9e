package io.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.config.ProbeConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.PhaseTimings;
import io.vigil.probe.Probe;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.testing.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private Vertx vertx;
  private ProbeRuntime runtime;
  private Timer lag;
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> skipped = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final List<Long> startsMillis = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    runtime = ProbeRuntime.of(vertx, Clock.systemUTC());
    lag = Timer.builder("lag").register(new SimpleMeterRegistry());
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A probe that takes {@code busyMillis} to finish, counting its runs and overlapping runs. */
  private Probe fake(ProbeConfig cfg, long busyMillis) {
    return loop -> {
      startsMillis.add(System.currentTimeMillis());
      int now = inFlight.computeIfAbsent(cfg.name(), k -> new AtomicInteger()).incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      Promise<ProbeResult> done = Promise.promise();
      loop.schedule(() -> {
        inFlight.get(cfg.name()).decrementAndGet();
        done.complete(new ProbeResult(cfg.name(), System.currentTimeMillis(), busyMillis * 1_000_000, Outcome.GOOD,
            null, "", PhaseTimings.NONE, List.of(), 200, 0, "", null, null));
      }, busyMillis, TimeUnit.MILLISECONDS);
      return done.future();
    };
  }

  private Scheduler scheduler(long busyMillis) {
    ResultSink sink = new ResultSink() {
      @Override
      public void accept(ProbeConfig probe, ProbeResult result) {
        runs.computeIfAbsent(probe.name(), k -> new AtomicInteger()).incrementAndGet();
      }

      @Override
      public void skipped(ProbeConfig probe, int ticks) {
        skipped.computeIfAbsent(probe.name(), k -> new AtomicInteger()).addAndGet(ticks);
      }
    };
    return new Scheduler(runtime, sink, lag, (cfg, rt) -> fake(cfg, busyMillis));
  }

  private static ProbeConfig probe(String name, long intervalMillis) {
    return TestConfigs.http(name, "b", "http://127.0.0.1:1/", Duration.ofMillis(intervalMillis),
        Duration.ofMillis(intervalMillis));
  }

  private static int count(Map<String, AtomicInteger> m, String name) {
    AtomicInteger n = m.get(name);
    return n == null ? 0 : n.get();
  }

  @Test
  void phaseOffsetsAreStableAndSpreadOverTheInterval() {
    int buckets = 100;
    int[] hist = new int[buckets];
    for (int i = 0; i < 10_000; i++) {
      long offset = Scheduler.phaseOffsetMillis("probe-" + i, 10_000);
      assertThat(offset).isBetween(0L, 9_999L);
      assertThat(Scheduler.phaseOffsetMillis("probe-" + i, 10_000)).isEqualTo(offset);
      hist[(int) (offset / 100)]++;
    }
    // 100 expected per bucket; a herd at one moment would show as a huge bucket
    for (int n : hist) {
      assertThat(n).isBetween(40, 180);
    }
  }

  @Test
  void firstPlannedStartFollowsTheOffsetOnTheWallClock() {
    assertThat(Scheduler.firstPlannedMillis(10_000, 300, 1_000)).isEqualTo(10_300);
    assertThat(Scheduler.firstPlannedMillis(10_300, 300, 1_000)).isEqualTo(11_300);
    assertThat(Scheduler.firstPlannedMillis(10_299, 300, 1_000)).isEqualTo(10_300);
  }

  @Test
  void runsEveryIntervalWithSmallLag() throws Exception {
    Scheduler s = scheduler(5);
    s.apply(List.of(probe("a", 100), probe("b", 100)));
    Thread.sleep(1_050);
    s.stop();
    assertThat(count(runs, "a")).isBetween(8, 12);
    assertThat(count(runs, "b")).isBetween(8, 12);
    assertThat(lag.count()).isGreaterThanOrEqualTo(16);
    assertThat(lag.max(TimeUnit.MILLISECONDS)).isLessThan(100);
  }

  @Test
  void neverRunsOneProbeTwiceAtOnceAndCountsSkippedTicks() throws Exception {
    Scheduler s = scheduler(250); // each run outlasts two intervals
    s.apply(List.of(probe("slow", 100)));
    Thread.sleep(1_100);
    s.stop();
    assertThat(maxInFlight.get()).isEqualTo(1);
    assertThat(count(runs, "slow")).isBetween(3, 5);
    assertThat(count(skipped, "slow")).isGreaterThanOrEqualTo(5);
  }

  @Test
  void reapplyingAnUnchangedConfigKeepsTheSchedule() throws Exception {
    Scheduler s = scheduler(1);
    List<ProbeConfig> config = List.of(probe("steady", 200));
    s.apply(config);
    long end = System.currentTimeMillis() + 1_000;
    while (System.currentTimeMillis() < end) {
      s.apply(config); // a reload every 20 ms must neither add nor lose runs
      Thread.sleep(20);
    }
    s.stop();
    assertThat(count(runs, "steady")).isBetween(4, 6);
    for (int i = 1; i < startsMillis.size(); i++) {
      assertThat(startsMillis.get(i) - startsMillis.get(i - 1)).isBetween(150L, 250L);
    }
  }

  @Test
  void removedProbesStopAndChangedOnesRestart() throws Exception {
    Scheduler s = scheduler(1);
    s.apply(List.of(probe("gone", 100), probe("kept", 100)));
    Thread.sleep(350);
    s.apply(List.of(probe("kept", 100)));
    int goneRuns = count(runs, "gone");
    Thread.sleep(400);
    assertThat(count(runs, "gone")).isEqualTo(goneRuns);
    assertThat(s.size()).isEqualTo(1);
    s.apply(List.of(probe("kept", 50))); // changed interval: restarted with the new one
    int before = count(runs, "kept");
    Thread.sleep(520);
    s.stop();
    assertThat(count(runs, "kept") - before).isBetween(7, 12);
  }
}
