package io.vigil.service;

import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.ProbeResult;
import io.vigil.schedule.ResultSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last result of every probe, and a log line when a probe turns good or bad (never one per run).
 */
public final class LatestResults implements ResultSink {
  private static final Logger LOG = LoggerFactory.getLogger(LatestResults.class);
  private final Map<String, ProbeResult> last = new ConcurrentHashMap<>();

  void configure(VigilConfig config) {
    last.keySet().retainAll(config.probes().stream().map(ProbeConfig::name).toList());
  }

  @Override
  public void accept(ProbeConfig probe, ProbeResult result) {
    ProbeResult previous = last.put(probe.name(), result);
    if (previous == null ? !result.good() : previous.outcome() != result.outcome()) {
      if (result.good()) {
        LOG.info("probe {} is good again", probe.name());
      } else {
        LOG.info("probe {} is {}: {} ({})", probe.name(), result.outcome().label(), result.reason().label(),
            result.message());
      }
    }
  }

  public ProbeResult get(String probe) {
    return last.get(probe);
  }

  public Map<String, ProbeResult> all() {
    return Map.copyOf(last);
  }
}
