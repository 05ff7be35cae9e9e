package io.vigil.service;

import io.vigil.config.ProbeConfig;
import io.vigil.config.Redactor;
import io.vigil.probe.Check;
import io.vigil.probe.ProbeResult;
import io.vigil.schedule.ResultSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hands every result on with its message and check details redacted by the running configuration's
 * {@link Redactor}. A target can echo what it was sent (a token in a header, a password in the URL) and a
 * message quotes what the target sent, so secrets are removed here, once, before any sink logs, shows or
 * stores a result. Results with nothing to hide pass through as they are.
 */
final class RedactingSink implements ResultSink {
  private final Supplier<Redactor> redactor;
  private final ResultSink next;

  RedactingSink(Supplier<Redactor> redactor, ResultSink next) {
    this.redactor = redactor;
    this.next = next;
  }

  @Override
  public void accept(ProbeConfig probe, ProbeResult result) {
    next.accept(probe, redact(redactor.get(), result));
  }

  @Override
  public void skipped(ProbeConfig probe, int ticks) {
    next.skipped(probe, ticks);
  }

  static ProbeResult redact(Redactor r, ProbeResult result) {
    String message = r.redact(result.message());
    boolean changed = !message.equals(result.message());
    List<Check> checks = new ArrayList<>(result.checks().size());
    for (Check c : result.checks()) {
      String detail = r.redact(c.detail());
      changed |= !detail.equals(c.detail());
      checks.add(detail.equals(c.detail()) ? c : new Check(c.name(), c.passed(), detail));
    }
    if (!changed) {
      return result;
    }
    return new ProbeResult(result.probe(), result.startedAtMillis(), result.durationNanos(), result.outcome(),
        result.reason(), message, result.phases(), checks, result.httpStatus(), result.redirects(),
        result.address(), result.tls(), result.dns(), result.stalled());
  }
}
