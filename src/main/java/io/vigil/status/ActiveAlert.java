package io.vigil.status;

import java.time.Instant;

/**
 * An alert firing on a boundary, as the status page and API show it (SPEC: firing alerts are incidents).
 *
 * @param alert the rule's name
 * @param kind {@code burn_rate} or {@code down}
 * @param slo the SLO of a burn-rate alert; {@code null} for down alerts
 * @param severity {@code page} or {@code ticket}
 * @param since when it began
 * @param summary one line saying what is wrong
 */
public record ActiveAlert(String alert, String kind, String slo, String severity, Instant since, String summary) {}
