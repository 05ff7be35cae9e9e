package io.vigil.config;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A planned maintenance window on a boundary: one-off ({@code start}) or recurring ({@code cron}).
 *
 * @param title shown on the status page
 * @param start one-off start; {@code null} for recurring windows
 * @param cron five-field cron expression for recurring starts; {@code null} for one-off windows
 * @param timezone zone the cron expression is read in (UTC unless given)
 * @param duration length of each window
 * @param countsAgainstBudget when true, downtime during the window still counts against SLOs
 */
public record MaintenanceConfig(String title, Instant start, String cron, ZoneId timezone, Duration duration,
    boolean countsAgainstBudget) {}
