package io.vigil.alert.notify;

import io.vertx.core.Future;

/**
 * Hands one {@link Notice} to a receiver (a webhook, Slack, PagerDuty, Opsgenie). Implementations render the
 * notice in the receiver's format and send it; they keep no state between calls.
 */
public interface Notifier {
  /** The notifier's name in the service file. */
  String name();

  /**
   * Sends the notice once. The future succeeds when the receiver accepted it (a 2xx answer) and fails with a
   * {@link DeliveryException} otherwise (error status, timeout, refused connection...): the caller decides
   * whether and when to try again. Never throws.
   */
  Future<Void> send(Notice notice);
}
