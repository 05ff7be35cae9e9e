package io.vigil.alert;

import java.time.Instant;

/**
 * An alert that fires now, for the status page, the API and logs.
 *
 * @param boundary boundary name
 * @param boundaryTitle boundary display name
 * @param alert the rule's name
 * @param kind {@code burn_rate} or {@code down}
 * @param slo the SLO of a burn-rate alert; {@code null} for down alerts
 * @param severity {@code page} or {@code ticket}
 * @param incident the incident's stable id (also the PagerDuty dedup key and Opsgenie alias)
 * @param since when the incident began
 * @param summary one line saying what is wrong
 * @param description what was measured when it fired
 */
public record FiringAlert(String boundary, String boundaryTitle, String alert, String kind, String slo,
    String severity, String incident, Instant since, String summary, String description) {}
