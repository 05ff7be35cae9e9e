package io.vigil.slo;

import io.vigil.config.SloConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * An SLO window: which span of time an SLI, budget or burn rate speaks for at a given moment. Rolling
 * windows trail "now"; calendar windows are the month or quarter containing "now" and reset at its start.
 * The caller always passes {@code now}; nothing here reads a clock.
 */
public sealed interface Window permits RollingWindow, CalendarWindow {

  /**
   * The SLO period P in effect at {@code now}: rolling {@code [now − length, now)}; calendar
   * {@code [start of this month or quarter, start of the next)}.
   */
  Span period(Instant now);

  /** The part of the period already lived at {@code now}: {@code [period start, now)}. Rolling: the period. */
  Span elapsed(Instant now);

  /** The length of the period at {@code now} (a month is 28 to 31 days, and may gain or lose a DST hour). */
  default Duration length(Instant now) {
    return period(now).length();
  }

  /** The window an SLO declares; calendar windows use the SLO's timezone, UTC when it names none. */
  static Window of(SloConfig slo) {
    ZoneId zone = slo.timezone() == null ? ZoneOffset.UTC : slo.timezone();
    return switch (slo.window().kind()) {
      case ROLLING -> new RollingWindow(slo.window().rolling());
      case MONTH -> CalendarWindow.month(zone);
      case QUARTER -> CalendarWindow.quarter(zone);
    };
  }
}
