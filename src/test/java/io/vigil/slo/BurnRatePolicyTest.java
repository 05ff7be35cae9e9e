package io.vigil.slo;

import static io.vigil.slo.Exact.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Multiwindow, multi-burn-rate evaluation (SPEC §1, SLO-MATH §2 and §7 vector 4). */
class BurnRatePolicyTest {
  private static final Duration M5 = Duration.ofMinutes(5);
  private static final Duration M30 = Duration.ofMinutes(30);
  private static final Duration H1 = Duration.ofHours(1);
  private static final Duration H2 = Duration.ofHours(2);
  private static final Duration H6 = Duration.ofHours(6);
  private static final Duration D1 = Duration.ofDays(1);
  private static final Duration D3 = Duration.ofDays(3);

  private static final BurnRatePolicy POLICY =
      BurnRatePolicy.standard(new ErrorBudget(dec("0.999")), Duration.ofDays(30));

  private static Map<Duration, BigDecimal> ratios(Object... windowAndRatio) {
    Map<Duration, BigDecimal> m = new HashMap<>();
    for (int i = 0; i < windowAndRatio.length; i += 2) {
      m.put((Duration) windowAndRatio[i], dec((String) windowAndRatio[i + 1]));
    }
    return m;
  }

  @Test
  @DisplayName("Standard pairs for 30d: page 1h&5m ×14.4, page 6h&30m ×6, ticket 1d&2h ×3, ticket 3d&6h ×1")
  void standardPairs() {
    assertThat(POLICY.pairs()).extracting(BurnWindowPair::severity, BurnWindowPair::longWindow,
        BurnWindowPair::shortWindow).containsExactly(
            tuple(Severity.PAGE, H1, M5),
            tuple(Severity.PAGE, H6, M30),
            tuple(Severity.TICKET, D1, H2),
            tuple(Severity.TICKET, D3, H6));
    assertThat(POLICY.pairs()).extracting(p -> p.burn().value().stripTrailingZeros().toPlainString())
        .containsExactly("14.4", "6", "3", "1");
    assertThat(POLICY.windows()).containsExactly(M5, M30, H1, H2, H6, D1, D3);
  }

  @Test
  @DisplayName("TV4 MWMB: 5m .0010, 1h .0200 → page-fast does not fire (both windows must exceed 14.4 × B)")
  void pageFastNeedsBothWindows() {
    BurnRateVerdict v = POLICY.evaluate(ratios(M5, "0.0010", M30, "0.0065", H1, "0.0200", H6, "0.0070"));
    assertThat(v.pairs().get(0).fires()).isFalse();
  }

  @Test
  @DisplayName("TV4 MWMB: 6h .0070 and 30m .0065 > 6 × B = .006 → page-slow fires, severity PAGE")
  void pageSlowFires() {
    BurnRateVerdict v = POLICY.evaluate(ratios(M5, "0.0010", M30, "0.0065", H1, "0.0200", H6, "0.0070"));
    assertThat(v.pairs().get(1).fires()).isTrue();
    assertThat(v.firing()).containsExactly(POLICY.pairs().get(1));
    assertThat(v.severity()).contains(Severity.PAGE);
  }

  @Test
  @DisplayName("TV4 MWMB: with 2h .005, 1d .002, 3d .0012 ticket-fast does not fire (1d ✗), ticket-slow fires (3d, 6h > .001) and is suppressed under the page")
  void ticketSuppressedUnderPage() {
    BurnRateVerdict v = POLICY.evaluate(ratios(M5, "0.0010", M30, "0.0065", H1, "0.0200", H6, "0.0070",
        H2, "0.005", D1, "0.002", D3, "0.0012"));
    assertThat(v.pairs().get(2).fires()).isFalse();
    assertThat(v.pairs().get(3).fires()).isTrue();
    assertThat(v.fires(Severity.PAGE)).isTrue();
    assertThat(v.fires(Severity.TICKET)).isTrue();
    assertThat(v.severity()).contains(Severity.PAGE);
    assertThat(v.ticketSuppressed()).isTrue();
  }

  @Test
  @DisplayName("A ticket pair firing without a page gives severity TICKET, not suppressed")
  void ticketAlone() {
    BurnRateVerdict v = POLICY.evaluate(ratios(M5, "0.0011", M30, "0.0011", H1, "0.0011", H6, "0.0015",
        H2, "0.0011", D1, "0.0011", D3, "0.0012"));
    assertThat(v.fires(Severity.PAGE)).isFalse();
    assertThat(v.severity()).contains(Severity.TICKET);
    assertThat(v.ticketSuppressed()).isFalse();
  }

  @Test
  @DisplayName("TV3 through the policy: 1h and 5m exactly at 0.0144 do not page; 0.0145 in both pages")
  void equalityDoesNotFire() {
    assertThat(POLICY.evaluate(ratios(H1, "0.0144", M5, "0.0144")).severity()).isEmpty();
    BurnRateVerdict v = POLICY.evaluate(ratios(H1, "0.0145", M5, "0.0145"));
    assertThat(v.firing()).containsExactly(POLICY.pairs().get(0));
  }

  @Test
  @DisplayName("A window without data cannot fire its pair; nothing at all fires nothing")
  void missingWindowDoesNotFire() {
    BurnRateVerdict v = POLICY.evaluate(ratios(H1, "1"));
    assertThat(v.pairs().get(0).fires()).isFalse();
    assertThat(v.pairs().get(0).shortRatio()).isNull();
    assertThat(POLICY.evaluate(Map.of()).severity()).isEmpty();
  }

  @Test
  @DisplayName("Workbook note: the 14.4 page pair can never fire for a 90% SLO (threshold 144% errors)")
  void fastPageNeverFiresAtNinetyPercent() {
    BurnRatePolicy ninety = BurnRatePolicy.standard(new ErrorBudget(dec("0.90")), Duration.ofDays(30));
    BurnRateVerdict v = ninety.evaluate(ratios(M5, "1", H1, "1", M30, "1", H6, "1"));
    assertThat(v.pairs().get(0).fires()).isFalse();
  }

  @Test
  @DisplayName("Standard pairs for 28d scale by f × P / W: 13.44, 5.6, 2.8, 0.9333…")
  void twentyEightDayPairs() {
    assertThat(BurnWindowPair.standard(Duration.ofDays(28))).extracting(p -> Exact.round(p.burn().value(), 4))
        .containsExactly(dec("13.4400"), dec("5.6000"), dec("2.8000"), dec("0.9333"));
  }
}
