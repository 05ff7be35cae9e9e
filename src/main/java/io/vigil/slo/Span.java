package io.vigil.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open stretch of time {@code [start, end)}: it contains {@code start} and not {@code end}, so
 * consecutive spans share a boundary without overlapping.
 *
 * @param start first instant inside
 * @param end first instant after; not before {@code start}
 */
public record Span(Instant start, Instant end) {
  public Span {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("span ends before it starts: [" + start + ", " + end + ")");
    }
  }

  /** The span of {@code length} starting at {@code start}. */
  public static Span of(Instant start, Duration length) {
    return new Span(start, start.plus(length));
  }

  /** The span of {@code length} ending at {@code end}. */
  public static Span ending(Instant end, Duration length) {
    return new Span(end.minus(length), end);
  }

  /** {@code end − start}. */
  public Duration length() {
    return Duration.between(start, end);
  }

  /** Whether the span holds no time. */
  public boolean isEmpty() {
    return start.equals(end);
  }

  /** Whether {@code t} lies in {@code [start, end)}. */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** The time both spans hold; empty when they share no time. */
  public Optional<Span> intersect(Span other) {
    Instant s = start.isAfter(other.start) ? start : other.start;
    Instant e = end.isBefore(other.end) ? end : other.end;
    return s.isBefore(e) ? Optional.of(new Span(s, e)) : Optional.empty();
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
