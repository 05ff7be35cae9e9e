package io.vigil.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits to be written, shared by producers (any thread, event loops included) and the one writer.
 *
 * <ul>
 *   <li>Producers never wait: each call holds a lock for a few operations. The queue is bounded by
 *       {@code capacity} results plus rollup rows; when full, the oldest raw results are dropped first (the
 *       rollups already hold what they said), then the oldest rollup rows. Drops are counted.
 *   <li>Rollup rows, checkpoints, incidents, alert incidents and outbox marks are keyed: a newer value replaces
 *       a queued older one, so a long write outage costs one entry per bucket, not one per save. Outbox entries
 *       are inserts that the file ignores when their key exists; an alert's state and its entries are queued
 *       together, so they land in one transaction.
 *   <li>The writer takes a batch (the oldest results up to a limit, and every queued rollup row, checkpoint,
 *       incident and new id, so one transaction keeps each accounting save atomic), then reports it committed,
 *       or failed: a failed batch goes back to the front of the queue, older than anything queued since.
 * </ul>
 */
final class WriteQueue {
  /** A rollup row's identity: a newer row with the same key replaces the older one. */
  record RowKey(Subject subject, int id, Resolution resolution, long bucketStart) {
    static RowKey of(BucketRow row) {
      return new RowKey(row.subject(), row.id(), row.resolution(), row.bucketStart());
    }
  }

  /** A probe or boundary id assigned by this process, to be recorded in its table. */
  record NewId(boolean probe, int id, String name, String definitionHash) {}

  /**
   * One transaction's worth of work.
   *
   * @param opsSeq every rollup, incident, id, alert and outbox operation up to this sequence number is in this
   *     batch or was committed before it
   */
  record Batch(List<StoredResult> results, Map<RowKey, BucketRow> rows, Map<Integer, Long> checkpoints,
      Map<String, Incident> incidents, List<NewId> ids, Map<String, AlertRecord> alerts, List<OutboxEntry> outbox,
      Map<String, NotificationMark> marks, long opsSeq) {
    boolean isEmpty() {
      return results.isEmpty() && rows.isEmpty() && checkpoints.isEmpty() && incidents.isEmpty() && ids.isEmpty()
          && alerts.isEmpty() && outbox.isEmpty() && marks.isEmpty();
    }
  }

  private final int capacity;
  private final int soonAt;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition progress = lock.newCondition();

  private final ArrayDeque<StoredResult> results = new ArrayDeque<>();
  private LinkedHashMap<RowKey, BucketRow> rows = new LinkedHashMap<>();
  private LinkedHashMap<Integer, Long> checkpoints = new LinkedHashMap<>();
  private LinkedHashMap<String, Incident> incidents = new LinkedHashMap<>();
  private ArrayList<NewId> ids = new ArrayList<>();
  private LinkedHashMap<String, AlertRecord> alerts = new LinkedHashMap<>();
  private ArrayList<OutboxEntry> outbox = new ArrayList<>();
  private LinkedHashMap<String, NotificationMark> marks = new LinkedHashMap<>();

  private long accepted;
  private int inFlight;
  private long opsQueued;
  private long opsDone;
  private boolean urgent;
  private boolean closing;
  private boolean stopped;
  private boolean failing;

  private volatile long resultsDropped;
  private volatile long rowsDropped;
  private volatile long resultsWritten;
  private volatile long rowsWritten;

  WriteQueue(int capacity, int soonAt) {
    this.capacity = capacity;
    this.soonAt = soonAt;
  }

  void append(StoredResult result) {
    lock.lock();
    try {
      if (closing) {
        resultsDropped++;
        return;
      }
      results.addLast(result);
      accepted++;
      trim();
      wakeIfFull();
    } finally {
      lock.unlock();
    }
  }

  void saveAccounting(List<BucketRow> newRows, Map<Integer, Long> newCheckpoints) {
    lock.lock();
    try {
      if (closing) {
        rowsDropped += newRows.size();
        return;
      }
      for (BucketRow row : newRows) {
        RowKey key = RowKey.of(row);
        rows.remove(key);
        rows.put(key, row);
      }
      checkpoints.putAll(newCheckpoints);
      opsQueued++;
      trim();
      wakeIfFull();
    } finally {
      lock.unlock();
    }
  }

  void saveIncident(Incident incident) {
    lock.lock();
    try {
      if (!closing) {
        incidents.remove(incident.id());
        incidents.put(incident.id(), incident);
        opsQueued++;
      }
    } finally {
      lock.unlock();
    }
  }

  void saveAlert(AlertRecord alert, List<OutboxEntry> entries) {
    lock.lock();
    try {
      if (!closing) {
        alerts.remove(alert.incident());
        alerts.put(alert.incident(), alert);
        outbox.addAll(entries);
        opsQueued++;
        urgent = true;
        work.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  void markNotification(NotificationMark mark) {
    lock.lock();
    try {
      if (!closing) {
        marks.remove(mark.key());
        marks.put(mark.key(), mark);
        opsQueued++;
      }
    } finally {
      lock.unlock();
    }
  }

  void addId(NewId id) {
    lock.lock();
    try {
      if (!closing) {
        ids.add(id);
        opsQueued++;
      }
    } finally {
      lock.unlock();
    }
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
    int n = Math.min(maxResults, results.size());
    List<StoredResult> taken = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      taken.add(results.pollFirst());
    }
    inFlight = n;
    Batch batch = new Batch(taken, rows, checkpoints, incidents, ids, alerts, outbox, marks, opsQueued);
    rows = new LinkedHashMap<>();
    checkpoints = new LinkedHashMap<>();
    incidents = new LinkedHashMap<>();
    ids = new ArrayList<>();
    alerts = new LinkedHashMap<>();
    outbox = new ArrayList<>();
    marks = new LinkedHashMap<>();
    return batch;
  }

  void committed(Batch batch) {
    lock.lock();
    try {
      inFlight = 0;
      opsDone = Math.max(opsDone, batch.opsSeq());
      resultsWritten += batch.results().size();
      rowsWritten += batch.rows().size();
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
      List<StoredResult> back = batch.results();
      for (int i = back.size() - 1; i >= 0; i--) {
        results.addFirst(back.get(i));
      }
      rows = olderFirst(batch.rows(), rows);
      checkpoints = olderFirst(batch.checkpoints(), checkpoints);
      incidents = olderFirst(batch.incidents(), incidents);
      ArrayList<NewId> allIds = new ArrayList<>(batch.ids());
      allIds.addAll(ids);
      ids = allIds;
      alerts = olderFirst(batch.alerts(), alerts);
      ArrayList<OutboxEntry> allEntries = new ArrayList<>(batch.outbox());
      allEntries.addAll(outbox);
      outbox = allEntries;
      marks = olderFirst(batch.marks(), marks);
      trim();
      failing = true;
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static <K, V> LinkedHashMap<K, V> olderFirst(Map<K, V> older, Map<K, V> newer) {
    LinkedHashMap<K, V> merged = new LinkedHashMap<>();
    older.forEach((k, v) -> {
      if (!newer.containsKey(k)) {
        merged.put(k, v);
      }
    });
    merged.putAll(newer);
    return merged;
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

  long resultsDropped() {
    return resultsDropped;
  }

  long rowsDropped() {
    return rowsDropped;
  }

  long resultsWritten() {
    return resultsWritten;
  }

  long rowsWritten() {
    return rowsWritten;
  }

  private int size() {
    return results.size() + rows.size();
  }

  private long resolved() {
    return accepted - results.size() - inFlight;
  }

  private void wakeIfFull() {
    if (size() >= soonAt) {
      work.signal();
    }
  }

  private void trim() {
    while (size() > capacity) {
      if (!results.isEmpty()) {
        results.pollFirst();
        resultsDropped++;
      } else {
        Iterator<RowKey> oldest = rows.keySet().iterator();
        oldest.next();
        oldest.remove();
        rowsDropped++;
      }
    }
  }
}
