package io.vigil.web.page;

import io.vigil.config.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The parameters of {@code /api/v1/boundaries/{name}/history}, validated: {@code from} and {@code to} as
 * RFC 3339 times or Unix seconds (default: the last 24 hours), {@code step} as a duration of whole minutes
 * (whole hours once the range reaches back more than 24 hours, where only hourly history is kept in memory).
 * Without {@code step}, the finest step giving at most {@value #DEFAULT_POINTS} points is chosen. The range is
 * aligned to whole steps (UTC) and holds at most {@value #MAX_POINTS} points.
 *
 * @param from first bucket start, aligned to the step
 * @param to end of the last bucket, aligned to the step
 * @param step bucket width
 */
record HistoryQuery(Instant from, Instant to, Duration step) {
  static final int MAX_POINTS = 1500;
  static final int DEFAULT_POINTS = 300;
  static final Duration REACH = Duration.ofDays(90);
  static final Duration MINUTE_DETAIL = Duration.ofHours(24);
  private static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
      Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));

  /** Why a query was refused; the message is shown to the caller as is. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  int points() {
    return (int) (Duration.between(from, to).toMillis() / step.toMillis());
  }

  static HistoryQuery parse(String fromText, String toText, String stepText, Instant now) throws Invalid {
    Instant to = toText == null ? now : instant("to", toText);
    Instant from = fromText == null ? to.minus(MINUTE_DETAIL) : instant("from", fromText);
    if (!from.isBefore(to)) {
      throw new Invalid("from must be before to");
    }
    if (to.isAfter(now.plus(Duration.ofMinutes(1)))) {
      throw new Invalid("to lies in the future");
    }
    if (from.isBefore(now.minus(REACH))) {
      throw new Invalid("history reaches back 90 days; from is older");
    }
    boolean old = from.isBefore(now.minus(MINUTE_DETAIL));
    Duration step;
    if (stepText == null) {
      step = STEPS.stream().filter(s -> !old || s.toMinutes() % 60 == 0)
          .filter(s -> Duration.between(from, to).toMillis() / s.toMillis() <= DEFAULT_POINTS)
          .findFirst().orElse(Duration.ofDays(1));
    } else {
      try {
        step = Durations.parse(stepText);
      } catch (Durations.TooLong e) {
        throw new Invalid("step must be at most 90d");
      } catch (IllegalArgumentException e) {
        throw new Invalid("step must be a duration such as 5m, 1h or 1d");
      }
      // whole minutes judged on nanoseconds: 1ns is 0 ms, and 0 ms divides every whole number of minutes
      if (step.isNegative() || step.compareTo(Duration.ofMinutes(1)) < 0 || step.toNanos() % 60_000_000_000L != 0) {
        throw new Invalid("step must be a positive whole number of minutes");
      }
      if (old && step.toMillis() % 3_600_000 != 0) {
        throw new Invalid("step must be a whole number of hours when from is more than 24 hours ago");
      }
      if (step.compareTo(REACH) > 0) {
        throw new Invalid("step must be at most 90d");
      }
    }
    long s = step.toMillis();
    Instant alignedFrom = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), s) * s);
    Instant alignedTo = Instant.ofEpochMilli(-Math.floorDiv(-to.toEpochMilli(), s) * s);
    HistoryQuery q = new HistoryQuery(alignedFrom, alignedTo, step);
    if (q.points() > MAX_POINTS) {
      throw new Invalid("the range holds " + q.points() + " steps; at most " + MAX_POINTS + " are allowed,"
          + " choose a larger step");
    }
    return q;
  }

  private static Instant instant(String name, String text) throws Invalid {
    String t = text.trim();
    try {
      if (t.matches("-?\\d{1,12}(\\.\\d{1,9})?")) {
        return Instant.ofEpochMilli(Math.round(Double.parseDouble(t) * 1000));
      }
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException | NumberFormatException e) {
      throw new Invalid(name + " must be an RFC 3339 time (2026-03-01T00:00:00Z) or Unix seconds");
    }
  }
}
