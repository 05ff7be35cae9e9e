package io.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.config.ProbeConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.PhaseTimings;
import io.vigil.probe.Probe;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.testing.ManualClock;
import io.vigil.testing.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on a loop whose time only the test moves: an embedded Netty loop with frozen time and a manual
 * wall clock, stepped together a millisecond at a time, so planned starts, phases, skipped ticks and lag are
 * exact. Times are milliseconds since {@link #START}. One test runs the scheduler on real event loops.
 */
class SchedulerTest {
  /** A whole number of every interval used here, so a time since it has the same phase as the wall time. */
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ManualClock wall = new ManualClock(START);
  private final ProbeRuntime runtime = new ProbeRuntime(channel.eventLoop(), null, null, null, wall, null);
  private final Map<String, List<Long>> starts = new HashMap<>();
  private final Map<String, List<Long>> lags = new HashMap<>();
  private final Map<String, Integer> results = new HashMap<>();
  private final Map<String, Integer> skipped = new HashMap<>();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private int maxInFlight;

  @BeforeEach
  void freezeTime() {
    channel.freezeTime();
  }

  /** A scheduler of probes that finish {@code busyMillis} after they start (never, when negative). */
  private Scheduler scheduler(long busyMillis) {
    ResultSink sink = new ResultSink() {
      @Override
      public void accept(ProbeConfig probe, ProbeResult result) {
        results.merge(probe.name(), 1, Integer::sum);
      }

      @Override
      public void skipped(ProbeConfig probe, int ticks) {
        skipped.merge(probe.name(), ticks, Integer::sum);
      }
    };
    LagObserver lag = (probe, lagNanos) -> lags.computeIfAbsent(probe.name(), k -> new ArrayList<>()).add(lagNanos);
    return new Scheduler(runtime, sink, lag, (cfg, rt) -> fake(cfg, busyMillis));
  }

  private Probe fake(ProbeConfig cfg, long busyMillis) {
    return loop -> {
      starts.computeIfAbsent(cfg.name(), k -> new ArrayList<>()).add(now());
      maxInFlight = Math.max(maxInFlight, inFlight.merge(cfg.name(), 1, Integer::sum));
      Promise<ProbeResult> done = Promise.promise();
      if (busyMillis >= 0) {
        loop.schedule(() -> {
          inFlight.merge(cfg.name(), -1, Integer::sum);
          done.complete(result(cfg, busyMillis));
        }, busyMillis, TimeUnit.MILLISECONDS);
      }
      return done.future();
    };
  }

  private static ProbeResult result(ProbeConfig cfg, long busyMillis) {
    return new ProbeResult(cfg.name(), System.currentTimeMillis(), busyMillis * MS, Outcome.GOOD, null, "",
        PhaseTimings.NONE, List.of(), 200, 0, "", null, null);
  }

  private static ProbeConfig probe(String name, long intervalMillis) {
    return TestConfigs.http(name, "b", "http://127.0.0.1:1/", Duration.ofMillis(intervalMillis),
        Duration.ofMillis(intervalMillis));
  }

  private long now() {
    return wall.millis() - START.toEpochMilli();
  }

  private void apply(Scheduler s, ProbeConfig... probes) {
    s.apply(List.of(probes));
    channel.runPendingTasks(); // the new probes' timers are armed on their loop
  }

  /** Moves time forward {@code millis}, a millisecond at a time, running whatever falls due on the way. */
  private void advance(long millis) {
    for (long i = 0; i < millis; i++) {
      hold(1);
    }
  }

  /** Moves time forward {@code millis} at once, as a loop held that long (a pause, a busy task) sees it. */
  private void hold(long millis) {
    wall.advanceMillis(millis);
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
  }

  /** The planned starts in (from, to]: every time at the probe's phase offset modulo its interval. */
  private static List<Long> planned(String name, long intervalMillis, long from, long to) {
    long offset = Scheduler.phaseOffsetMillis(name, intervalMillis);
    List<Long> out = new ArrayList<>();
    for (long t = from + 1; t <= to; t++) {
      if (Math.floorMod(t - offset, intervalMillis) == 0) {
        out.add(t);
      }
    }
    return out;
  }

  private static long first(String name, long intervalMillis) {
    return planned(name, intervalMillis, 0, intervalMillis).get(0);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
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
  void startsEveryIntervalAtTheProbesPhaseOnTime() {
    Scheduler s = scheduler(5);
    apply(s, probe("a", 100), probe("b", 100));
    advance(1_000);

    for (String name : List.of("a", "b")) {
      assertThat(starts.get(name)).as(name).hasSize(10).isEqualTo(planned(name, 100, 0, 1_000));
      assertThat(lags.get(name)).as(name).hasSize(10).containsOnly(0L);
      assertThat(results.get(name)).as(name).isEqualTo(planned(name, 100, 0, 995).size());
    }
    assertThat(skipped).isEmpty();
  }

  @Test
  void lagIsActualMinusPlannedStartAndALateLoopKeepsThePhase() {
    Scheduler s = scheduler(1);
    apply(s, probe("a", 100));
    long p = first("a", 100);
    advance(p + 99); // the first start on time, then to 1 ms before the second
    hold(31); // the second starts 30 ms late
    advance(70); // the third on time
    advance(99);
    hold(251); // the fourth starts 250 ms late: the two starts it overran are skipped
    advance(50); // the phase holds

    assertThat(starts.get("a")).containsExactly(p, p + 130, p + 200, p + 550, p + 600);
    assertThat(lags.get("a")).containsExactly(0L, 30 * MS, 0L, 250 * MS, 0L);
    assertThat(skipped.get("a")).isEqualTo(2);
  }

  @Test
  void neverRunsOneProbeTwiceAtOnceAndCountsSkippedTicks() {
    Scheduler s = scheduler(250); // each run outlasts two intervals
    apply(s, probe("slow", 100));
    long p = first("slow", 100);
    advance(p + 1_000);

    assertThat(maxInFlight).isEqualTo(1);
    assertThat(starts.get("slow")).containsExactly(p, p + 300, p + 600, p + 900);
    assertThat(skipped.get("slow")).isEqualTo(7); // ticks at +100, +200, +400, +500, +700, +800, +1000
    assertThat(results.get("slow")).isEqualTo(3); // the run started at +900 is still in flight
    assertThat(lags.get("slow")).hasSize(11).containsOnly(0L);
  }

  @Test
  void aRunThatOutlivesItsTimeoutByFarIsAbandoned() {
    Scheduler s = scheduler(-1); // never finishes
    apply(s, probe("stuck", 1_000));
    long p = first("stuck", 1_000);
    advance(p + 7_000);

    // abandoned once it has run longer than its timeout (1 s) plus 5 s: the tick at +7 s starts a new run
    assertThat(starts.get("stuck")).containsExactly(p, p + 7_000);
    assertThat(skipped.get("stuck")).isEqualTo(6);
  }

  @Test
  void reapplyingAnUnchangedConfigKeepsTheSchedule() {
    Scheduler s = scheduler(1);
    ProbeConfig steady = probe("steady", 200);
    apply(s, steady);
    for (int i = 0; i < 50; i++) {
      advance(20);
      apply(s, steady); // a reload every 20 ms must neither add nor lose runs
    }

    assertThat(starts.get("steady")).hasSize(5).isEqualTo(planned("steady", 200, 0, 1_000));
    assertThat(lags.get("steady")).containsOnly(0L);
  }

  @Test
  void removedProbesStopAndChangedOnesRestart() {
    Scheduler s = scheduler(1);
    apply(s, probe("gone", 100), probe("kept", 100));
    advance(350);
    apply(s, probe("kept", 100));
    advance(400);

    assertThat(starts.get("gone")).isEqualTo(planned("gone", 100, 0, 350));
    assertThat(s.size()).isEqualTo(1);

    apply(s, probe("kept", 50)); // changed interval: restarted at 750 with the new interval and its phase
    advance(520);
    assertThat(starts.get("kept"))
        .isEqualTo(concat(planned("kept", 100, 0, 750), planned("kept", 50, 750, 1_270)));
    assertThat(lags.get("kept")).containsOnly(0L);
  }

  @Test
  void runsOnRealEventLoops() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Timer lag = Timer.builder("lag").register(new SimpleMeterRegistry());
      CountDownLatch finished = new CountDownLatch(6);
      AtomicBoolean offLoop = new AtomicBoolean();
      ResultSink sink = (probe, result) -> {
        if (!Context.isOnEventLoopThread()) {
          offLoop.set(true);
        }
        finished.countDown();
      };
      Scheduler s = new Scheduler(ProbeRuntime.of(vertx, Clock.systemUTC()), sink, lag, (cfg, rt) -> loop -> {
        if (!loop.inEventLoop()) {
          offLoop.set(true);
        }
        return Future.succeededFuture(result(cfg, 0));
      });
      s.apply(List.of(probe("a", 50), probe("b", 50)));

      assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
      s.stop();
      assertThat(lag.count()).isGreaterThanOrEqualTo(6);
      assertThat(offLoop).isFalse();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
