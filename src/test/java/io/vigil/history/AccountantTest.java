package io.vigil.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.ProbeConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.StorageConfig;
import io.vigil.config.VigilConfig;
import io.vigil.probe.Outcome;
import io.vigil.probe.PhaseTimings;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import io.vigil.slo.Counts;
import io.vigil.slo.LatencyBands;
import io.vigil.store.BucketRow;
import io.vigil.store.Resolution;
import io.vigil.store.SqliteStore;
import io.vigil.store.StoredResult;
import io.vigil.store.Subject;
import io.vigil.testing.ManualClock;
import io.vigil.testing.TestConfigs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The accountant over a real store: where accounting starts and stands, restarts that resume from persisted
 * rollups and replayed raw results, reloads that keep or rebuild a ledger, daily sums, and the lookups readers use.
 */
class AccountantTest {
  /** Mid-hour and mid-minute, so that no checkpoint falls on a bucket edge by luck. */
  private static final long T0 = Instant.parse("2026-11-02T10:17:23.250Z").toEpochMilli();
  private static final long S = 1_000;
  private static final long MIN = 60 * S;
  private static final long H = 60 * MIN;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(T0));
  private final List<SqliteStore> stores = new ArrayList<>();

  @AfterEach
  void close() {
    stores.forEach(SqliteStore::close);
  }

  private SqliteStore store(String name) {
    SqliteStore s = SqliteStore.open(dir.resolve(name), StorageConfig.Retention.DEFAULT, clock);
    stores.add(s);
    return s;
  }

  private static ProbeConfig probe(String name, long intervalSeconds, long timeoutSeconds) {
    return TestConfigs.http(name, "shop", "http://127.0.0.1:1/" + name, Duration.ofSeconds(intervalSeconds),
        Duration.ofSeconds(timeoutSeconds));
  }

  private static SloConfig latency(String name, long millis) {
    return new SloConfig(name, new SloConfig.Sli.Latency(Duration.ofMillis(millis)), new BigDecimal("0.9"),
        SloConfig.SloWindow.rolling(Duration.ofDays(7)), ZoneOffset.UTC);
  }

  private static BoundaryConfig shop(DownWhen rule, SloConfig... slos) {
    return new BoundaryConfig("shop", "Shop", "", true, rule, 1, 1, List.of(slos), List.of(), List.of(), "test:1");
  }

  private static VigilConfig config(BoundaryConfig b, ProbeConfig... probes) {
    return TestConfigs.config(List.of(b), List.of(probes), VigilConfig.HistogramsPer.PROBE);
  }

  private static Accountant accountant(ManualClock clock, SqliteStore store, VigilConfig c) {
    Accountant a = new Accountant(clock, store);
    a.configure(c, new MaintenanceSchedule(c));
    return a;
  }

  private static ProbeResult result(ProbeConfig p, long start, boolean good, long millis) {
    return new ProbeResult(p.name(), start, millis * 1_000_000, good ? Outcome.GOOD : Outcome.BAD,
        good ? null : Reason.STATUS, good ? "" : "status: 503", PhaseTimings.NONE, List.of(), good ? 200 : 503, 0,
        "", null, null);
  }

  /** What Vigil does with a result: keep it raw, then account it. */
  private static void report(SqliteStore store, Accountant a, ProbeConfig p, ProbeResult r) {
    new RawResults(store, a::probeId).accept(p, r);
    a.accept(p, r);
  }

  @Test
  void aBoundaryUnknownToTheAccountantHasNoNumbers() {
    SqliteStore store = store("h.db");
    ProbeConfig p = probe("a", 10, 5);
    Accountant a = accountant(clock, store, config(shop(DownWhen.ANY), p));
    assertThat(a.sums("nope", T0 - H, T0)).isNull();
    assertThat(a.sinceStart("nope")).isNull();
    assertThat(a.days("nope", T0, 3)).isEmpty();
    assertThat(a.accountedUntil("nope")).isEqualTo(-1);
    assertThat(a.bands("nope", a.sums("shop", T0 - H, T0))).isEqualTo(LatencyBands.NONE);
    assertThat(a.bands("shop", null)).isEqualTo(LatencyBands.NONE);
    assertThat(a.latencyIndex("nope", "fast")).isEqualTo(-1);
    assertThat(a.boundaryId("nope")).isEqualTo(-1);
    assertThat(a.probeId("nope")).isNull();
    // a result of a probe of a boundary it does not account is ignored
    ProbeConfig stray = TestConfigs.http("stray", "elsewhere", "http://127.0.0.1:1/", Duration.ofSeconds(10),
        Duration.ofSeconds(5));
    a.accept(stray, result(stray, T0, false, 10));
    a.accept(probe("unknown", 10, 5), result(probe("unknown", 10, 5), T0, false, 10));
    clock.advanceMillis(MIN);
    a.advance();
    assertThat(a.sums("shop", T0 - H, T0 + MIN).requests()).isEqualTo(new Counts(0, 0));
  }

  @Test
  void aNewBoundaryStartsAccountingNowAndStoresWhereItStarted() {
    SqliteStore store = store("h.db");
    Accountant a = accountant(clock, store, config(shop(DownWhen.ANY), probe("a", 10, 5)));
    assertThat(a.accountedUntil("shop")).isEqualTo(T0);
    store.flush();
    assertThat(store.checkpoint(a.boundaryId("shop"))).hasValue(T0);
    assertThat(a.boundaryId("shop")).isEqualTo(store.boundaryId("shop"));
    assertThat(a.probeId("a")).isEqualTo(store.probeId("a", Accountant.definitionHash(probe("a", 10, 5))));
  }

  @Test
  void accountingStandsTheLongestTimeoutAndTwoSecondsBehindNow() {
    SqliteStore store = store("h.db");
    ProbeConfig a = probe("a", 10, 5);
    ProbeConfig b = probe("b", 10, 8);
    Accountant acc = accountant(clock, store, config(shop(DownWhen.ANY), a, b));
    for (long t = 0; t < 60; t += 10) {
      report(store, acc, a, result(a, T0 + t * S, true, 20));
      report(store, acc, b, result(b, T0 + t * S, t != 20, 20));
    }
    clock.advanceMillis(70 * S);
    acc.advance();
    assertThat(acc.accountedUntil("shop")).isEqualTo(T0 + 60 * S); // 70 s − 8 s − 2 s
    Sums s = acc.sums("shop", T0 - H, T0 + H);
    assertThat(s.requests()).isEqualTo(new Counts(11, 12));
    assertThat(s.downMs()).isEqualTo(10 * S);
    assertThat(s.upMs()).isEqualTo(50 * S);
    assertThat(acc.sinceStart("shop").requests()).isEqualTo(new Counts(11, 12));
    assertThat(acc.stragglers()).isZero();

    // a run that started before the checkpoint but reports only now is too late to count
    acc.accept(a, result(a, T0 + 55 * S, false, 20));
    acc.accept(b, result(b, T0 + 59 * S, false, 20));
    assertThat(acc.stragglers()).isEqualTo(2);
  }

  @Test
  void persistingStoresRowsAndTheCheckpointTogetherAndOnlyWhenSomethingMoved() {
    SqliteStore store = store("h.db");
    ProbeConfig a = probe("a", 10, 5);
    Accountant acc = accountant(clock, store, config(shop(DownWhen.ANY), a));
    int id = acc.boundaryId("shop");
    report(store, acc, a, result(a, T0, true, 20));
    clock.advanceMillis(30 * S);
    acc.advance();
    acc.persist();
    store.flush();
    assertThat(store.checkpoint(id)).hasValue(T0 + 23 * S);
    List<BucketRow> hours = store.buckets(Subject.BOUNDARY, id, Resolution.HOUR, T0 - H, T0 + H);
    assertThat(hours).singleElement().satisfies(r -> {
      assertThat(r.upMs()).isEqualTo(20 * S);
      assertThat(r.unknownMs()).isEqualTo(3 * S);
      assertThat(r.valid()).isEqualTo(1);
    });
    assertThat(store.buckets(Subject.PROBE, acc.probeId("a"), Resolution.DAY, T0 - 86_400 * S, T0 + H))
        .singleElement().satisfies(r -> assertThat(r.good()).isEqualTo(1));
    // accounting moves with no new runs: the checkpoint still moves in the store
    clock.advanceMillis(10 * S);
    acc.advance();
    acc.persist();
    store.flush();
    assertThat(store.checkpoint(id)).hasValue(T0 + 33 * S);
  }

  /**
   * Two hours and a quarter of two probes, one run with a failure burst. An uninterrupted Vigil and one that crashes
   * mid-hour (its last persist seconds before the crash) and restarts at once from the store must store the same
   * rows and answer every window alike.
   */
  @ParameterizedTest(name = "crash after {0} s")
  @ValueSource(longs = {1_237, 3_600 + 17, 4_205})
  void aRestartedAccountantStoresAndAnswersWhatAnUninterruptedOneDoes(long crashSecond) {
    ProbeConfig a = probe("a", 10, 5);
    ProbeConfig b = probe("b", 15, 5);
    VigilConfig c = config(shop(DownWhen.ANY, latency("fast", 100), latency("ok", 300)), a, b);
    ManualClock straightClock = new ManualClock(Instant.ofEpochMilli(T0));
    SqliteStore straightStore = store("straight.db");
    Accountant straight = accountant(straightClock, straightStore, c);
    SqliteStore store = store("crash.db");
    Accountant acc = accountant(clock, store, c);
    long end = 8_100;
    for (long t = 1; t <= end; t++) {
      straightClock.advanceMillis(S);
      clock.advanceMillis(S);
      List<ProbeResult> runs = new ArrayList<>();
      if (t % 10 == 0) {
        runs.add(result(a, T0 + t * S, !(t > 2_000 && t < 2_300), 50 + t % 7 * 40));
      }
      if (t % 15 == 3) {
        runs.add(result(b, T0 + t * S + 250, t % 150 != 3, 90 + t % 5 * 60));
      }
      for (ProbeResult r : runs) {
        ProbeConfig p = r.probe().equals("a") ? a : b;
        report(straightStore, straight, p, r);
        report(store, acc, p, r);
      }
      straight.advance();
      acc.advance();
      if (t % 5 == 0) {
        straight.persist();
      }
      if (t % 5 == 0 && t < crashSecond) {
        acc.persist();
      }
      if (t == crashSecond) {
        store.flush(); // the raw results are durable; the rollups since the last persist are lost with the process
        acc = accountant(clock, store, c);
        assertThat(acc.accountedUntil("shop")).isLessThan(T0 + t * S - 7 * S);
      }
    }
    straight.persist();
    acc.persist();
    straightStore.flush();
    store.flush();

    int id = acc.boundaryId("shop");
    for (Resolution r : Resolution.values()) {
      assertThat(store.buckets(Subject.BOUNDARY, id, r, 0, Long.MAX_VALUE)).as(r.name())
          .isEqualTo(straightStore.buckets(Subject.BOUNDARY, id, r, 0, Long.MAX_VALUE));
    }
    for (String p : List.of("a", "b")) {
      for (Resolution r : List.of(Resolution.HOUR, Resolution.DAY)) {
        assertThat(store.buckets(Subject.PROBE, acc.probeId(p), r, 0, Long.MAX_VALUE)).as(p + " " + r.name())
            .isEqualTo(straightStore.buckets(Subject.PROBE, straight.probeId(p), r, 0, Long.MAX_VALUE));
      }
    }
    long now = clock.millis();
    for (long window : new long[] {5 * MIN, H, 2 * H, 3 * H}) {
      Sums want = straight.sums("shop", now - window, now);
      Sums got = acc.sums("shop", now - window, now);
      assertThat(got.requests()).as("requests over %d ms", window).isEqualTo(want.requests());
      assertThat(got.time()).as("time over %d ms", window).isEqualTo(want.time());
      assertThat(got.degradedMs()).isEqualTo(want.degradedMs());
      for (String slo : List.of("fast", "ok")) {
        assertThat(got.latency(acc.latencyIndex("shop", slo)))
            .isEqualTo(want.latency(straight.latencyIndex("shop", slo)));
      }
      assertThat(acc.bands("shop", got)).isEqualTo(straight.bands("shop", want));
    }
    Sums all = straight.sums("shop", T0 - H, now);
    assertThat(all.upMs() + all.degradedMs() + all.downMs() + all.unknownMs())
        .isEqualTo(straight.accountedUntil("shop") - T0);
    assertThat(all.downMs()).isPositive();
    assertThat(acc.accountedUntil("shop")).isEqualTo(straight.accountedUntil("shop"));
  }

  @Test
  void theTimeVigilWasNotRunningIsUnknownAfterARestart() {
    SqliteStore store = store("h.db");
    ProbeConfig a = probe("a", 10, 5);
    VigilConfig c = config(shop(DownWhen.ANY), a);
    Accountant acc = accountant(clock, store, c);
    for (long t = 0; t <= 60; t += 10) {
      clock.setMillis(T0 + t * S);
      report(store, acc, a, result(a, T0 + t * S, true, 20));
    }
    clock.setMillis(T0 + 90 * S);
    acc.advance();
    acc.persist();
    store.flush();
    long stopped = acc.accountedUntil("shop");
    assertThat(stopped).isEqualTo(T0 + 83 * S);

    clock.setMillis(T0 + 10 * MIN); // gone for almost ten minutes
    Accountant again = accountant(clock, store, c);
    assertThat(again.accountedUntil("shop")).isEqualTo(stopped);
    clock.advanceMillis(7 * S);
    again.advance();
    Sums s = again.sums("shop", T0 - H, clock.millis());
    assertThat(s.upMs()).as("the last run covers 2 × interval").isEqualTo(80 * S);
    assertThat(s.unknownMs()).isEqualTo(clock.millis() - 7 * S - T0 - 80 * S);
    assertThat(s.requests()).isEqualTo(new Counts(7, 7));
    assertThat(again.sinceStart("shop").requests()).as("counted since this ledger was built")
        .isEqualTo(new Counts(0, 0));
  }

  private static ProbeConfig withInterval(ProbeConfig p, long seconds) {
    return new ProbeConfig(p.name(), p.boundary(), p.title(), p.type(), Duration.ofSeconds(seconds), p.timeout(),
        p.labels(), p.http(), p.tcp(), p.dns(), p.source(), p.role());
  }

  private static ProbeConfig withRole(ProbeConfig p, ProbeConfig.Role role) {
    return new ProbeConfig(p.name(), p.boundary(), p.title(), p.type(), p.interval(), p.timeout(), p.labels(),
        p.http(), p.tcp(), p.dns(), p.source(), role);
  }

  private static ProbeConfig renamed(ProbeConfig p, String name) {
    return new ProbeConfig(name, p.boundary(), p.title(), p.type(), p.interval(), p.timeout(), p.labels(), p.http(),
        p.tcp(), p.dns(), p.source(), p.role());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"same", "title", "down_when", "another probe", "renamed probe", "probe interval",
      "probe role", "latency slo name", "latency threshold", "year window", "latency bands"})
  void aReloadKeepsAnUnchangedLedgerAndRebuildsAChangedOneFromHistory(String change) {
    SqliteStore store = store("h.db");
    ProbeConfig a = probe("a", 10, 5);
    ProbeConfig b = probe("b", 10, 5);
    BoundaryConfig shop = shop(DownWhen.ANY, latency("fast", 100));
    VigilConfig c = config(shop, a, b);
    Accountant acc = accountant(clock, store, c);
    for (long t = 0; t < 60; t += 10) {
      clock.setMillis(T0 + t * S);
      report(store, acc, a, result(a, T0 + t * S, t != 30, 20));
      report(store, acc, b, result(b, T0 + t * S, true, 20));
    }
    clock.setMillis(T0 + 67 * S);
    acc.advance();
    Sums before = acc.sums("shop", T0 - H, T0 + H);
    assertThat(before.requests()).isEqualTo(new Counts(11, 12));

    UnaryOperator<BoundaryConfig> retitle = x -> new BoundaryConfig(x.name(), "Shop!", x.description(), x.isPublic(),
        x.downWhen(), x.failuresBeforeDown(), x.successesBeforeUp(), x.slos(), x.alerts(), x.maintenance(),
        x.source(), x.owner(), x.latencyBands());
    VigilConfig next = switch (change) {
      case "same" -> config(shop, a, b);
      case "title" -> config(retitle.apply(shop), a, b);
      case "down_when" -> config(shop(new DownWhen(DownWhen.Mode.ALL, 0), latency("fast", 100)), a, b);
      case "another probe" -> config(shop, a, b, probe("c", 10, 5));
      case "renamed probe" -> config(shop, a, renamed(b, "b2"));
      case "probe interval" -> config(shop, a, withInterval(b, 20));
      case "probe role" -> config(shop, a, withRole(b, ProbeConfig.Role.CANARY));
      case "latency slo name" -> config(shop(DownWhen.ANY, latency("quick", 100)), a, b);
      case "latency threshold" -> config(shop(DownWhen.ANY, latency("fast", 150)), a, b);
      case "year window" -> config(shop(DownWhen.ANY, latency("fast", 100), new SloConfig("sla",
          SloConfig.Sli.TIME, new BigDecimal("0.999"), SloConfig.SloWindow.rolling(Duration.ofDays(365)),
          ZoneOffset.UTC)), a, b);
      default -> config(new BoundaryConfig("shop", "Shop", "", true, DownWhen.ANY, 1, 1,
          List.of(latency("fast", 100)), List.of(), List.of(), "test:1", null,
          new io.vigil.config.LatencyBandsConfig(Duration.ofMillis(200), Duration.ofMillis(800))), a, b);
    };
    acc.configure(next, new MaintenanceSchedule(next));
    boolean kept = change.equals("same") || change.equals("title");
    assertThat(acc.sinceStart("shop").requests()).as("since-start counters survive only an unchanged ledger")
        .isEqualTo(kept ? new Counts(11, 12) : new Counts(0, 0));
    // either way, nothing accounted is lost or counted twice
    Sums after = acc.sums("shop", T0 - H, T0 + H);
    assertThat(after.requests()).isEqualTo(before.requests());
    assertThat(after.time()).isEqualTo(before.time());
    assertThat(acc.accountedUntil("shop")).isEqualTo(T0 + 60 * S);
  }

  @Test
  void daysAreTheLastUtcDaysOldestFirstWithTodayPartial() {
    SqliteStore store = store("h.db");
    long midnight = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    clock.setMillis(midnight);
    ProbeConfig a = probe("a", 600, 5);
    Accountant acc = accountant(clock, store, config(shop(DownWhen.ANY), a));
    long end = midnight + 2 * 86_400 * S + 6 * H;
    for (long t = midnight; t < end; t += 10 * MIN) {
      clock.setMillis(t);
      // the first day is down from 03:00 to 04:00, the second from 12:00 to 14:00
      long inDay = (t - midnight) % (86_400 * S);
      long day = (t - midnight) / (86_400 * S);
      boolean down = day == 0 ? inDay >= 3 * H && inDay < 4 * H : day == 1 && inDay >= 12 * H && inDay < 14 * H;
      report(store, acc, a, result(a, t, !down, 20));
      acc.advance();
    }
    clock.setMillis(end + 7 * S);
    acc.advance();
    List<Sums> days = acc.days("shop", clock.millis(), 4);
    assertThat(days).hasSize(4);
    assertThat(days.get(0).upMs() + days.get(0).downMs() + days.get(0).unknownMs()).as("before history").isZero();
    assertThat(days.get(1).downMs()).isEqualTo(H);
    assertThat(days.get(1).upMs()).isEqualTo(23 * H);
    assertThat(days.get(1).requests()).isEqualTo(new Counts(138, 144));
    assertThat(days.get(2).downMs()).isEqualTo(2 * H);
    assertThat(days.get(2).upMs()).isEqualTo(22 * H);
    assertThat(days.get(3).upMs()).as("today so far").isEqualTo(6 * H);
    assertThat(days.get(3).requests()).isEqualTo(new Counts(36, 36));
  }

  @Test
  void latencyLookupsFollowTheBoundarysLatencySlos() {
    SqliteStore store = store("h.db");
    ProbeConfig a = probe("a", 10, 5);
    Accountant acc = accountant(clock, store, config(shop(DownWhen.ANY, latency("fast", 100), latency("ok", 500)),
        a));
    int[] millis = {40, 100, 120, 450, 500, 501, 900, 60};
    for (int i = 0; i < millis.length; i++) {
      report(store, acc, a, result(a, T0 + i * 10 * S, true, millis[i]));
    }
    clock.advanceMillis(100 * S);
    acc.advance();
    Sums s = acc.sums("shop", T0 - H, clock.millis());
    assertThat(acc.latencyIndex("shop", "fast")).isZero();
    assertThat(acc.latencyIndex("shop", "ok")).isEqualTo(1);
    assertThat(acc.latencyIndex("shop", "nope")).isEqualTo(-1);
    assertThat(s.latency(0)).isEqualTo(new Counts(3, 8));
    assertThat(s.latency(1)).isEqualTo(new Counts(6, 8));
    // bands: under 400 ms fast, up to 800 ms acceptable, beyond slow
    assertThat(acc.bands("shop", s)).isEqualTo(new LatencyBands(4, 3, 1));
  }

  @Test
  void theDefinitionHashChangesWithWhatARunDoesOnly() {
    ProbeConfig a = probe("a", 10, 5);
    String h = Accountant.definitionHash(a);
    assertThat(h).matches("[0-9a-f]{24}");
    assertThat(Accountant.definitionHash(probe("a", 10, 5))).isEqualTo(h);
    assertThat(Accountant.definitionHash(renamed(a, "other"))).as("the name is not part of it").isEqualTo(h);
    assertThat(Accountant.definitionHash(withInterval(a, 20))).isNotEqualTo(h);
    assertThat(Accountant.definitionHash(probe("a", 10, 6))).isNotEqualTo(h);
  }

  @Test
  void rawResultsKeepTheCompactFormOfEveryRunOfAKnownProbe() {
    SqliteStore store = store("h.db");
    ProbeConfig a = probe("a", 10, 5);
    RawResults raw = new RawResults(store, name -> name.equals("a") ? 3 : null);
    raw.accept(a, new ProbeResult("a", T0, 1_234_560_900, Outcome.GOOD, null, "", PhaseTimings.NONE, List.of(), 200,
        0, "", null, null));
    raw.accept(a, result(a, T0 + S, false, 70));
    ProbeConfig unknown = probe("x", 10, 5);
    raw.accept(unknown, result(unknown, T0 + 2 * S, false, 10));
    store.flush();
    assertThat(store.results(T0, T0 + H)).containsExactly(
        new StoredResult(3, T0, 1_234_560, Outcome.GOOD, null, 0), // a good run's status tells nothing
        new StoredResult(3, T0 + S, 70_000, Outcome.BAD, Reason.STATUS, 503));
    // a run longer than an int of microseconds (never within a timeout) is kept as the longest
    assertThat(RawResults.stored(3, new ProbeResult("a", T0, 7_000_000_000_000L, Outcome.BAD, Reason.TIMEOUT, "",
        PhaseTimings.NONE, List.of(), 0, 0, "", null, null)).durationMicros()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void afterAnOutageLongerThanTheRingsTheBucketsHoldingTheCheckpointAreCompletedNotReplaced() {
    SqliteStore store = store("h.db");
    ProbeConfig a = probe("a", 10, 5);
    VigilConfig c = config(shop(DownWhen.ANY), a);
    Accountant acc = accountant(clock, store, c);
    report(store, acc, a, result(a, T0, true, 20));
    clock.setMillis(T0 + 17 * S);
    acc.advance();
    acc.persist();
    store.flush();
    long checkpoint = acc.accountedUntil("shop");
    assertThat(acc.ledger("shop").checkpoint()).isEqualTo(checkpoint);

    clock.setMillis(T0 + 2 * 86_400 * S); // Vigil was gone for two days
    Accountant again = accountant(clock, store, c);
    again.advance();
    again.persist();
    store.flush();
    int id = again.boundaryId("shop");
    long minute = Resolution.MINUTE.floor(checkpoint);
    long hour = Resolution.HOUR.floor(checkpoint);
    BucketRow m = store.buckets(Subject.BOUNDARY, id, Resolution.MINUTE, minute, minute + 1).get(0);
    assertThat(m.upMs()).as("the run before the outage is still in its minute").isEqualTo(20 * S);
    assertThat(m.upMs() + m.unknownMs()).isEqualTo(minute + MIN - T0);
    assertThat(m.valid()).isEqualTo(1);
    BucketRow h = store.buckets(Subject.BOUNDARY, id, Resolution.HOUR, hour, hour + 1).get(0);
    assertThat(h.upMs()).isEqualTo(20 * S);
    assertThat(h.upMs() + h.unknownMs()).isEqualTo(hour + H - T0);
    assertThat(h.valid()).isEqualTo(1);
  }
}
