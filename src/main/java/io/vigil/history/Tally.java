package io.vigil.history;

import io.vigil.store.BucketRow;
import io.vigil.store.LatencyHistogram;
import io.vigil.store.Resolution;
import io.vigil.store.Subject;

/** A whole rollup bucket being filled, with its latency histogram, until it is persisted. */
final class Tally {
  final Subject subject;
  final int id;
  final Resolution resolution;
  final long start;
  long good;
  long valid;
  long excluded;
  LatencyHistogram latency;
  long up;
  long degraded;
  long down;
  long unknown;
  long maintenance;
  boolean dirty;

  Tally(Subject subject, int id, Resolution resolution, long start) {
    this.subject = subject;
    this.id = id;
    this.resolution = resolution;
    this.start = start;
    this.latency = new LatencyHistogram();
  }

  static Tally of(BucketRow row) {
    Tally t = new Tally(row.subject(), row.id(), row.resolution(), row.bucketStart());
    t.good = row.good();
    t.valid = row.valid();
    t.excluded = row.excluded();
    t.latency = row.latency().copy();
    t.up = row.upMs();
    t.degraded = row.degradedMs();
    t.down = row.downMs();
    t.unknown = row.unknownMs();
    t.maintenance = row.maintenanceMs();
    return t;
  }

  void addRun(boolean isExcluded, boolean isValid, boolean isGood, long durationMicros) {
    dirty = true;
    if (isExcluded) {
      excluded++;
    } else if (isValid) {
      valid++;
      if (isGood) {
        good++;
        latency.add(durationMicros);
      }
    }
  }

  void addTime(StateTime state, long ms) {
    dirty = true;
    switch (state) {
      case UP -> up += ms;
      case DEGRADED -> degraded += ms;
      case DOWN -> down += ms;
      case UNKNOWN -> unknown += ms;
      case MAINTENANCE -> maintenance += ms;
    }
  }

  long end() {
    return start + resolution.millis();
  }

  BucketRow row() {
    return new BucketRow(subject, id, resolution, start, good, valid, excluded, latency.copy(), up, degraded, down,
        unknown, maintenance);
  }
}
