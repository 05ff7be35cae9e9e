package io.vigil.metrics;

/**
 * Every metric name of the contract (SPEC §5), in Prometheus form. Counters are named without
 * {@code _total}; the exposition adds it.
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String PROBE_SUCCESS = "probe_success";
  public static final String PROBE_DURATION = "probe_duration_seconds";
  public static final String PROBE_HTTP_STATUS = "probe_http_status_code";
  public static final String PROBE_HTTP_PHASE = "probe_http_duration_seconds";
  public static final String PROBE_SSL_EXPIRY = "probe_ssl_earliest_cert_expiry";
  public static final String PROBE_DNS_LOOKUP = "probe_dns_lookup_time_seconds";

  public static final String RUNS = "vigil_probe_runs";
  public static final String FAILURES = "vigil_probe_failures";
  public static final String SKIPPED = "vigil_probe_skipped_runs";
  public static final String STALLED = "vigil_probe_stalled_runs";
  public static final String PHASE_HISTOGRAM = "vigil_probe_phase_duration_seconds";
  public static final String DURATION_HISTOGRAM = "vigil_probe_duration_seconds";
  public static final String SCHEDULER_LAG = "vigil.scheduler.lag";
  public static final String CONFIG_RELOADS = "vigil.config.reloads";
  public static final String CONFIG_LAST_RELOAD_SUCCESSFUL = "vigil.config.last.reload.successful";
  public static final String PROBES = "vigil.probes";
  public static final String ALERTS_FIRING = "vigil_alerts_firing";
  public static final String NOTIFICATIONS = "vigil_notifications";
  public static final String NOTIFICATION_QUEUE_DEPTH = "vigil_notification_queue_depth";
  /** Micrometer form of {@code vigil_change_events_total{boundary,kind}}. */
  public static final String CHANGE_EVENTS = "vigil.change.events";
  public static final String L_KIND = "kind";

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
}
