package io.vigil.alert;

import java.time.Instant;
import java.util.List;

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
 * @param causedBy upstream boundaries that were down when it fired ({@code depends_on}); empty when none was
 * @param held whether its notifications are held for those upstreams (nothing sent yet)
 */
public record FiringAlert(String boundary, String boundaryTitle, String alert, String kind, String slo,
    String severity, String incident, Instant since, String summary, String description, List<String> causedBy,
    boolean held) {}
