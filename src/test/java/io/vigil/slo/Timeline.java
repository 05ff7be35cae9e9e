package io.vigil.slo;

import io.vigil.config.DownWhen;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The state of one probe or boundary over a span of time: consecutive segments {@code [start, end)} that
 * cover the span exactly, each in one {@link State}. Immutable; adjacent segments always differ in state.
 *
 * <p>Time-based availability reads a timeline through {@link #totals()}: up (and degraded) time is uptime,
 * down time is downtime, unknown and maintenance time are in neither (SPEC §1).
 *
 * <p>A test oracle: the plain statement of the coverage, {@code down_when} and maintenance rules that
 * {@code io.vigil.history.Sweep} applies in one pass without building timelines; tests compare accounting
 * with it on random histories.
 */
public final class Timeline {
  /** One stretch of constant state. */
  public record Segment(Instant start, Instant end, State state) {
    public Segment {
      Objects.requireNonNull(state, "state");
      if (!start.isBefore(end)) {
        throw new IllegalArgumentException("a segment needs start < end: [" + start + ", " + end + ")");
      }
    }

    public Span span() {
      return new Span(start, end);
    }

    public Duration length() {
      return Duration.between(start, end);
    }
  }

  /**
   * One probe run as the timeline sees it: when it started and what it said.
   *
   * @param start when the run started
   * @param state {@link State#UP} for a good run, {@link State#DOWN} for a bad one, {@link State#UNKNOWN}
   *     for an invalid one (it did not measure the service)
   */
  public record Run(Instant start, State state) {
    public Run {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(state, "state");
    }

    /** A run from its outcome: invalid → unknown, otherwise good → up, bad → down. */
    public static Run of(Instant start, boolean valid, boolean good) {
      return new Run(start, !valid ? State.UNKNOWN : good ? State.UP : State.DOWN);
    }
  }

  private final Span span;
  private final List<Segment> segments;

  private Timeline(Span span, List<Segment> segments) {
    this.span = span;
    this.segments = List.copyOf(segments);
  }

  /**
   * A timeline over {@code span} from segments in any order. Parts of segments outside the span are cut
   * off; time no segment covers is {@link State#UNKNOWN}.
   *
   * @throws IllegalArgumentException when segments overlap
   */
  public static Timeline of(Span span, Collection<Segment> segments) {
    List<Segment> sorted = new ArrayList<>(segments);
    sorted.sort(Comparator.comparing(Segment::start));
    Builder b = new Builder(span);
    Instant covered = span.start();
    Instant previousEnd = Instant.MIN;
    for (Segment s : sorted) {
      if (s.start().isBefore(previousEnd)) {
        throw new IllegalArgumentException("segments overlap at " + s.start());
      }
      previousEnd = s.end();
      Instant from = max(s.start(), span.start());
      Instant to = min(s.end(), span.end());
      if (!from.isBefore(to)) {
        continue;
      }
      b.add(covered, from, State.UNKNOWN);
      b.add(from, to, s.state());
      covered = to;
    }
    b.add(covered, span.end(), State.UNKNOWN);
    return b.build();
  }

  /** A timeline over {@code span} in which nothing is known. */
  public static Timeline unknown(Span span) {
    return of(span, List.of());
  }

  /**
   * A probe's timeline from its runs, by the pinned coverage rule (SPEC §1): a result whose run started
   * at {@code t} covers the time until the next run of that probe starts, but at most
   * {@code 2 × interval}; time past that is unknown, as is time before the first run.
   *
   * <p>Pass the last run that started before {@code span} too: its coverage may reach into the span. The
   * last run covers up to {@code 2 × interval} (the span's end, typically "now", cuts it off).
   *
   * @param span the time to describe
   * @param interval the probe's schedule interval
   * @param runs the probe's runs, in any order
   */
  public static Timeline ofRuns(Span span, Duration interval, Collection<Run> runs) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("probe interval must be positive: " + interval);
    }
    Duration reach = interval.multipliedBy(2);
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparing(Run::start));
    List<Segment> covered = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      Run run = sorted.get(i);
      Instant end = run.start().plus(reach);
      if (i + 1 < sorted.size()) {
        end = min(end, sorted.get(i + 1).start());
      }
      if (run.start().isBefore(end)) {
        covered.add(new Segment(run.start(), end, run.state())); // of() merges neighbours in one state
      }
    }
    return of(span, covered);
  }

  /**
   * A boundary's timeline from its probes' timelines, slice by slice. In each slice the probes that are
   * known (up, degraded or down) are counted: none known → {@link State#UNKNOWN} (or
   * {@link State#MAINTENANCE} when some probe is in maintenance); {@code rule.isDown(failing, known)} →
   * {@link State#DOWN}; otherwise any failing or degraded probe → {@link State#DEGRADED}; else
   * {@link State#UP}. Time outside a probe's own span counts as unknown for that probe.
   *
   * @param span the time to describe
   * @param probes one timeline per probe of the boundary
   * @param rule the boundary's {@code down_when}
   */
  public static Timeline combine(Span span, List<Timeline> probes, DownWhen rule) {
    List<Instant> cuts = new ArrayList<>();
    for (Timeline p : probes) {
      p.addCuts(cuts);
    }
    return sweep(span, cuts, t -> {
      int known = 0;
      int failing = 0;
      int degraded = 0;
      boolean maintenance = false;
      for (Timeline p : probes) {
        State s = p.stateAt(t);
        if (s.isMeasured()) {
          known++;
        }
        failing += s == State.DOWN ? 1 : 0;
        degraded += s == State.DEGRADED ? 1 : 0;
        maintenance |= s == State.MAINTENANCE;
      }
      if (known == 0) {
        return maintenance ? State.MAINTENANCE : State.UNKNOWN;
      }
      if (rule.isDown(failing, known)) {
        return State.DOWN;
      }
      return failing + degraded > 0 ? State.DEGRADED : State.UP;
    });
  }

  /**
   * This timeline with maintenance laid over it: time inside a window that excuses time becomes
   * {@link State#MAINTENANCE}, whatever it was; windows that count against the budget change nothing
   * (see {@link MaintenanceWindow}).
   */
  public Timeline withMaintenance(Collection<MaintenanceWindow> windows) {
    List<Span> excused = windows.stream().filter(MaintenanceWindow::excusesTime).map(MaintenanceWindow::span)
        .toList();
    if (excused.isEmpty()) {
      return this;
    }
    List<Instant> cuts = new ArrayList<>();
    addCuts(cuts);
    for (Span w : excused) {
      cuts.add(w.start());
      cuts.add(w.end());
    }
    return sweep(span, cuts, t -> excused.stream().anyMatch(w -> w.contains(t)) ? State.MAINTENANCE : stateAt(t));
  }

  /**
   * This timeline seen through {@code window}: the result spans exactly {@code window}; time outside this
   * timeline's own span is unknown.
   */
  public Timeline clip(Span window) {
    return of(window, segments);
  }

  /** The state at {@code t}; {@link State#UNKNOWN} outside the span. */
  public State stateAt(Instant t) {
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Segment s = segments.get(mid);
      if (t.isBefore(s.start())) {
        hi = mid - 1;
      } else if (!t.isBefore(s.end())) {
        lo = mid + 1;
      } else {
        return s.state();
      }
    }
    return State.UNKNOWN;
  }

  /** Time spent in each kind of state over the whole span. */
  public TimeTotals totals() {
    TimeTotals t = TimeTotals.NONE;
    for (Segment s : segments) {
      t = t.plus(s.state(), s.length());
    }
    return t;
  }

  /** Time spent in each kind of state within {@code window} (outside this timeline's span is unknown). */
  public TimeTotals totals(Span window) {
    return clip(window).totals();
  }

  /** The maximal stretches in {@code state}, oldest first (e.g. the down spans, for incidents). */
  public List<Span> spansIn(State state) {
    return segments.stream().filter(s -> s.state() == state).map(Segment::span).toList();
  }

  public Span span() {
    return span;
  }

  /** The segments, oldest first, covering the span exactly. */
  public List<Segment> segments() {
    return segments;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timeline other && span.equals(other.span) && segments.equals(other.segments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(span, segments);
  }

  @Override
  public String toString() {
    return "Timeline" + span + segments;
  }

  private void addCuts(List<Instant> cuts) {
    for (Segment s : segments) {
      cuts.add(s.start());
      cuts.add(s.end());
    }
  }

  /** Splits {@code span} at every cut inside it and gives each slice the state at its start. */
  private static Timeline sweep(Span span, Collection<Instant> cuts, Function<Instant, State> stateAt) {
    TreeSet<Instant> points = new TreeSet<>();
    points.add(span.start());
    points.add(span.end());
    for (Instant c : cuts) {
      if (span.contains(c)) {
        points.add(c);
      }
    }
    Builder b = new Builder(span);
    Instant from = null;
    for (Instant p : points) {
      if (from != null) {
        b.add(from, p, stateAt.apply(from));
      }
      from = p;
    }
    return b.build();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Appends contiguous slices, merging neighbours in the same state. */
  private static final class Builder {
    private final Span span;
    private final List<Segment> out = new ArrayList<>();

    Builder(Span span) {
      this.span = span;
    }

    void add(Instant from, Instant to, State state) {
      if (!from.isBefore(to)) {
        return;
      }
      int last = out.size() - 1;
      if (last >= 0 && out.get(last).state() == state) {
        out.set(last, new Segment(out.get(last).start(), to, state));
      } else {
        out.add(new Segment(from, to, state));
      }
    }

    Timeline build() {
      return new Timeline(span, out);
    }
  }
}
