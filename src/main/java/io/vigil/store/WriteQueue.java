package io.vigil.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits to be written, shared by producers (any thread, event loops included) and the one writer: one
 * queue of typed {@link Lane}s, keyed-replace or append.
 *
 * <ul>
 *   <li>Producers never wait: each call holds a lock for a few operations. The queue is bounded by
 *       {@code capacity} items of the droppable lanes (raw results, rollup rows); when full, the oldest raw
 *       results are dropped first (the rollups already hold what they said), then the oldest rollup rows.
 *       Drops are counted per lane.
 *   <li>Items queued by one {@link #put} (an accounting save: rows and checkpoints; an alert and its outbox
 *       entries) land in one transaction.
 *   <li>The writer takes a batch (the oldest results up to a limit, and every item of the other lanes), then
 *       reports it committed, or failed: a failed batch goes back to the front of the queue, older than
 *       anything queued since.
 * </ul>
 */
final class WriteQueue {
  /** One item for one lane, for {@link #put}. */
  record Item<T>(Lane<T> lane, T value) {}

  /**
   * One transaction's worth of work: per lane (by {@link Lane#index()}), its items in queue order.
   *
   * @param opsSeq every operation up to this sequence number is in this batch or was committed before it
   */
  record Batch(List<List<Object>> lanes, long opsSeq) {
    @SuppressWarnings("unchecked")
    <T> List<T> items(Lane<T> lane) {
      return (List<T>) lanes.get(lane.index());
    }

    boolean isEmpty() {
      return lanes.stream().allMatch(List::isEmpty);
    }
  }

  private final int capacity;
  private final int soonAt;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition progress = lock.newCondition();

  private final List<LinkedHashMap<Object, Object>> queued = new ArrayList<>();
  private final long[] dropped = new long[Lane.ALL.size()];
  private final long[] written = new long[Lane.ALL.size()];

  private long accepted;
  private int inFlight;
  private long opsQueued;
  private long opsDone;
  private boolean urgent;
  private boolean closing;
  private boolean stopped;
  private boolean failing;

  WriteQueue(int capacity, int soonAt) {
    this.capacity = capacity;
    this.soonAt = soonAt;
    for (int i = 0; i < Lane.ALL.size(); i++) {
      queued.add(new LinkedHashMap<>());
    }
  }

  /** Queues a raw result (or any item of a partial lane). Never waits. */
  <T> void append(Lane<T> lane, T value) {
    lock.lock();
    try {
      if (closing) {
        dropped[lane.index()]++;
        return;
      }
      add(lane, value);
      accepted++;
      trim();
      wakeIfFull();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues items of whole lanes as one operation: they land in one transaction. Never waits.
   *
   * @param urgentCommit commit now rather than at the end of the interval
   */
  void put(List<Item<?>> items, boolean urgentCommit) {
    lock.lock();
    try {
      if (closing) {
        items.forEach(i -> dropped[i.lane().index()]++);
        return;
      }
      items.forEach(i -> add(i));
      opsQueued++;
      trim();
      if (urgentCommit) {
        urgent = true;
        work.signal();
      } else {
        wakeIfFull();
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> void add(Item<T> item) {
    add(item.lane(), item.value());
  }

  private <T> void add(Lane<T> lane, T value) {
    Object key = lane.keyed() ? lane.key().apply(value) : new Object();
    LinkedHashMap<Object, Object> q = queued.get(lane.index());
    q.remove(key);
    q.put(key, value);
  }

  /**
   * Waits up to {@code intervalNanos} (less when a commit is wanted now, many items are queued, or closing)
   * and takes what is queued.
   *
   * @throws InterruptedException when the writer is interrupted
   */
  Batch awaitBatch(long intervalNanos, int maxResults) throws InterruptedException {
    lock.lock();
    try {
      long left = intervalNanos;
      while (left > 0 && !urgent && !closing && size() < soonAt) {
        left = work.awaitNanos(left);
      }
      urgent = false;
      return take(maxResults);
    } finally {
      lock.unlock();
    }
  }

  /** Takes what is queued without waiting. */
  Batch takeNow(int maxResults) {
    lock.lock();
    try {
      return take(maxResults);
    } finally {
      lock.unlock();
    }
  }

  private Batch take(int maxResults) {
    List<List<Object>> lanes = new ArrayList<>(queued.size());
    inFlight = 0;
    for (Lane<?> lane : Lane.ALL) {
      LinkedHashMap<Object, Object> q = queued.get(lane.index());
      int n = lane.partial() ? Math.min(maxResults, q.size()) : q.size();
      List<Object> taken = new ArrayList<>(n);
      Iterator<Object> it = q.values().iterator();
      for (int i = 0; i < n; i++) {
        taken.add(it.next());
        it.remove();
      }
      if (lane.partial()) {
        inFlight += n;
      }
      lanes.add(taken);
    }
    return new Batch(lanes, opsQueued);
  }

  void committed(Batch batch) {
    lock.lock();
    try {
      inFlight = 0;
      opsDone = Math.max(opsDone, batch.opsSeq());
      for (int i = 0; i < written.length; i++) {
        written[i] += batch.lanes().get(i).size();
      }
      failing = false;
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Puts a batch that could not be written back in front of everything queued since, then re-applies the bound. */
  void failed(Batch batch) {
    lock.lock();
    try {
      inFlight = 0;
      for (Lane<?> lane : Lane.ALL) {
        LinkedHashMap<Object, Object> newer = queued.get(lane.index());
        LinkedHashMap<Object, Object> merged = new LinkedHashMap<>();
        for (Object value : batch.lanes().get(lane.index())) {
          @SuppressWarnings("unchecked")
          Object key = lane.keyed() ? ((Lane<Object>) lane).key().apply(value) : new Object();
          if (!newer.containsKey(key)) {
            merged.put(key, value);
          }
        }
        merged.putAll(newer);
        newer.clear();
        newer.putAll(merged);
      }
      trim();
      failing = true;
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until everything queued before the call is committed or dropped; returns early when the last
   * write attempt failed (the store is degraded) or the writer has stopped.
   *
   * @return whether every operation other than raw results queued before the call is committed (results may
   *     also have been dropped when the queue overflowed)
   */
  boolean flush() {
    lock.lock();
    try {
      long results = accepted;
      long ops = opsQueued;
      urgent = true;
      work.signalAll();
      while (!stopped && !failing && (resolved() < results || opsDone < ops)) {
        progress.await(100, TimeUnit.MILLISECONDS);
      }
      return opsDone >= ops;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Asks the writer to look at its queue (and its tasks) now. */
  void wake() {
    lock.lock();
    try {
      urgent = true;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts closing: later items are dropped (and counted), and the writer commits what is queued without
   * waiting, then stops.
   */
  void close() {
    lock.lock();
    try {
      closing = true;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean closing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sleeps up to {@code nanos} between write attempts; returns early when closing starts meanwhile.
   *
   * @throws InterruptedException when the writer is interrupted
   */
  void pause(long nanos) throws InterruptedException {
    lock.lock();
    try {
      boolean wasClosing = closing;
      long left = nanos;
      while (left > 0 && closing == wasClosing) {
        left = work.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The writer has stopped: waiting flushes return. */
  void stopped() {
    lock.lock();
    try {
      stopped = true;
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Results and rollup rows waiting, including those in the batch being written. */
  int queued() {
    lock.lock();
    try {
      return size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Items of {@code lane} dropped since the start because the queue was full or closed. */
  long dropped(Lane<?> lane) {
    lock.lock();
    try {
      return dropped[lane.index()];
    } finally {
      lock.unlock();
    }
  }

  /** Items of {@code lane} committed since the start. */
  long written(Lane<?> lane) {
    lock.lock();
    try {
      return written[lane.index()];
    } finally {
      lock.unlock();
    }
  }

  /** Items in the lanes that count toward the bound. */
  private int size() {
    int n = 0;
    for (Lane<?> lane : Lane.ALL) {
      if (lane.dropOrder() >= 0) {
        n += queued.get(lane.index()).size();
      }
    }
    return n;
  }

  private long resolved() {
    return accepted - queued.get(Lane.RESULTS.index()).size() - inFlight;
  }

  private void wakeIfFull() {
    if (size() >= soonAt) {
      work.signal();
    }
  }

  /** Drops the oldest items of the droppable lanes, lowest drop order first, until the bound holds. */
  private void trim() {
    int over = size() - capacity;
    for (int order = 0; over > 0; order++) {
      for (Lane<?> lane : Lane.ALL) {
        if (lane.dropOrder() != order) {
          continue;
        }
        Iterator<Object> oldest = queued.get(lane.index()).values().iterator();
        while (over > 0 && oldest.hasNext()) {
          oldest.next();
          oldest.remove();
          dropped[lane.index()]++;
          over--;
        }
      }
      if (order > Lane.ALL.size()) {
        return;
      }
    }
  }
}
