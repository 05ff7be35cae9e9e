package io.vigil.probe.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.net.ProbeHarness;
import io.vigil.schedule.LoopMonitor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A run whose event loop is held while the run is being measured says so, as a paused prober would. */
@WireMockTest
class StalledRunTest {
  @Test
  void aRunMeasuredWhileItsLoopWasHeldIsMarkedStalled(WireMockRuntimeInfo wm) throws Exception {
    stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(400)));
    try (ProbeHarness harness = new ProbeHarness()) {
      LoopMonitor monitor = new LoopMonitor(harness.runtime.stalls(), new SimpleMeterRegistry().timer("delay"));
      try {
        HttpProbe probe = new HttpProbe(ProbeHarness.http("slow", Duration.ofSeconds(5),
            HttpSpecBuilder.get("http://127.0.0.1:" + wm.getHttpPort() + "/slow").build()), harness.runtime);
        EventLoop loop = harness.loop();
        Future<ProbeResult> run = probe.run(loop);
        loop.execute(StalledRunTest::holdTheLoop); // queued after the run's first step, so inside its span
        ProbeResult result = harness.await(run);

        assertThat(result.good()).as(result.message()).isTrue();
        assertThat(result.durationNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
        assertThat(result.stalled()).isTrue();
      } finally {
        monitor.stop();
      }
    }
  }

  /** Holds the loop for 60 ms, much longer than a check period and the stall threshold together. */
  private static void holdTheLoop() {
    try {
      Thread.sleep(60);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
