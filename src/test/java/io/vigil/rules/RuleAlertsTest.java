package io.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.BoundaryConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.SloConfig.SloWindow;
import io.vigil.config.VigilConfig;
import io.vigil.testing.Promtool;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated rules under {@code promtool test rules}: counter series chosen so that every window's error
 * ratio is an exact decimal, then the alerts that must (and must not) fire, with their rendered annotations.
 * Vectors from SLO-MATH §7.
 */
class RuleAlertsTest {
  private static final String BURN = RuleGenerator.BURN_ALERT;
  private static final String THREE_DAYS = "4320m";
  private static final String ONE_DAY = "1440m";

  /** shop-api: availability 99.9% over 30d, latency (100 ms) 99% over 28d; db.main: uptime 99.9% per month. */
  private static final VigilConfig CONFIG = TestConfigs.config(List.of(
      TestConfigs.boundary("shop-api", List.of(
          slo("availability", SloConfig.Sli.REQUESTS, "0.999", SloWindow.rolling(Duration.ofDays(30))),
          new SloConfig("latency", new SloConfig.Sli.Latency(Duration.ofMillis(100)), new BigDecimal("0.99"),
              SloWindow.rolling(Duration.ofDays(28)), null))),
      TestConfigs.boundary("db.main", List.of(slo("uptime", SloConfig.Sli.TIME, "0.999", SloWindow.MONTH)))),
      List.of(), VigilConfig.HistogramsPer.PROBE);

  @TempDir Path dir;
  private RuleUnitTests tests;

  @BeforeEach
  void setUp() {
    assumeTrue(Promtool.available(), "promtool is not installed");
    tests = new RuleUnitTests("1h");
  }

  @Test
  void slowPageFiresAndSuppressesTheTicketForTheMultiwindowVector() throws Exception {
    // SLO-MATH §7 TV4 at T = 99.9%: 5m .0010, 30m .0065, 1h .0200, 2h .005, 6h .0070, 1d .002, 3d .0012.
    Traffic traffic = new Traffic()
        .add(584, 250, 1).add(2296, 250, 0)      // 1d–3d: 720,000 valid, 584 bad
        .add(140, 250, 1).add(940, 250, 0)       // 6h–1d: 270,000 valid, 140 bad
        .add(220, 250, 2).add(20, 250, 1)        // 2h–6h: 60,000 valid, 460 bad
        .add(60, 250, 0)                         // 1h–2h: 15,000 valid
        .add(27, 100, 3).add(3, 100, 2)          // 30m–1h: 3,000 valid, 87 bad
        .add(12, 40, 1).add(13, 40, 0)           // 5m–30m: 1,000 valid, 12 bad
        .add(1, 200, 1).add(4, 200, 0);          // last 5m: 1,000 valid, 1 bad
    assertThat(traffic.minutes()).isEqualTo(4320);
    RuleUnitTests.Case c = tests.add();
    traffic.addTo(c, "shop-api", "availability", "eu-west-1", "us-east-1");
    // page-fast: 1h .02 > .0144 but 5m .001 is not; page-slow: 6h .007 and 30m .0065 > .006 → page.
    // ticket-fast: 1d .002 ≤ .003; ticket-slow: 3d .0012 and 6h .007 > .001 → fires but is suppressed.
    c.alerts(THREE_DAYS, BURN, burn("shop-api", "availability", "page", "6h", "30m", "0.7%", "6", "0.6%", "0.1%",
        "99.9%", "30d", "5d"));
    String[] windows = {"5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"};
    double[] ratios = {0.001, 0.0065, 0.02, 0.005, 0.007, 0.002, 0.0012, 0.0012};
    for (int i = 0; i < windows.length; i++) {
      String record = RuleGenerator.ERROR_RATIO + windows[i];
      c.expr(THREE_DAYS, record, record + "{boundary=\"shop-api\",slo=\"availability\"}", ratios[i]);
    }
    c.expr(THREE_DAYS, "vigil:slo_error_ratio:period", "vigil:slo_error_ratio:period{boundary=\"shop-api\",slo=\"availability\"}", 0.0012);
    c.expr(THREE_DAYS, "vigil:slo_objective:ratio{boundary=\"shop-api\"}",
        "vigil:slo_objective:ratio{boundary=\"shop-api\",slo=\"availability\"}", 0.999,
        "vigil:slo_objective:ratio{boundary=\"shop-api\",slo=\"latency\"}", 0.99);
    c.expr(THREE_DAYS, "vigil:slo_error_budget:ratio{slo=\"availability\"}",
        "vigil:slo_error_budget:ratio{boundary=\"shop-api\",slo=\"availability\"}", 0.001);
    c.expr(THREE_DAYS, "vigil:slo_period:days", "vigil:slo_period:days{boundary=\"db.main\",slo=\"uptime\"}", 30,
        "vigil:slo_period:days{boundary=\"shop-api\",slo=\"availability\"}", 30,
        "vigil:slo_period:days{boundary=\"shop-api\",slo=\"latency\"}", 28);
    // Remaining budget over the period: 1 − 1,284 / (0.001 × 1,070,000) = −0.2 (to float precision).
    c.expr(THREE_DAYS, "vigil:slo_error_budget_remaining:ratio",
        "vigil:slo_error_budget_remaining:ratio{boundary=\"shop-api\",slo=\"availability\"}",
        1 - (1284.0 / 1_070_000) / 0.001);

    assertPasses();
  }

  @Test
  void burnExactlyAtTheThresholdDoesNotFireButOneMoreBadRunDoes() throws Exception {
    // SLO-MATH §7 TV3: T = 99.9%, 144 bad of 10,000 over 1h is a ratio of exactly 0.0144 = 14.4 × B.
    RuleUnitTests.Case atThreshold = tests.add();
    lastHour(144).addTo(atThreshold, "shop-api", "availability", "eu-west-1", "us-east-1");
    atThreshold.alerts(ONE_DAY, BURN);
    atThreshold.expr(ONE_DAY, "vigil:slo_error_ratio:rate1h",
        "vigil:slo_error_ratio:rate1h{boundary=\"shop-api\",slo=\"availability\"}", 0.0144);
    atThreshold.expr(ONE_DAY, "vigil:slo_error_ratio:rate5m",
        "vigil:slo_error_ratio:rate5m{boundary=\"shop-api\",slo=\"availability\"}", 0.1);

    RuleUnitTests.Case oneMore = tests.add();
    lastHour(145).addTo(oneMore, "shop-api", "availability", "eu-west-1", "us-east-1");
    oneMore.alerts(ONE_DAY, BURN, burn("shop-api", "availability", "page", "1h", "5m", "1.45%", "14.4", "1.44%",
        "0.1%", "99.9%", "30d", "50h"));
    oneMore.expr(ONE_DAY, "vigil:slo_error_ratio:rate1h",
        "vigil:slo_error_ratio:rate1h{boundary=\"shop-api\",slo=\"availability\"}", 0.0145);

    assertPasses();
  }

  /**
   * A day whose last hour has 10,000 valid runs with {@code bad} bad: 100 of them in the last 5 minutes
   * (ratio .1, over the page threshold), the rest one a minute before. The 23 clean hours before keep
   * every longer window far below its threshold.
   */
  private static Traffic lastHour(int bad) {
    int early = bad - 100;
    return new Traffic().add(1380, 1000, 0)
        .add(early, 160, 1).add(50 - early, 160, 0)
        .add(5, 200, 0)
        .add(5, 200, 20);
  }

  @Test
  void ticketOnlyBurnFiresBothTicketsWithThresholdsScaledToTheSloPeriod() throws Exception {
    // Latency SLO 99% over 28d: page at 13.44 and 5.6 × B (.1344, .056), tickets at 2.8 and 0.9333… × B
    // (.028, .009333…). A steady 4% error ratio is under both pages and over both tickets.
    RuleUnitTests.Case c = tests.add();
    new Traffic().add(4320, 1000, 40).addTo(c, "shop-api", "latency", "eu-west-1");
    c.alerts(THREE_DAYS, BURN,
        burn("shop-api", "latency", "ticket", "1d", "2h", "4%", "2.8", "2.8%", "1%", "99%", "28d", "10d"),
        burn("shop-api", "latency", "ticket", "3d", "6h", "4%", "0.9333", "0.9333%", "1%", "99%", "28d", "30d"));
    c.expr(THREE_DAYS, "vigil:slo_error_ratio:rate28d",
        "vigil:slo_error_ratio:rate28d{boundary=\"shop-api\",slo=\"latency\"}", 0.04);

    assertPasses();
  }

  @Test
  void noTrafficAndNoMeasuredTimeGiveNoRatiosAndNoAlerts() throws Exception {
    RuleUnitTests.Case c = tests.add();
    String events = "vigil_slo_events_total{boundary=\"shop-api\",slo=\"availability\",location=\"eu-west-1\"";
    c.series(events + ",class=\"valid\"}", "5000+0x4320");
    c.series(events + ",class=\"good\"}", "4990+0x4320");
    // Vigil was not measuring db.main: every second is unknown, and its up gauge is NaN.
    states(c, "db.main", 4320, "unknown");
    c.series("vigil_boundary_up{boundary=\"db.main\",location=\"eu-west-1\"}", "NaN+0x4320");
    for (String record : List.of("vigil:slo_error_ratio:rate5m", "vigil:slo_error_ratio:rate3d",
        "vigil:slo_error_ratio:period", "vigil:slo_error_budget_remaining:ratio")) {
      c.expr(THREE_DAYS, record);
    }
    c.alerts(THREE_DAYS, BURN);
    c.alerts(THREE_DAYS, RuleGenerator.DOWN_ALERT);

    assertPasses();
  }

  @Test
  void timeSloReadsStateSecondsWithUnknownAndMaintenanceOutOfTheRatio() throws Exception {
    // db.main uptime 99.9% per month (read as 30d). Last hour: 35m up, 10m degraded, 5m unknown,
    // 5m maintenance, 5m down. 1h: 300 s down / 3,000 s measured = .1; 5m: 1; 30m: 300 / 1,200 = .25;
    // 6h: 300 / 21,000 = .0142857… Both pages fire; the tickets (1d .0035, 3d .00116) are suppressed.
    RuleUnitTests.Case c = tests.add();
    states(c, "db.main", 4295, "up", 10, "degraded", 5, "unknown", 5, "maintenance", 5, "down");
    c.alerts(THREE_DAYS, BURN,
        burn("db.main", "uptime", "page", "1h", "5m", "10%", "14.4", "1.44%", "0.1%", "99.9%",
            "a calendar month, read as 30d", "50h"),
        burn("db.main", "uptime", "page", "6h", "30m", "1.429%", "6", "0.6%", "0.1%", "99.9%",
            "a calendar month, read as 30d", "5d"));
    String select = "{boundary=\"db.main\",slo=\"uptime\"}";
    c.expr(THREE_DAYS, "vigil:slo_error_ratio:rate5m", "vigil:slo_error_ratio:rate5m" + select, 1);
    c.expr(THREE_DAYS, "vigil:slo_error_ratio:rate30m", "vigil:slo_error_ratio:rate30m" + select, 0.25);
    c.expr(THREE_DAYS, "vigil:slo_error_ratio:rate1h", "vigil:slo_error_ratio:rate1h" + select, 0.1);
    c.expr(THREE_DAYS, "vigil:slo_error_ratio:rate6h", "vigil:slo_error_ratio:rate6h" + select, 300.0 / 21_000);
    c.expr(THREE_DAYS, "vigil:slo_error_ratio:rate30d", "vigil:slo_error_ratio:rate30d" + select, 300.0 / 258_600);

    assertPasses();
  }

  @Test
  void boundaryDownFiresOnlyAfterItsForDuration() throws Exception {
    tests = new RuleUnitTests("1m");
    RuleUnitTests.Case c = tests.add();
    c.series("vigil_boundary_up{boundary=\"db.main\",location=\"eu-west-1\"}", "1+0x60 0+0x5");
    c.series("vigil_boundary_up{boundary=\"shop-api\",location=\"eu-west-1\"}", "1+0x65");
    Map<String, String> labels = Map.of("severity", "page", "boundary", "db.main", "location", "eu-west-1");
    Map<String, String> annotations = Map.of(
        "summary", "Boundary db.main is down (seen from eu-west-1)",
        "description", "Vigil at eu-west-1 has reported boundary db.main down for at least 1m (down_when: any; "
            + "a probe counts as failing after 1 bad run).");
    c.alerts("61m", RuleGenerator.DOWN_ALERT); // down from 61m: pending, not yet firing
    c.alerts("62m", RuleGenerator.DOWN_ALERT, new RuleUnitTests.Alert(labels, annotations));
    c.alerts("65m", RuleGenerator.DOWN_ALERT, new RuleUnitTests.Alert(labels, annotations));

    assertPasses();
  }

  @Test
  void promtoolReportsAnAlertThatShouldNotHaveFired() throws Exception {
    // The harness itself: expecting silence where the page fires must fail the promtool run.
    RuleUnitTests.Case c = tests.add();
    lastHour(145).addTo(c, "shop-api", "availability", "eu-west-1");
    c.alerts(ONE_DAY, BURN);

    Promtool.Result result = Promtool.testRules(tests.write(dir, new RuleGenerator().generate(CONFIG)));
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output()).contains("FAILED").contains("severity=\"page\"").contains("long_window=\"1h\"");
  }

  private void assertPasses() throws Exception {
    Promtool.Result result = Promtool.testRules(tests.write(dir, new RuleGenerator().generate(CONFIG)));
    assertThat(result.output()).as("promtool test rules").contains("SUCCESS").doesNotContain("FAILED");
    assertThat(result.exit()).isZero();
  }

  /**
   * Accounted state seconds of a boundary at one location, one series per state: pairs of minutes and the
   * state the boundary was in during them, oldest first.
   */
  private static void states(RuleUnitTests.Case c, String boundary, Object... minutesAndStates) {
    List<String> all = List.of("up", "degraded", "down", "unknown", "maintenance");
    int total = 0;
    for (int i = 0; i < minutesAndStates.length; i += 2) {
      total += (Integer) minutesAndStates[i];
    }
    Map<String, long[]> seconds = new LinkedHashMap<>();
    for (String s : all) {
      seconds.put(s, new long[total + 1]);
    }
    int minute = 0;
    for (int i = 0; i < minutesAndStates.length; i += 2) {
      int count = (Integer) minutesAndStates[i];
      String state = (String) minutesAndStates[i + 1];
      for (int m = 0; m < count; m++, minute++) {
        for (String s : all) {
          seconds.get(s)[minute + 1] = seconds.get(s)[minute] + (s.equals(state) ? 60 : 0);
        }
      }
    }
    seconds.forEach((state, values) -> c.counter("vigil_boundary_state_seconds_total{boundary=\"" + boundary
        + "\",location=\"eu-west-1\",state=\"" + state + "\"}", values));
  }

  /** The burn-rate alert as it must render: labels and both annotations. */
  private static RuleUnitTests.Alert burn(String boundary, String slo, String severity, String longWindow,
      String shortWindow, String value, String burn, String threshold, String budget, String target, String over,
      String lasts) {
    Map<String, String> labels = Map.of("severity", severity, "boundary", boundary, "slo", slo,
        "long_window", longWindow, "short_window", shortWindow);
    Map<String, String> annotations = Map.of(
        "summary", boundary + ": SLO " + slo + " is burning its error budget at over " + burn
            + "× the sustainable rate (" + longWindow + " and " + shortWindow + ")",
        "description", "SLO " + slo + " of boundary " + boundary + " (target " + target + " over " + over
            + ") has an error ratio of " + value + " over " + longWindow + ", and above " + threshold + " over "
            + shortWindow + " as well (" + threshold + " = " + burn + " × its " + budget + " error budget). "
            + "At that rate the whole budget lasts " + lasts + ".");
    return new RuleUnitTests.Alert(labels, annotations);
  }

  private static SloConfig slo(String name, SloConfig.Sli sli, String target, SloWindow window) {
    return new SloConfig(name, sli, new BigDecimal(target), window, null);
  }
}
