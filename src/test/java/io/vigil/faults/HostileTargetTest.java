package io.vigil.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.probe.Outcome;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Probes;
import io.vigil.probe.Warmup;
import io.vigil.probe.net.ProbeHarness;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each hostile target alone: the run is bad with the exact reason and a precise message, and it ends within
 * its timeout plus 10% (plus 50 ms of scheduling slack), measured with {@link System#nanoTime()} around the
 * whole run. Targets that misbehave at once must not hold the run until its timeout.
 */
@Tag("faults")
class HostileTargetTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final long BOUND_NANOS = TIMEOUT.toNanos() + TIMEOUT.toNanos() / 10 + 50_000_000L;

  @TempDir
  static Path dir;

  private static HostileTargets targets;
  private static ProbeHarness harness;

  @BeforeAll
  static void start() throws Exception {
    targets = new HostileTargets(dir);
    harness = new ProbeHarness();
    harness.vertx.executeBlocking(() -> {
      Warmup.run();
      return null;
    }).toCompletionStage().toCompletableFuture().get();
    // one unmeasured pass over every target, all at once: the first run of each code path in a JVM loads
    // classes on the event loop, which a running Vigil has long done
    List<Future<ProbeResult>> warming = new ArrayList<>();
    for (HostileTargets.Case c : targets.cases()) {
      warming.add(Probes.create(c.probe().apply(TIMEOUT), harness.runtime).run(harness.loop()));
    }
    harness.await(Future.join(warming));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
    targets.close();
  }

  static List<HostileTargets.Case> cases() {
    return targets.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileTargetIsBadWithTheExactReasonWithinItsTimeout(HostileTargets.Case c) {
    long t0 = System.nanoTime();
    ProbeResult r = harness.run(Probes.create(c.probe().apply(TIMEOUT), harness.runtime));
    long took = System.nanoTime() - t0;

    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.BAD);
    assertThat(r.reason()).as(r.message()).isEqualTo(c.reason());
    assertThat(r.message()).containsPattern(c.message());
    assertThat(took).as("wall time of the run, ns").isLessThan(BOUND_NANOS);
    assertThat(r.durationNanos()).isLessThanOrEqualTo(took);
    if (c.timesOut()) {
      assertThat(r.durationNanos()).as("ends at its timeout").isGreaterThanOrEqualTo(TIMEOUT.toNanos());
    } else {
      assertThat(r.durationNanos()).as("ends as soon as the target misbehaves").isLessThan(TIMEOUT.toNanos() / 2);
    }
  }
}
