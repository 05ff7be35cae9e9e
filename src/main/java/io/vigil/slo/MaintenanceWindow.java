package io.vigil.slo;

import io.vigil.config.MaintenanceConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * One occurrence of planned maintenance on a boundary.
 *
 * <p>When the window does not count against the budget (the default), all its time is
 * {@link State#MAINTENANCE}: out of both uptime and downtime. When it does
 * ({@code counts_against_budget: true}), Vigil excuses nothing: downtime inside it stays downtime and
 * uptime stays uptime, exactly as if no window were declared; the window is only announced.
 *
 * @param span when the maintenance runs
 * @param countsAgainstBudget whether downtime inside still counts against SLOs
 */
public record MaintenanceWindow(Span span, boolean countsAgainstBudget) {
  public MaintenanceWindow {
    Objects.requireNonNull(span, "span");
  }

  /** The occurrence of a configured window that starts at {@code start} (its one-off start or a cron start). */
  public static MaintenanceWindow of(MaintenanceConfig config, Instant start) {
    return new MaintenanceWindow(Span.of(start, config.duration()), config.countsAgainstBudget());
  }

  /** Whether time inside this window leaves the SLO math (it does unless it counts against the budget). */
  public boolean excusesTime() {
    return !countsAgainstBudget;
  }
}
