package io.vigil.status;

import java.time.Instant;
import java.util.List;

/**
 * An alert firing on a boundary, as the status page and API show it (SPEC: firing alerts are incidents).
 *
 * @param alert the rule's name
 * @param kind {@code burn_rate} or {@code down}
 * @param slo the SLO of a burn-rate alert; {@code null} for down alerts
 * @param severity {@code page} or {@code ticket}
 * @param since when it began
 * @param summary one line saying what is wrong
 * @param causedBy upstream boundaries ({@code depends_on}) that were down when it fired; empty when none was
 * @param held whether its notifications are held for those upstreams (recorded, not sent)
 */
public record ActiveAlert(String alert, String kind, String slo, String severity, Instant since, String summary,
    List<String> causedBy, boolean held) {}
