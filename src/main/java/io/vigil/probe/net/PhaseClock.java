package io.vigil.probe.net;

import io.vigil.probe.Phase;
import io.vigil.probe.RunRecorder;

/**
 * Times the phases of one connection in a run and records each into the run's {@link RunRecorder} when it
 * ends. Also remembers the phase the run is in, so that a timeout can say where it struck. Not thread-safe: a
 * run lives on one event loop.
 */
public final class PhaseClock {
  private final RunRecorder rec;
  private Phase current;
  private long since;
  private boolean running;

  public PhaseClock(RunRecorder rec) {
    this.rec = rec;
  }

  /** Enters {@code phase} at {@code nanos}, ending the running phase there first. */
  public void start(Phase phase, long nanos) {
    stop(nanos);
    current = phase;
    since = nanos;
    running = true;
  }

  /** Marks {@code phase} as where the run is, without timing it yet (e.g. while a request is being written). */
  public void enter(Phase phase) {
    stop(System.nanoTime());
    current = phase;
  }

  /** Ends the running phase at {@code nanos} and records it; does nothing when no phase is running. */
  public void stop(long nanos) {
    if (running) {
      rec.phase(current, since, nanos);
      running = false;
    }
  }

  /** The phase being timed now; {@code null} between phases and before the first. */
  public Phase running() {
    return running ? current : null;
  }

  /** The phase the run is in (or last was in); {@code null} before the first. */
  public Phase current() {
    return current;
  }
}
