package io.vigil.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import io.vigil.probe.Phase;

/** The duration and phase histograms of one probe, or of one boundary and type when shared. */
final class HistogramGroup {
  final Labels labels;
  final Buckets duration;
  final Buckets[] phases = new Buckets[Phase.all().length];

  HistogramGroup(Labels labels, double[] bounds) {
    this.labels = labels;
    this.duration = new Buckets(bounds);
    for (int i = 0; i < phases.length; i++) {
      phases[i] = new Buckets(bounds);
    }
  }
}
