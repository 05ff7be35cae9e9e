package io.vigil.store;

/**
 * History cannot be opened or read: the message says which file and why, in words an operator can act on.
 * Writes never throw it; they report faults through {@link HistoryStore#degradedReason()}.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
