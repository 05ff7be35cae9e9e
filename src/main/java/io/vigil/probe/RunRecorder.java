package io.vigil.probe;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one run's facts as it progresses and turns them into a {@link ProbeResult}. The first failure
 * recorded names the run's reason; later ones are kept as checks only, so every bad run has exactly one
 * reason. Not thread-safe: a run lives on one event loop.
 */
public final class RunRecorder {
  private final String probe;
  private final long startedAtMillis;
  private final long startNanos;
  private final PhaseTimings.Builder phases = PhaseTimings.builder();
  private final List<Check> checks = new ArrayList<>(4);
  private Outcome outcome = Outcome.GOOD;
  private Reason reason;
  private String message = "";
  private int httpStatus;
  private int redirects;
  private String address = "";
  private TlsFacts tls;
  private DnsFacts dns;
  private boolean stalled;

  public RunRecorder(String probe, Clock clock) {
    this.probe = probe;
    this.startedAtMillis = clock.millis();
    this.startNanos = System.nanoTime();
  }

  public long startNanos() {
    return startNanos;
  }

  /** Nanoseconds since the run started. */
  public long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  /** Records {@code phase} as lasting from {@code fromNanos} to {@code toNanos} (adds to earlier hops). */
  public RunRecorder phase(Phase phase, long fromNanos, long toNanos) {
    phases.add(phase, toNanos - fromNanos);
    return this;
  }

  public RunRecorder phases(PhaseTimings timings) {
    phases.add(timings);
    return this;
  }

  /** Records an assertion; a failing one makes the run bad with {@code reasonIfFailed} unless it already failed. */
  public RunRecorder check(String name, boolean passed, String detail, Reason reasonIfFailed) {
    checks.add(new Check(name, passed, detail));
    if (!passed) {
      fail(reasonIfFailed, name + ": " + detail);
    }
    return this;
  }

  /** Marks the run bad; the first failure wins. */
  public RunRecorder fail(Reason why, String what) {
    if (outcome == Outcome.GOOD) {
      outcome = Outcome.BAD;
      reason = why;
      message = what;
    }
    return this;
  }

  /** Marks the run invalid (it measured nothing about the service); overrides an earlier bad outcome. */
  public RunRecorder invalid(Reason why, String what) {
    outcome = Outcome.INVALID;
    reason = why;
    message = what;
    return this;
  }

  public boolean failed() {
    return outcome != Outcome.GOOD;
  }

  public Outcome outcome() {
    return outcome;
  }

  public Reason reason() {
    return reason;
  }

  public RunRecorder httpStatus(int status) {
    this.httpStatus = status;
    return this;
  }

  public RunRecorder redirects(int count) {
    this.redirects = count;
    return this;
  }

  public RunRecorder address(String remote) {
    this.address = remote;
    return this;
  }

  public RunRecorder tls(TlsFacts facts) {
    this.tls = facts;
    return this;
  }

  public RunRecorder dns(DnsFacts facts) {
    this.dns = facts;
    return this;
  }

  /** The prober stalled while this run was measured. */
  public RunRecorder stalled() {
    this.stalled = true;
    return this;
  }

  public TlsFacts tls() {
    return tls;
  }

  /** Freezes the run; duration is measured up to now. */
  public ProbeResult finish() {
    return new ProbeResult(probe, startedAtMillis, System.nanoTime() - startNanos, outcome, reason, message,
        phases.build(), checks, httpStatus, redirects, address, tls, dns, stalled);
  }
}
