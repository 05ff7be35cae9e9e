package io.vigil.web.page;

import io.vigil.change.ChangeEvent;
import io.vigil.probe.Phase;
import io.vigil.probe.PhaseTimings;
import io.vigil.status.DayBar;
import io.vigil.status.LatencyPoint;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Inline SVG charts. Each chart is an image with a text alternative (its {@code aria-label}); details sit in
 * {@code <title>} tooltips. Geometry uses attributes only, never {@code style}, so the page needs no
 * inline-style exception in its Content-Security-Policy.
 */
final class Charts {
  static final BigDecimal MINOR = new BigDecimal("0.99");
  private static final int BAR = 4;
  private static final int GAP = 2;

  private Charts() {}

  /** The CSS class of a day: none (nothing measured), ok (no downtime), minor (≥ 99%), major (below). */
  static String dayClass(DayBar d, Optional<BigDecimal> a) {
    if (a.isEmpty()) {
      return d.time().maintenance().isZero() ? "none" : "maint";
    }
    if (d.time().down().isZero()) {
      return "ok";
    }
    return a.get().compareTo(MINOR) >= 0 ? "minor" : "major";
  }

  /** The tooltip of a day: {@code 2026-03-03: 99.93%, 2 min down} (time-based availability, downtime). */
  static String dayTitle(DayBar d, Optional<BigDecimal> a, LocalDate today) {
    String day = Formats.day(d.date()) + (d.date().equals(today) ? " (today so far)" : "");
    if (a.isEmpty()) {
      return day + (d.time().maintenance().isZero() ? ": no data" : ": maintenance, nothing measured");
    }
    String text = day + ": " + Formats.percent(a.get()) + ", " + d.downtimeMinutes() + " min down";
    return d.time().maintenance().isZero() ? text
        : text + ", " + Formats.duration(d.time().maintenance()) + " maintenance";
  }

  /**
   * One bar per day, oldest first; {@code summary} is the text alternative. A day with change events carries a
   * marker on top of its bar, whose tooltip names the changes.
   */
  static void days(Html h, List<DayBar> days, LocalDate today, String summary, List<ChangeEvent> changes) {
    int width = Math.max(1, days.size()) * (BAR + GAP) - GAP;
    h.raw("<svg class=\"days\" viewBox=\"0 0 ").num(width).raw(" 30\" preserveAspectRatio=\"none\" role=\"img\""
        + " aria-label=\"").attr(summary).raw("\">");
    int x = 0;
    for (DayBar d : days) {
      Optional<BigDecimal> a = d.availability(); // an exact division: once per day
      h.raw("<rect x=\"").num(x).raw("\" width=\"4\" height=\"30\" class=\"").raw(dayClass(d, a))
          .raw("\"><title>").text(dayTitle(d, a, today)).raw("</title></rect>");
      String marked = changesOn(d.date(), changes);
      if (!marked.isEmpty()) {
        h.raw("<rect x=\"").num(x).raw("\" width=\"4\" height=\"5\" class=\"change\"><title>")
            .text(Formats.day(d.date()) + ": " + marked).raw("</title></rect>");
      }
      x += BAR + GAP;
    }
    h.raw("</svg>");
  }

  /** The changes of one UTC day, oldest first: {@code deploy 1.4.2 at 12:03 UTC, config at 15:40 UTC}. */
  static String changesOn(LocalDate day, List<ChangeEvent> changes) {
    StringBuilder s = new StringBuilder();
    for (int i = changes.size() - 1; i >= 0; i--) { // newest first in, oldest first out
      ChangeEvent e = changes.get(i);
      if (java.time.Instant.ofEpochMilli(e.atMillis()).atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
        s.append(s.length() == 0 ? "" : ", ").append(changeText(e));
      }
    }
    return s.toString();
  }

  /** {@code deploy 1.4.2 at 12:03 UTC}. */
  static String changeText(ChangeEvent e) {
    return e.label() + " at " + Formats.clock(e.atMillis()) + " UTC";
  }

  /** A horizontal bar filled to {@code share} (clamped to 0..1). */
  static void budget(Html h, BigDecimal share, String cssClass, String label) {
    double f = Math.max(0, Math.min(1, share.doubleValue()));
    h.raw("<svg class=\"meter\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
        .attr(label).raw("\"><rect class=\"track\" width=\"100\" height=\"8\"/><rect class=\"").raw(cssClass)
        .raw("\" width=\"").num(Math.round(f * 1000) / 10.0).raw("\" height=\"8\"/></svg>");
  }

  /**
   * Hourly latency percentiles as lines over 24 slots: p50 and p95, and when {@code detailed} also p99 and one
   * tooltip per hour. Hours without good runs leave gaps.
   */
  static void latency(Html h, List<LatencyPoint> points, long nowMillis, boolean detailed, String summary,
      List<ChangeEvent> changes) {
    boolean withP99 = detailed;
    int w = 240;
    int ht = 60;
    long hour = 3_600_000L;
    long first = Math.floorDiv(nowMillis, hour) * hour - 23 * hour;
    double max = 0;
    for (LatencyPoint p : points) {
      max = Math.max(max, finite(withP99 ? p.p99Millis() : p.p95Millis()));
      max = Math.max(max, finite(p.p95Millis()));
    }
    double top = niceCeiling(max);
    h.raw("<svg class=\"latency\" viewBox=\"0 0 ").num(w + 40).raw(" ").num(ht + 16)
        .raw("\" role=\"img\" aria-label=\"").attr(summary).raw("\">");
    h.raw("<g class=\"axis\"><line x1=\"40\" y1=\"").num(ht).raw("\" x2=\"").num(w + 40).raw("\" y2=\"").num(ht)
        .raw("\"/><line x1=\"40\" y1=\"0\" x2=\"").num(w + 40).raw("\" y2=\"0\" class=\"grid\"/>")
        .raw("<text x=\"36\" y=\"8\" text-anchor=\"end\">").text(top > 0 ? Formats.millis(top) : "").raw("</text>")
        .raw("<text x=\"36\" y=\"").num(ht).raw("\" text-anchor=\"end\">0</text>")
        .raw("<text x=\"40\" y=\"").num(ht + 13).raw("\">24 h ago</text>")
        .raw("<text x=\"").num(w + 40).raw("\" y=\"").num(ht + 13).raw("\" text-anchor=\"end\">now</text></g>");
    if (top > 0) {
      line(h, points, first, top, "p50", LatencyPoint::p50Millis);
      line(h, points, first, top, "p95", LatencyPoint::p95Millis);
      if (withP99) {
        line(h, points, first, top, "p99", LatencyPoint::p99Millis);
      }
    }
    for (LatencyPoint p : detailed ? points : List.<LatencyPoint>of()) {
      int slot = (int) ((p.hourStartMillis() - first) / hour);
      if (slot < 0 || slot > 23) {
        continue;
      }
      h.raw("<rect class=\"hover\" x=\"").num(40 + slot * 10).raw("\" y=\"0\" width=\"10\" height=\"").num(ht)
          .raw("\"><title>").text(Formats.clock(p.hourStartMillis()) + " UTC: " + hourText(p)).raw("</title></rect>");
    }
    for (ChangeEvent e : changes) { // a vertical line at the moment of each change of the last 24 hours
      double slots = (e.atMillis() - first) / (double) hour;
      if (slots < 0 || slots > 24) {
        continue;
      }
      String x = tenths(40 + slots * 10);
      h.raw("<line class=\"change\" x1=\"").raw(x).raw("\" x2=\"").raw(x).raw("\" y1=\"0\" y2=\"").num(ht)
          .raw("\"><title>").text(changeText(e)).raw("</title></line>");
    }
    h.raw("</svg>");
  }

  static String hourText(LatencyPoint p) {
    if (p.runs() == 0 || p.p50Millis() < 0) {
      return "no good runs";
    }
    return "p50 " + Formats.millis(p.p50Millis()) + ", p95 " + Formats.millis(p.p95Millis()) + ", p99 "
        + Formats.millis(p.p99Millis()) + " (" + p.runs() + " runs)";
  }

  private static void line(Html h, List<LatencyPoint> points, long first, double top, String cls,
      ToDoubleFunction<LatencyPoint> value) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    int expected = -1;
    for (LatencyPoint p : points) {
      int slot = (int) ((p.hourStartMillis() - first) / 3_600_000L);
      double v = value.applyAsDouble(p);
      if (slot < 0 || slot > 23 || p.runs() == 0 || v < 0) {
        pen = false;
        continue;
      }
      double y = 60 - Math.min(1, finite(v) / top) * 60;
      double x = 45 + slot * 10;
      boolean joins = pen && slot == expected;
      d.append(joins ? " L" : (d.length() == 0 ? "M" : " M")).append(tenths(x)).append(' ').append(tenths(y));
      if (!joins) {
        d.append(" h0"); // a zero-length segment with round caps: an hour with no neighbour still shows as a dot
      }
      pen = true;
      expected = slot + 1;
    }
    if (d.length() > 0) {
      h.raw("<path class=\"").raw(cls).raw("\" d=\"").raw(d.toString()).raw("\"/>");
    }
  }

  /** {@code v} with one decimal, without String.format (called thousands of times per page). */
  static String tenths(double v) {
    long t = Math.round(v * 10);
    return t % 10 == 0 ? Long.toString(t / 10) : (t / 10) + "." + Math.abs(t % 10);
  }

  private static double finite(double v) {
    return Double.isInfinite(v) ? 60_000 : Math.max(0, v);
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v}. */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 0;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** The phases of one run as a stacked bar, each segment with its tooltip (a note when none was timed). */
  static void phases(Html h, PhaseTimings t) {
    long total = 0;
    for (Phase p : Phase.all()) {
      total += t.has(p) ? t.nanos(p) : 0;
    }
    StringBuilder label = new StringBuilder("Phases: ");
    for (Phase p : Phase.all()) {
      if (t.has(p)) {
        label.append(p.label()).append(' ').append(Formats.millis(t.nanos(p) / 1e6)).append(", ");
      }
    }
    if (label.length() == 8) {
      h.raw("<span class=\"muted\">no phases timed</span>");
      return;
    }
    label.setLength(label.length() - 2);
    h.raw("<svg class=\"phases\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
        .attr(label.toString()).raw("\">");
    double x = 0;
    for (Phase p : Phase.all()) {
      if (!t.has(p)) {
        continue;
      }
      double w = total == 0 ? 0 : 100.0 * t.nanos(p) / total;
      h.raw("<rect class=\"ph-").raw(p.label()).raw("\" x=\"").raw(String.format(Locale.ROOT, "%.2f", x))
          .raw("\" width=\"").raw(String.format(Locale.ROOT, "%.2f", w)).raw("\" height=\"10\"><title>")
          .text(p.label() + " " + Formats.millis(t.nanos(p) / 1e6)).raw("</title></rect>");
      x += w;
    }
    h.raw("</svg>");
  }
}
