package io.vigil.probe.http;

import io.netty.channel.EventLoop;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vigil.probe.Check;
import io.vigil.probe.Outcome;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.probe.RunRecorder;
import io.vigil.probe.net.Display;
import io.vigil.probe.net.RunLifecycle;
import io.vigil.probe.net.Failures;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of an {@link HttpProbe}: resolves the URL's host, then probes the first address, or every address
 * concurrently ({@code addresses: all}), and enforces the run's deadline. With several addresses the run is
 * bad when any address is bad (the reason of the first failing one in resolver order), its checks carry the
 * address ({@code [::1] status}), and its phases are those of the slowest address.
 */
final class HttpRun implements RunLifecycle.Protocol {
  private final HttpProbe probe;
  private final EventLoop loop;
  private final RunRecorder rec;
  private final RunLifecycle life;
  private final List<AddressRun> legs = new ArrayList<>(2);
  private long resolveStart;
  private boolean resolving;

  HttpRun(HttpProbe probe, EventLoop loop) {
    this.probe = probe;
    this.loop = loop;
    this.rec = new RunRecorder(probe.name, probe.clock);
    this.life = new RunLifecycle(loop, rec, probe.timeout.toNanos(), probe.stalls);
  }

  Future<ProbeResult> start() {
    return life.start(this);
  }

  @Override
  public void begin() {
    resolving = true;
    resolveStart = System.nanoTime();
    probe.dialer.resolve(loop, probe.target.host()).onComplete(ar -> life.onLoop(() -> resolved(ar)));
  }

  private void resolved(AsyncResult<List<InetAddress>> ar) {
    if (life.done()) {
      return;
    }
    resolving = false;
    rec.phase(Phase.RESOLVE, resolveStart, System.nanoTime());
    if (ar.failed() || ar.result().isEmpty()) {
      Throwable cause = ar.failed() ? ar.cause() : new UnknownHostException("no address");
      Failures.resolve(probe.target.host(), cause).recordInto(rec);
      life.finish();
      return;
    }
    List<InetAddress> addresses = probe.everyAddress ? ar.result() : ar.result().subList(0, 1);
    for (InetAddress address : addresses) {
      RunRecorder legRec = probe.everyAddress ? new RunRecorder(probe.name, probe.clock) : rec;
      legs.add(new AddressRun(probe, loop, legRec, rec.startNanos(), address, this::legDone));
    }
    for (AddressRun leg : List.copyOf(legs)) {
      leg.start();
    }
  }

  private void legDone() {
    for (AddressRun leg : legs) {
      if (!leg.finished()) {
        return;
      }
    }
    life.finish();
  }

  @Override
  public void expired() {
    if (resolving) {
      rec.phase(Phase.RESOLVE, resolveStart, System.nanoTime());
      rec.fail(Reason.TIMEOUT, "timed out after " + Display.duration(probe.timeout) + " during resolve");
    }
    for (AddressRun leg : List.copyOf(legs)) {
      leg.timeout(probe.timeout);
    }
  }

  @Override
  public void settle() {
    if (probe.everyAddress && !legs.isEmpty()) {
      merge();
    }
  }

  /** Folds the per-address results into the run's recorder. */
  private void merge() {
    List<ProbeResult> results = new ArrayList<>(legs.size());
    for (AddressRun leg : legs) {
      results.add(leg.result());
    }
    ProbeResult slowest = results.get(0);
    ProbeResult firstBad = null;
    ProbeResult firstInvalid = null;
    int firstBadIndex = -1;
    int firstInvalidIndex = -1;
    for (int i = 0; i < results.size(); i++) {
      ProbeResult r = results.get(i);
      if (r.durationNanos() > slowest.durationNanos()) {
        slowest = r;
      }
      if (r.outcome() == Outcome.BAD && firstBad == null) {
        firstBad = r;
        firstBadIndex = i;
      }
      if (r.outcome() == Outcome.INVALID && firstInvalid == null) {
        firstInvalid = r;
        firstInvalidIndex = i;
      }
    }
    rec.phases(slowest.phases());
    if (firstBad != null) {
      rec.fail(firstBad.reason(), prefix(firstBadIndex) + firstBad.message());
    }
    for (int i = 0; i < results.size(); i++) {
      ProbeResult r = results.get(i);
      for (Check c : r.checks()) {
        rec.check(prefix(i) + c.name(), c.passed(), c.detail(), r.reason() == null ? Reason.STATUS : r.reason());
      }
    }
    if (firstBad == null && firstInvalid != null) {
      rec.invalid(firstInvalid.reason(), prefix(firstInvalidIndex) + firstInvalid.message());
    }
    ProbeResult shown = firstBad != null ? firstBad : firstInvalid != null ? firstInvalid : slowest;
    rec.httpStatus(shown.httpStatus()).redirects(shown.redirects()).address(shown.address()).tls(shown.tls());
  }

  private String prefix(int legIndex) {
    return "[" + Display.address(legs.get(legIndex).address()) + "] ";
  }
}
