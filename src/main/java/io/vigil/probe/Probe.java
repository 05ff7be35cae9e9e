package io.vigil.probe;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;

/**
 * One configured check of a target (HTTP, TCP or DNS), runnable many times.
 *
 * <p>{@link #run} performs one run on the given event loop. The returned future <strong>always
 * succeeds</strong>: a failing target is data (a {@link Outcome#BAD} or {@link Outcome#INVALID} result
 * with one {@link Reason}), never an exception. A failed future means a bug in Vigil. The run completes
 * within the probe's timeout (the result is then bad with reason {@link Reason#TIMEOUT}) and releases
 * every connection it opened. Implementations never block the loop.
 */
public interface Probe {
  Future<ProbeResult> run(EventLoop loop);
}
