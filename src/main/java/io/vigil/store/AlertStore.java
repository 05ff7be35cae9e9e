package io.vigil.store;

import java.util.List;

/**
 * Alert incidents and the notification outbox: an entry is committed before anyone may send it (senders read
 * committed entries only), and its unique key keeps restarts, retries and other nodes from storing it twice.
 */
public interface AlertStore {
  /**
   * Queues an alert incident's state together with the notifications it produces, to be committed in one
   * transaction. A notification whose key is already stored is left as it is (never stored twice).
   */
  void saveAlert(AlertRecord alert, List<OutboxEntry> notifications);

  /** Queues what became of an outbox entry after an attempt; ignored once the entry is delivered or expired. */
  void markNotification(NotificationMark mark);

  /** Alert incidents still firing, oldest first. */
  List<AlertRecord> firingAlerts();

  /**
   * Committed outbox entries that are neither delivered nor expired and are next in line: the oldest pending
   * entry of each (incident, notifier), oldest first, at most {@code limit}. Only committed entries are
   * returned, so a caller that sends only these never sends what a crash could forget.
   */
  List<OutboxEntry> nextNotifications(int limit);

  /** Outbox entries neither delivered nor expired (committed ones). */
  int pendingNotifications();
}
