package io.vigil.boundary;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.MaintenanceConfig;
import io.vigil.config.VigilConfig;
import io.vigil.slo.MaintenanceWindow;
import io.vigil.slo.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every boundary's maintenance windows, one-off and recurring (five-field cron in the window's time zone),
 * expanded into concrete spans on demand. Immutable; built at load and reload.
 */
public final class MaintenanceSchedule implements Maintenance {
  private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final int MAX_OCCURRENCES = 10_000;

  private final Map<String, List<Entry>> byBoundary;

  private record Entry(MaintenanceConfig config, ExecutionTime cron) {}

  /** A concrete window: its span, whether it counts against the budget, and its title. */
  public record Occurrence(String boundary, String title, Span span, boolean countsAgainstBudget) {
    public MaintenanceWindow window() {
      return new MaintenanceWindow(span, countsAgainstBudget);
    }
  }

  public MaintenanceSchedule(VigilConfig config) {
    Map<String, List<Entry>> map = new HashMap<>();
    for (BoundaryConfig b : config.boundaries()) {
      List<Entry> entries = new ArrayList<>();
      for (MaintenanceConfig m : b.maintenance()) {
        entries.add(new Entry(m, m.cron() == null ? null : ExecutionTime.forCron(CRON.parse(m.cron()))));
      }
      map.put(b.name(), List.copyOf(entries));
    }
    this.byBoundary = map;
  }

  /** Windows of {@code boundary} overlapping {@code span}, in start order. */
  public List<Occurrence> overlapping(String boundary, Span span) {
    List<Entry> entries = byBoundary.getOrDefault(boundary, List.of());
    if (entries.isEmpty()) {
      return List.of(); // the common case, asked on every result
    }
    List<Occurrence> out = new ArrayList<>();
    for (Entry e : entries) {
      MaintenanceConfig m = e.config();
      if (e.cron() == null) {
        add(out, boundary, m, m.start(), span);
        continue;
      }
      // occurrences starting in [span.start - duration, span.end)
      ZonedDateTime from = span.start().minus(m.duration()).atZone(zone(m)).minusSeconds(1);
      int guard = 0;
      Optional<ZonedDateTime> next = e.cron().nextExecution(from);
      while (next.isPresent() && next.get().toInstant().isBefore(span.end()) && guard++ < MAX_OCCURRENCES) {
        add(out, boundary, m, next.get().toInstant(), span);
        next = e.cron().nextExecution(next.get());
      }
    }
    out.sort(Comparator.comparing(o -> o.span().start()));
    return out;
  }

  private static void add(List<Occurrence> out, String boundary, MaintenanceConfig m, Instant start, Span span) {
    Span w = Span.of(start, m.duration());
    if (w.intersect(span).isPresent()) {
      out.add(new Occurrence(boundary, m.title() == null ? "" : m.title(), w, m.countsAgainstBudget()));
    }
  }

  private static ZoneId zone(MaintenanceConfig m) {
    return m.timezone() == null ? ZoneOffset.UTC : m.timezone();
  }

  /** The window active at {@code at}, if any (the first by start). */
  public Optional<Occurrence> activeAt(String boundary, Instant at) {
    return overlapping(boundary, new Span(at, at.plusMillis(1))).stream().findFirst();
  }

  @Override
  public boolean active(String boundary, Instant at) {
    return !byBoundary.getOrDefault(boundary, List.of()).isEmpty() && activeAt(boundary, at).isPresent();
  }

  /** Windows of {@code boundary} starting within {@code horizon} after {@code now} or active now. */
  public List<Occurrence> upcoming(String boundary, Instant now, Duration horizon) {
    return overlapping(boundary, new Span(now, now.plus(horizon)));
  }
}
