package io.vigil.config;

import java.time.Duration;
import java.util.List;

/**
 * An alert rule on a boundary.
 *
 * @param name unique within the boundary; defaults to {@code <kind>} or {@code <kind>-<slo>}
 * @param kind burn-rate on an SLO, or boundary down
 * @param slo the SLO for burn-rate alerts; {@code null} for down alerts
 * @param notifiers notifier names (`notify:` in YAML) (must exist in the service file)
 * @param afterFailures down alerts: consecutive evaluations finding the boundary down before firing (each probe
 *     result of the boundary is one evaluation)
 * @param afterSuccesses down alerts: consecutive evaluations finding it not down before resolving
 * @param forDuration the condition must hold this long before firing ({@link Duration#ZERO} for at once)
 * @param repeatEvery reminders while firing; {@code null} for none
 * @param silenceInMaintenance whether maintenance windows mute it (default true)
 */
public record AlertConfig(String name, Kind kind, String slo, List<String> notifiers, int afterFailures,
    int afterSuccesses, Duration forDuration, Duration repeatEvery, boolean silenceInMaintenance) {

  public enum Kind { BURN_RATE, DOWN }
}
