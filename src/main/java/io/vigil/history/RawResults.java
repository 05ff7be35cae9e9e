package io.vigil.history;

import io.vigil.config.ProbeConfig;
import io.vigil.probe.ProbeResult;
import io.vigil.schedule.ResultSink;
import io.vigil.store.ResultStore;
import io.vigil.store.StoredResult;
import java.util.function.Function;

/**
 * Keeps every run's raw result in history, where the run happened, whoever accounts its boundary. Accounting
 * replays these after a restart or a rebuilt ledger; a probe without a history id yet is not kept.
 */
public final class RawResults implements ResultSink {
  private final ResultStore store;
  private final Function<String, Integer> historyIds;

  public RawResults(ResultStore store, Function<String, Integer> historyIds) {
    this.store = store;
    this.historyIds = historyIds;
  }

  @Override
  public void accept(ProbeConfig probe, ProbeResult result) {
    Integer id = historyIds.apply(probe.name());
    if (id != null) {
      store.append(stored(id, result));
    }
  }

  /** The compact form history keeps of a run. */
  static StoredResult stored(int probeId, ProbeResult result) {
    return new StoredResult(probeId, result.startedAtMillis(),
        (int) Math.min(Integer.MAX_VALUE, result.durationNanos() / 1000), result.outcome(), result.reason(),
        result.good() ? 0 : result.httpStatus(), null, result.stalled()); // a good run's status tells nothing
  }
}
