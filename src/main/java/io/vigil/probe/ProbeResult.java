package io.vigil.probe;

import java.util.List;

/**
 * One run of one probe. Immutable; fans out to every sink (metrics, store, boundary state, alerts).
 *
 * @param probe the probe's name
 * @param startedAtMillis wall-clock start, epoch milliseconds (for history); durations never use it
 * @param durationNanos monotonic duration of the whole run ({@link System#nanoTime()} based)
 * @param outcome good, bad or invalid
 * @param reason why the run is bad or invalid; {@code null} when good
 * @param message one line for humans on what went wrong ({@code ""} when good); never holds secrets
 * @param phases per-phase durations
 * @param checks every assertion evaluated, in order
 * @param httpStatus last HTTP status seen, 0 when none
 * @param redirects redirects followed
 * @param address the remote address probed ({@code 127.0.0.1:8080}), empty when resolution failed
 * @param tls TLS facts, {@code null} when the run used no TLS or never reached a handshake
 * @param dns DNS facts for DNS probes, {@code null} otherwise
 * @param stalled the prober's event loop stalled while this run was measured (see {@link LoopStalls}): its
 *     duration may include the prober's own pause
 */
public record ProbeResult(
    String probe,
    long startedAtMillis,
    long durationNanos,
    Outcome outcome,
    Reason reason,
    String message,
    PhaseTimings phases,
    List<Check> checks,
    int httpStatus,
    int redirects,
    String address,
    TlsFacts tls,
    DnsFacts dns,
    boolean stalled) {

  public ProbeResult {
    if ((outcome == Outcome.GOOD) != (reason == null)) {
      throw new IllegalArgumentException("a good result has no reason; a bad or invalid one has exactly one");
    }
    checks = List.copyOf(checks);
    message = message == null ? "" : message;
    address = address == null ? "" : address;
  }

  /** A run measured without a stall. */
  public ProbeResult(String probe, long startedAtMillis, long durationNanos, Outcome outcome, Reason reason,
      String message, PhaseTimings phases, List<Check> checks, int httpStatus, int redirects, String address,
      TlsFacts tls, DnsFacts dns) {
    this(probe, startedAtMillis, durationNanos, outcome, reason, message, phases, checks, httpStatus, redirects,
        address, tls, dns, false);
  }

  public boolean good() {
    return outcome == Outcome.GOOD;
  }

  public boolean valid() {
    return outcome != Outcome.INVALID;
  }

  public double durationSeconds() {
    return durationNanos / 1e9;
  }
}
