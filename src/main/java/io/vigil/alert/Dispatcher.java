package io.vigil.alert;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.alert.notify.DeliveryException;
import io.vigil.alert.notify.Notice;
import io.vigil.alert.notify.Notifier;
import io.vigil.config.Redactor;
import io.vigil.store.HistoryStore;
import io.vigil.store.NotificationMark;
import io.vigil.store.OutboxEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. A pass (on a worker thread, never on an event loop) first makes the outcome of earlier
 * attempts durable, then reads the committed entries that are next in line and sends the due ones; sends run
 * on the event loop and only queue their outcome. So:
 *
 * <ul>
 *   <li>nothing is sent before it is committed, and nothing is sent again before the outcome of its last
 *       attempt is committed: a restart resumes from the file without repeating a delivered message (except
 *       one whose delivery a crash interrupted before it could be recorded, a window of a few milliseconds);
 *   <li>while the store cannot commit, nothing is sent (a delivery that cannot be recorded could repeat);
 *   <li>messages of one incident to one notifier go out in order, one at a time; a failed attempt is retried
 *       with exponential backoff and jitter until delivered or expired;
 *   <li>a slow or failing receiver delays only its own messages, never probing.
 * </ul>
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** What became of one attempt, for {@code vigil_notifications_total{result}}. */
  enum Result {
    DELIVERED, FAILED, EXPIRED;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  private final Vertx vertx;
  private final Clock clock;
  private final HistoryStore store;
  private final DeliveryTuning tuning;
  private final Backoff backoff;
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<String> settled = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();
  private volatile Map<String, Notifier> notifiers = Map.of();
  private volatile Redactor redactor = Redactor.NONE;
  private volatile int depth;
  private volatile boolean stopped;
  private volatile String lastPassError;
  /** Boundaries whose notifications this node delivers; null for all (one process). */
  private volatile Set<String> delivering;
  private long timer = -1;

  Dispatcher(Vertx vertx, Clock clock, HistoryStore store, DeliveryTuning tuning, Backoff backoff) {
    this.vertx = vertx;
    this.clock = clock;
    this.store = store;
    this.tuning = tuning;
    this.backoff = backoff;
  }

  /** The notifiers by name (entries for a notifier not configured wait, retried, until one is or they expire). */
  /**
   * Delivers only the notifications of {@code boundaries} (in a cluster, the ones this node owns; the outbox may
   * be shared). An entry's boundary is its incident id's first part ({@code <boundary>:<alert>:…}).
   */
  void deliverOnly(Set<String> boundaries) {
    delivering = Set.copyOf(boundaries);
  }

  private boolean delivers(OutboxEntry e) {
    Set<String> mine = delivering;
    int colon = e.incident().indexOf(':');
    return mine == null || mine.contains(colon < 0 ? e.incident() : e.incident().substring(0, colon));
  }

  void configure(Map<String, Notifier> byName, Redactor redactor) {
    this.notifiers = Map.copyOf(byName);
    this.redactor = redactor;
    byName.keySet().forEach(this::counters);
  }

  synchronized void start() {
    if (timer < 0 && !stopped) {
      timer = vertx.setPeriodic(tuning.pollEvery().toMillis(), id -> wake());
      wake();
    }
  }

  /** Looks at the outbox soon: after a pass ends if one is running, else now. */
  void wake() {
    if (stopped) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    again.set(false);
    vertx.executeBlocking(() -> {
      pass();
      return null;
    }, false).onComplete(ar -> {
      running.set(false);
      if (ar.failed()) {
        LOG.warn("notification delivery pass failed", ar.cause());
      }
      if (again.getAndSet(false)) {
        wake();
      }
    });
  }

  /** Outbox entries neither delivered nor expired, as of the last pass. */
  int depth() {
    return depth;
  }

  /** Attempts per notifier and result since start. */
  Map<String, long[]> counts() {
    Map<String, long[]> out = new TreeMap<>();
    counts.forEach((notifier, adders) -> {
      long[] values = new long[adders.length];
      for (int i = 0; i < adders.length; i++) {
        values[i] = adders[i].sum();
      }
      out.put(notifier, values);
    });
    return out;
  }

  /**
   * Stops sending: no new attempt starts, and the future completes once attempts under way have ended and
   * queued their outcome (or after the send timeout and a second, whichever is first).
   */
  Future<Void> stop() {
    synchronized (this) {
      stopped = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
    Promise<Void> idle = Promise.promise();
    long deadline = System.nanoTime() + tuning.sendTimeout().toNanos() + 1_000_000_000L;
    awaitIdle(idle, deadline);
    return idle.future();
  }

  private void awaitIdle(Promise<Void> idle, long deadlineNanos) {
    if ((inFlight.get() == 0 && !running.get()) || System.nanoTime() - deadlineNanos > 0) {
      idle.tryComplete();
      return;
    }
    vertx.setTimer(20, id -> awaitIdle(idle, deadlineNanos));
  }

  private void pass() {
    List<String> justSettled = new ArrayList<>();
    for (String key; (key = settled.poll()) != null; ) {
      justSettled.add(key);
    }
    if (!store.flush()) {
      settled.addAll(justSettled); // their outcome is not durable yet: keep them out of reach
      return;
    }
    justSettled.forEach(busy::remove);
    List<OutboxEntry> next;
    try {
      next = store.nextNotifications(tuning.batch());
      depth = store.pendingNotifications();
      lastPassError = null;
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).equals(lastPassError)) {
        LOG.warn("cannot read the notification outbox: {}", e.getMessage());
      }
      lastPassError = String.valueOf(e.getMessage());
      return;
    }
    long now = clock.millis();
    for (OutboxEntry e : next) {
      if (stopped) {
        return;
      }
      if (busy.contains(e.key()) || e.nextAttemptMillis() > now || !delivers(e)) {
        continue;
      }
      if (now >= e.expiresMillis()) {
        expire(e, now, e.lastError() == null ? "never attempted" : e.lastError());
        continue;
      }
      Notice notice;
      try {
        notice = Notice.fromJson(e.payload());
      } catch (IllegalArgumentException ex) {
        expire(e, now, "unreadable: " + ex.getMessage());
        continue;
      }
      Notifier notifier = notifiers.get(e.notifier());
      busy.add(e.key());
      if (notifier == null) {
        failed(e, new DeliveryException("no notifier named '" + e.notifier() + "' is configured"));
        continue;
      }
      inFlight.incrementAndGet();
      Future<Void> sent;
      try {
        sent = notifier.send(notice);
      } catch (RuntimeException ex) {
        sent = Future.failedFuture(ex);
      }
      sent.onComplete(ar -> {
        try {
          if (ar.succeeded()) {
            delivered(e);
          } else {
            failed(e, ar.cause());
          }
        } finally {
          inFlight.decrementAndGet();
        }
      });
    }
  }

  private void delivered(OutboxEntry e) {
    store.markNotification(NotificationMark.delivered(e.key(), e.attempts(), clock.millis()));
    count(e.notifier(), Result.DELIVERED);
    LOG.info("notification {} delivered{}", e.key(),
        e.attempts() == 0 ? "" : " after " + (e.attempts() + 1) + " attempts");
    settle(e.key());
  }

  private void failed(OutboxEntry e, Throwable cause) {
    long now = clock.millis();
    int attempts = e.attempts() + 1;
    long next = Math.min(now + backoff.delayMillis(attempts), e.expiresMillis());
    String error = cause instanceof DeliveryException ? cause.getMessage()
        : redactor.redact(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    store.markNotification(NotificationMark.failed(e.key(), attempts, next, now, error));
    count(e.notifier(), Result.FAILED);
    if (Integer.bitCount(attempts) == 1) { // 1st, 2nd, 4th, 8th... failure: enough to follow, not a flood
      LOG.warn("notification {} not delivered (attempt {}): {}; retrying in {} s", e.key(), attempts, error,
          Math.max(0, (next - now + 999) / 1000));
    }
    settle(e.key());
  }

  private void expire(OutboxEntry e, long now, String why) {
    busy.add(e.key());
    store.markNotification(NotificationMark.expired(e.key(), e.attempts(), now, why));
    count(e.notifier(), Result.EXPIRED);
    LOG.warn("notification {} expired after {} attempts and is given up; last error: {}", e.key(), e.attempts(),
        why);
    settle(e.key());
  }

  /** The entry's outcome is queued; it stays busy until a pass has made that outcome durable. */
  private void settle(String key) {
    settled.add(key);
    wake();
  }

  private void count(String notifier, Result result) {
    counters(notifier)[result.ordinal()].increment();
  }

  private LongAdder[] counters(String notifier) {
    return counts.computeIfAbsent(notifier, n -> {
      LongAdder[] a = new LongAdder[Result.values().length];
      for (int i = 0; i < a.length; i++) {
        a[i] = new LongAdder();
      }
      return a;
    });
  }
}
