package io.vigil.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert rule on a boundary.
 *
 * @param name unique within the boundary; defaults to {@code <kind>} or {@code <kind>-<slo>}
 * @param kind burn-rate on an SLO, or boundary down
 * @param slo the SLO for burn-rate alerts; {@code null} for down alerts
 * @param notifiers notifier names (`notify:` in YAML, must exist in the service file): with the list form, for
 *     every severity; with the map form, every notifier it names
 * @param bySeverity the map form of {@code notify} ({@code {page: [...], ticket: [...]}}); empty for the list form
 * @param afterFailures down alerts: consecutive evaluations finding the boundary down before firing (each probe
 *     result of the boundary is one evaluation)
 * @param afterSuccesses down alerts: consecutive evaluations finding it not down before resolving
 * @param forDuration the condition must hold this long before firing ({@link Duration#ZERO} for at once)
 * @param repeatEvery reminders while firing; {@code null} for none
 * @param silenceInMaintenance whether maintenance windows mute it (default true)
 */
public record AlertConfig(String name, Kind kind, String slo, List<String> notifiers, int afterFailures,
    int afterSuccesses, Duration forDuration, Duration repeatEvery, boolean silenceInMaintenance,
    Map<String, List<String>> bySeverity) {

  /**
   * The severities, as {@code notify} maps name them: {@code page} (down alerts, and burn-rate alerts on the fast
   * pairs 14.4× 1h&amp;5m and 6× 6h&amp;30m) and {@code ticket} (burn-rate alerts on the slow pairs 3× 1d&amp;2h and
   * 1× 3d&amp;6h).
   */
  public static final List<String> SEVERITIES = List.of("page", "ticket");

  public enum Kind { BURN_RATE, DOWN }

  public AlertConfig {
    notifiers = List.copyOf(notifiers);
    bySeverity = bySeverity == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(bySeverity));
  }

  /** A rule whose {@code notify} is a list: every severity goes to every notifier. */
  public AlertConfig(String name, Kind kind, String slo, List<String> notifiers, int afterFailures,
      int afterSuccesses, Duration forDuration, Duration repeatEvery, boolean silenceInMaintenance) {
    this(name, kind, slo, notifiers, afterFailures, afterSuccesses, forDuration, repeatEvery, silenceInMaintenance,
        Map.of());
  }

  /** Who gets alerts of {@code severity}: the list form's notifiers, or the map form's entry (none if absent). */
  public List<String> notifiers(String severity) {
    return bySeverity.isEmpty() ? notifiers : bySeverity.getOrDefault(severity, List.of());
  }
}
