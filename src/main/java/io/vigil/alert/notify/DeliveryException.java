package io.vigil.alert.notify;

/**
 * A receiver did not accept a notification. The message says why (status and the start of the answer, or the
 * network error) and is already redacted: it never holds a configured secret, so it may be logged and stored.
 */
public final class DeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeliveryException(String message) {
    super(message, null, false, false);
  }
}
