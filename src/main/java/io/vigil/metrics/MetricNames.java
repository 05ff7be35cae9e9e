package io.vigil.metrics;

/**
 * Every metric name Vigil exposes (SPEC §5), the one place to read or rename one; the collectors, the
 * service's meters and {@code vigil rules} all take their names from here.
 *
 * <p>One convention: each name is the metric family as Prometheus exposes it, snake_case with its unit
 * ({@code _seconds}, {@code _ratio}), less the sample suffixes the exposition adds: {@code _total} on a
 * counter's samples and {@code _bucket}, {@code _count}, {@code _sum} on a histogram's. Prometheus collectors
 * take these names as they are, and so do Micrometer meters: its Prometheus naming leaves a snake_case name
 * alone and adds no {@code _seconds} to a timer whose name already ends in it.
 */
public final class MetricNames {
  private MetricNames() {}

  // blackbox_exporter's names, per probe
  public static final String PROBE_SUCCESS = "probe_success";
  public static final String PROBE_DURATION = "probe_duration_seconds";
  public static final String PROBE_HTTP_STATUS = "probe_http_status_code";
  public static final String PROBE_HTTP_PHASE = "probe_http_duration_seconds";
  public static final String PROBE_SSL_EXPIRY = "probe_ssl_earliest_cert_expiry";
  public static final String PROBE_DNS_LOOKUP = "probe_dns_lookup_time_seconds";

  // runs (ProbeMetrics)
  public static final String RUNS = "vigil_probe_runs";
  public static final String FAILURES = "vigil_probe_failures";
  public static final String SKIPPED = "vigil_probe_skipped_runs";
  public static final String STALLED = "vigil_probe_stalled_runs";
  public static final String PHASE_HISTOGRAM = "vigil_probe_phase_duration_seconds";
  public static final String DURATION_HISTOGRAM = "vigil_probe_duration_seconds";

  // boundaries and SLOs (BoundaryMetrics); the rules read BOUNDARY_UP, SLO_EVENTS and STATE_SECONDS
  public static final String BOUNDARY_UP = "vigil_boundary_up";
  public static final String BOUNDARY_STATE = "vigil_boundary_state";
  public static final String AVAILABILITY = "vigil_boundary_availability_ratio";
  public static final String LATENCY_BANDS = "vigil_boundary_latency_band_ratio";
  public static final String COVERAGE = "vigil_boundary_coverage_ratio";
  public static final String SLO_TARGET = "vigil_slo_target_ratio";
  public static final String SLO_SLI = "vigil_slo_sli_ratio";
  public static final String BUDGET_REMAINING = "vigil_slo_error_budget_remaining_ratio";
  public static final String BUDGET_REMAINING_SECONDS = "vigil_slo_error_budget_remaining_seconds";
  public static final String BURN_RATE = "vigil_slo_burn_rate";
  public static final String ALERT_CONDITION = "vigil_slo_alert_condition";
  public static final String SLO_EVENTS = "vigil_slo_events";
  public static final String STATE_SECONDS = "vigil_boundary_state_seconds";

  // alerts (AlertMetrics) and change events (ChangeLog)
  public static final String ALERTS_FIRING = "vigil_alerts_firing";
  public static final String NOTIFICATIONS = "vigil_notifications";
  public static final String NOTIFICATION_QUEUE_DEPTH = "vigil_notification_queue_depth";
  public static final String CHANGE_EVENTS = "vigil_change_events";

  // the service itself (ServiceMetrics)
  public static final String SCHEDULER_LAG = "vigil_scheduler_lag_seconds";
  public static final String EVENT_LOOP_DELAY = "vigil_event_loop_delay_seconds";
  public static final String CONFIG_RELOADS = "vigil_config_reloads";
  public static final String CONFIG_LAST_RELOAD_SUCCESSFUL = "vigil_config_last_reload_successful";
  public static final String STORE_QUEUE_DEPTH = "vigil_store_queue_depth";
  public static final String STORE_DEGRADED = "vigil_store_degraded";
  public static final String STORE_RESULTS_WRITTEN = "vigil_store_results_written";
  public static final String STORE_RESULTS_DROPPED = "vigil_store_results_dropped";
  public static final String STORE_COMMITS = "vigil_store_commits";
  public static final String STORE_COMMITS_FAILED = "vigil_store_commits_failed";

  public static final String L_PROBE = "probe";
  public static final String L_BOUNDARY = "boundary";
  public static final String L_TYPE = "type";
  public static final String L_LOCATION = "location";
  public static final String L_PHASE = "phase";
  public static final String L_OUTCOME = "outcome";
  public static final String L_REASON = "reason";
  public static final String L_ALERT = "alert";
  public static final String L_SEVERITY = "severity";
  public static final String L_NOTIFIER = "notifier";
  public static final String L_RESULT = "result";
  public static final String L_KIND = "kind";
}
