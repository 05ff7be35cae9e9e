package io.vigil.schedule;

import io.vigil.config.ProbeConfig;
import io.vigil.probe.ProbeResult;
import java.util.List;

/**
 * Receives every finished run. Called on the probe's event loop: implementations must be quick and never
 * block (hand heavy work to their own thread).
 */
public interface ResultSink {
  void accept(ProbeConfig probe, ProbeResult result);

  /** A planned run did not start because the previous one was still running (or the loop fell behind). */
  default void skipped(ProbeConfig probe, int ticks) {}

  /** A sink that hands each result to every sink in order. */
  static ResultSink fanOut(List<? extends ResultSink> sinks) {
    ResultSink[] all = sinks.toArray(ResultSink[]::new);
    return new ResultSink() {
      @Override
      public void accept(ProbeConfig probe, ProbeResult result) {
        for (ResultSink s : all) {
          s.accept(probe, result);
        }
      }

      @Override
      public void skipped(ProbeConfig probe, int ticks) {
        for (ResultSink s : all) {
          s.skipped(probe, ticks);
        }
      }
    };
  }
}
