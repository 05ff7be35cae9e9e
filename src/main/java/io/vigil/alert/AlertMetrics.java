package io.vigil.alert;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.metrics.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Alerting series: {@code vigil_alerts_firing{boundary,alert,severity}} (1 while firing, 0 otherwise, for
 * every alert of every rule), {@code vigil_notifications_total{notifier,result}} (attempts that delivered,
 * failed and will be retried, or expired), and {@code vigil_notification_queue_depth} (notifications neither
 * delivered nor expired). Each carries {@code location}.
 */
final class AlertMetrics implements MultiCollector {
  private final AlertEvaluator evaluator;
  private final Dispatcher dispatcher;
  private final Supplier<String> location;

  private final Predicate<String> exported;

  /** @param exported the boundaries whose alert series this node exports (in a cluster, those it owns) */
  AlertMetrics(AlertEvaluator evaluator, Dispatcher dispatcher, Supplier<String> location,
      Predicate<String> exported) {
    this.exported = exported;
    this.evaluator = evaluator;
    this.dispatcher = dispatcher;
    this.location = location;
  }

  @Override
  public MetricSnapshots collect() {
    String loc = location.get();
    List<GaugeDataPointSnapshot> firing = new ArrayList<>();
    for (AlertEvaluator.Series s : evaluator.series()) {
      if (!exported.test(s.boundary())) {
        continue;
      }
      firing.add(new GaugeDataPointSnapshot(s.firing() ? 1 : 0, Labels.of(MetricNames.L_BOUNDARY, s.boundary(),
          MetricNames.L_ALERT, s.alert(), MetricNames.L_SEVERITY, s.severity(), MetricNames.L_LOCATION, loc), null));
    }
    List<CounterDataPointSnapshot> attempts = new ArrayList<>();
    for (Map.Entry<String, long[]> e : dispatcher.counts().entrySet()) {
      for (Dispatcher.Result r : Dispatcher.Result.values()) {
        attempts.add(new CounterDataPointSnapshot(e.getValue()[r.ordinal()], Labels.of(MetricNames.L_NOTIFIER,
            e.getKey(), MetricNames.L_RESULT, r.label, MetricNames.L_LOCATION, loc), null, 0));
      }
    }
    GaugeDataPointSnapshot depth = new GaugeDataPointSnapshot(dispatcher.depth(),
        Labels.of(MetricNames.L_LOCATION, loc), null);
    return new MetricSnapshots(
        new GaugeSnapshot(new MetricMetadata(MetricNames.ALERTS_FIRING,
            "1 while the alert fires (burn_rate rules: severity page and ticket; down rules: page)"), firing),
        new CounterSnapshot(new MetricMetadata(MetricNames.NOTIFICATIONS,
            "Notification attempts by outcome: delivered, failed (retried later) or expired (given up)"), attempts),
        new GaugeSnapshot(new MetricMetadata(MetricNames.NOTIFICATION_QUEUE_DEPTH,
            "Notifications stored but neither delivered nor expired"), List.of(depth)));
  }
}
