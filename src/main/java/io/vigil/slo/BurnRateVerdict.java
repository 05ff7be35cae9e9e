package io.vigil.slo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a {@link BurnRatePolicy}: which pairs fire, the resulting severity, and whether a
 * firing ticket is suppressed because a page fires for the same SLO.
 *
 * @param pairs one verdict per pair, in the policy's order
 */
public record BurnRateVerdict(List<PairVerdict> pairs) {
  /**
   * One pair's verdict.
   *
   * @param pair the condition
   * @param longRatio error ratio over the long window; {@code null} when there was no data
   * @param shortRatio error ratio over the short window; {@code null} when there was no data
   * @param fires whether both ratios are strictly above burn × B
   */
  public record PairVerdict(BurnWindowPair pair, BigDecimal longRatio, BigDecimal shortRatio, boolean fires) {}

  public BurnRateVerdict {
    pairs = List.copyOf(pairs);
  }

  /** Whether any pair of {@code severity} fires (pairs of one severity are OR-ed). */
  public boolean fires(Severity severity) {
    return pairs.stream().anyMatch(v -> v.fires() && v.pair().severity() == severity);
  }

  /** The severity to notify at: page when a page pair fires, else ticket when a ticket pair fires. */
  public Optional<Severity> severity() {
    if (fires(Severity.PAGE)) {
      return Optional.of(Severity.PAGE);
    }
    return fires(Severity.TICKET) ? Optional.of(Severity.TICKET) : Optional.empty();
  }

  /** Whether a ticket pair fires but is suppressed because a page fires for the same SLO. */
  public boolean ticketSuppressed() {
    return fires(Severity.PAGE) && fires(Severity.TICKET);
  }

  /** The pairs that fire, in the policy's order (including suppressed ticket pairs). */
  public List<BurnWindowPair> firing() {
    return pairs.stream().filter(PairVerdict::fires).map(PairVerdict::pair).toList();
  }
}
