package io.vigil.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.change.ChangeEvent;
import io.vigil.metrics.MetricNames;
import io.vigil.store.HistoryStore;
import io.vigil.store.PostmortemLink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change events of the last 90 days and the postmortem links per boundary, kept in memory for pages and
 * incidents (re-read from history once a minute, so what another node recorded shows up), and the one way to
 * record either: committed to history before it is acknowledged; events are counted in
 * {@code vigil_change_events_total}.
 */
public final class ChangeLog {
  /** How far back events are kept in memory: the status page's 90 days. */
  static final Duration KEPT = Duration.ofDays(90);

  private final HistoryStore store;
  private final Clock clock;
  private final MeterRegistry registry;
  private volatile Map<String, List<ChangeEvent>> recent = Map.of();
  private volatile Map<String, Map<String, String>> postmortems = Map.of();

  public ChangeLog(HistoryStore store, Clock clock, MeterRegistry registry) {
    this.store = store;
    this.clock = clock;
    this.registry = registry;
  }

  /**
   * Records an event: queues it, waits for the commit, counts it. Blocking: call from a worker.
   *
   * @return whether it was committed (false while history cannot be written; it stays queued and is retried)
   */
  public boolean record(ChangeEvent e) {
    store.saveChange(e);
    boolean committed = store.flush();
    Counter.builder(MetricNames.CHANGE_EVENTS).description("Change events recorded through the API by this node")
        .tag(MetricNames.L_BOUNDARY, e.boundary()).tag(MetricNames.L_KIND, e.kind()).register(registry).increment();
    synchronized (this) {
      Map<String, List<ChangeEvent>> next = new ConcurrentHashMap<>(recent);
      List<ChangeEvent> list = new ArrayList<>(next.getOrDefault(e.boundary(), List.of()));
      list.add(e);
      list.sort(Comparator.comparingLong(ChangeEvent::atMillis).thenComparing(ChangeEvent::id).reversed());
      next.put(e.boundary(), List.copyOf(list));
      recent = next;
    }
    return committed;
  }

  /** Links a postmortem to an incident of {@code boundary}; waits for the commit. Blocking. */
  public boolean link(String boundary, PostmortemLink link) {
    store.savePostmortem(link);
    boolean committed = store.flush();
    synchronized (this) {
      Map<String, Map<String, String>> next = new ConcurrentHashMap<>(postmortems);
      Map<String, String> links = new ConcurrentHashMap<>(next.getOrDefault(boundary, Map.of()));
      links.put(link.incident(), link.url());
      next.put(boundary, Map.copyOf(links));
      postmortems = next;
    }
    return committed;
  }

  /** Re-reads the last 90 days of events and the postmortem links of {@code boundaries} from history. Blocking. */
  public synchronized void refresh(Collection<String> boundaries) {
    long now = clock.millis();
    Map<String, List<ChangeEvent>> next = new ConcurrentHashMap<>();
    Map<String, Map<String, String>> links = new ConcurrentHashMap<>();
    for (String b : boundaries) {
      next.put(b, List.copyOf(store.changes(b, now - KEPT.toMillis(), Long.MAX_VALUE)));
      links.put(b, Map.copyOf(store.postmortems(b)));
    }
    recent = next;
    postmortems = links;
  }

  /** The postmortem links of a boundary's incidents, by incident id. */
  public Map<String, String> postmortems(String boundary) {
    return postmortems.getOrDefault(boundary, Map.of());
  }

  /** The events of a boundary over the last 90 days, newest first. */
  public List<ChangeEvent> recent(String boundary) {
    return recent.getOrDefault(boundary, List.of());
  }
}
