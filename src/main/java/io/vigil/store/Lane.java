package io.vigil.store;

import io.vigil.change.ChangeEvent;
import io.vigil.incident.Incident;
import java.util.function.Function;

/**
 * One kind of queued write and the table it goes to. A keyed lane keeps one item per key (a newer value
 * replaces a queued older one, so a long outage costs one entry per key); an append lane keeps every item.
 * Lanes are committed in the order of {@link #ALL}, all of them in one transaction per batch.
 *
 * @param name for logs
 * @param key the identity of an item in a keyed lane; {@code null} for an append lane
 * @param dropOrder lanes with an order ≥ 0 count toward the queue's bound and are dropped from, oldest first,
 *     lowest order first, when it is exceeded; -1 for lanes that are never dropped
 * @param partial whether a batch may take only part of the lane (raw results): such a lane is tracked by count,
 *     every other lane by the operation that queued it, so a batch always takes all of them and each save
 *     stays atomic
 */
record Lane<T>(String name, Function<T, Object> key, int dropOrder, boolean partial) {
  /** A probe or boundary id assigned by this process, to be recorded in its table. */
  record NewId(boolean probe, int id, String name, String definitionHash) {}

  /** A boundary's accounting checkpoint. */
  record Checkpoint(int boundaryId, long untilMillis) {}

  /** A rollup row's identity: a newer row with the same key replaces the older one. */
  record RowKey(Subject subject, int id, Resolution resolution, long bucketStart) {}

  static final Lane<NewId> IDS = new Lane<>("ids", null, -1, false);
  static final Lane<StoredResult> RESULTS = new Lane<>("results", null, 0, true);
  static final Lane<BucketRow> ROLLUPS = new Lane<>("rollups",
      r -> new RowKey(r.subject(), r.id(), r.resolution(), r.bucketStart()), 1, false);
  static final Lane<Checkpoint> CHECKPOINTS = new Lane<>("checkpoints", Checkpoint::boundaryId, -1, false);
  static final Lane<Incident> INCIDENTS = new Lane<>("incidents", Incident::id, -1, false);
  static final Lane<AlertRecord> ALERTS = new Lane<>("alerts", AlertRecord::incident, -1, false);
  static final Lane<OutboxEntry> OUTBOX = new Lane<>("outbox", null, -1, false);
  static final Lane<NotificationMark> MARKS = new Lane<>("marks", NotificationMark::key, -1, false);
  static final Lane<ChangeEvent> CHANGES = new Lane<>("changes", null, -1, false);
  static final Lane<PostmortemLink> POSTMORTEMS = new Lane<>("postmortems", PostmortemLink::incident, -1, false);

  /** Every lane, in commit order (ids before what refers to them; outbox entries before their marks). */
  static final java.util.List<Lane<?>> ALL =
      java.util.List.of(IDS, RESULTS, ROLLUPS, CHECKPOINTS, INCIDENTS, ALERTS, OUTBOX, MARKS, CHANGES,
      POSTMORTEMS);

  boolean keyed() {
    return key != null;
  }

  int index() {
    return ALL.indexOf(this);
  }
}
