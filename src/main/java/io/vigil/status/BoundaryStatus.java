package io.vigil.status;

import io.vigil.boundary.BoundaryView;
import io.vigil.change.ChangeEvent;
import io.vigil.change.ChangeEvents;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.boundary.ProbeView;
import io.vigil.incident.Incident;
import io.vigil.incident.Postmortems;
import io.vigil.slo.Counts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything known about one boundary at one moment.
 *
 * @param live current state, probes and their last results
 * @param availability 1h, 1d, 7d, 30d and 90d
 * @param slos every SLO evaluated
 * @param incidents incidents of the last 90 days, newest first (the open one included)
 * @param mttr mean time to restore over 30 days
 * @param mtbf mean time between failures over 30 days
 * @param maintenance active windows and those starting within 7 days
 * @param accountedUntil epoch millis up to which time and counts are final
 * @param days the last 90 UTC days, oldest first (today last, partial)
 * @param latency hourly latency percentiles of the last 24 hours, oldest first
 * @param probes each probe's request-based availability, in config order
 * @param alerts alerts firing on the boundary (as of the previous snapshot's evaluation)
 * @param changes change events of the last 90 days, newest first
 * @param postmortems postmortem links of its incidents, by incident id
 */
public record BoundaryStatus(BoundaryView live, List<Availability> availability, List<SloStatus> slos,
    List<Incident> incidents, Optional<Duration> mttr, Optional<Duration> mtbf,
    List<MaintenanceSchedule.Occurrence> maintenance, long accountedUntil, List<DayBar> days,
    List<LatencyPoint> latency, List<ProbeAvailability> probes, List<ActiveAlert> alerts,
    List<ChangeEvent> changes, java.util.Map<String, String> postmortems) {

  /** A boundary with no change events. */
  public BoundaryStatus(BoundaryView live, List<Availability> availability, List<SloStatus> slos,
      List<Incident> incidents, Optional<Duration> mttr, Optional<Duration> mtbf,
      List<MaintenanceSchedule.Occurrence> maintenance, long accountedUntil, List<DayBar> days,
      List<LatencyPoint> latency, List<ProbeAvailability> probes, List<ActiveAlert> alerts) {
    this(live, availability, slos, incidents, mttr, mtbf, maintenance, accountedUntil, days, latency, probes, alerts,
        List.of(), java.util.Map.of());
  }

  /** Whether an incident's postmortem is due as of {@code now} ({@link Postmortems#due}). */
  public boolean postmortemDue(Incident incident, java.time.Instant now) {
    return Postmortems.due(incident, postmortems.containsKey(incident.id()), live.config().postmortemAfter(), now);
  }

  /** The change an incident of this boundary is suspected to follow ({@link ChangeEvents#suspect}). */
  public Optional<ChangeEvent> suspect(Incident incident) {
    return ChangeEvents.suspect(incident, changes);
  }

  public String name() {
    return live.config().name();
  }

  /**
   * The boundary's member probes together (Σ good / Σ valid of every probe without a {@code role}, from the same
   * rollups as each probe's own figures): what a canary or experiment is compared with.
   */
  public ProbeAvailability rest() {
    Counts day = Counts.NONE;
    Counts week = Counts.NONE;
    Counts month = Counts.NONE;
    for (ProbeView p : live.probes()) {
      if (!p.config().counts()) {
        continue;
      }
      for (ProbeAvailability a : probes) {
        if (a.probe().equals(p.config().name())) {
          day = day.plus(a.day());
          week = week.plus(a.week());
          month = month.plus(a.month());
        }
      }
    }
    return new ProbeAvailability("", day, week, month);
  }

  public Availability availability(String window) {
    return availability.stream().filter(a -> a.window().equals(window)).findFirst().orElse(null);
  }
}
