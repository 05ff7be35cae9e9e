package io.vigil.store;

/**
 * What became of an outbox entry after an attempt: still pending (failed, tried again later), delivered, or
 * expired. A mark applies only to an entry that is still pending, so a late mark never revives a settled one.
 *
 * @param key the entry's key
 * @param state the entry's new state
 * @param attempts failed attempts so far
 * @param nextAttemptMillis pending entries: when to try again
 * @param atMillis when this happened
 * @param error why the attempt failed (redacted), or {@code null}
 */
public record NotificationMark(String key, State state, int attempts, long nextAttemptMillis, long atMillis,
    String error) {

  /** The life of an outbox entry; the codes are what the file stores. */
  public enum State {
    PENDING(0), DELIVERED(1), EXPIRED(2);

    final int code;

    State(int code) {
      this.code = code;
    }
  }

  public static NotificationMark failed(String key, int attempts, long nextAttemptMillis, long atMillis,
      String error) {
    return new NotificationMark(key, State.PENDING, attempts, nextAttemptMillis, atMillis, error);
  }

  public static NotificationMark delivered(String key, int attempts, long atMillis) {
    return new NotificationMark(key, State.DELIVERED, attempts, 0, atMillis, null);
  }

  public static NotificationMark expired(String key, int attempts, long atMillis, String error) {
    return new NotificationMark(key, State.EXPIRED, attempts, 0, atMillis, error);
  }
}
