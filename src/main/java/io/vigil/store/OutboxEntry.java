package io.vigil.store;

/**
 * One notification in the outbox: written before it is ever sent, and kept until delivered or expired.
 *
 * @param key unique for (incident, message, notifier): a second entry with the same key is never stored, so
 *     re-enqueueing after a restart or a retry cannot produce a second message
 * @param incident the alert incident the message belongs to; messages of one incident to one notifier are
 *     delivered in the order they were enqueued
 * @param notifier the notifier's name
 * @param payload what to send, as text the alerting code understands (the store does not read it)
 * @param createdMillis when it was enqueued
 * @param expiresMillis when it stops being retried
 * @param attempts failed attempts so far
 * @param nextAttemptMillis not to be tried before this
 * @param lastError why the last attempt failed (redacted); {@code null} before any failure
 */
public record OutboxEntry(String key, String incident, String notifier, String payload, long createdMillis,
    long expiresMillis, int attempts, long nextAttemptMillis, String lastError) {

  /** A new entry: no attempts yet, due at once. */
  public static OutboxEntry of(String key, String incident, String notifier, String payload, long createdMillis,
      long expiresMillis) {
    return new OutboxEntry(key, incident, notifier, payload, createdMillis, expiresMillis, 0, createdMillis, null);
  }
}
