package io.vigil.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.SloConfig;
import io.vigil.config.VigilConfig;
import io.vigil.slo.BudgetStatus;
import io.vigil.slo.ErrorBudget;
import io.vigil.slo.Span;
import io.vigil.slo.Window;
import io.vigil.store.HistoryReader;
import io.vigil.store.Resolution;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The error-budget gate of {@code vigil budget} (SPEC §9): every selected SLO passes while its remaining budget
 * is at least its policy's {@code min_remaining} (default 0). An SLO with nothing measured in its window has spent
 * nothing and passes. Reads a running Vigil's {@code /api/v1/status} or the local history.
 */
public final class BudgetGate {
  private BudgetGate() {}

  /**
   * One SLO's verdict.
   *
   * @param remaining the share of the error budget left (negative when overspent); empty with no data
   * @param minRemaining the policy
   * @param passes whether {@code remaining ≥ minRemaining} (exact decimals), or nothing was measured
   */
  public record Line(String boundary, String slo, Optional<BigDecimal> remaining, BigDecimal minRemaining,
      boolean passes) {

    /** {@code checkout/availability: 42.10% of the error budget left (policy: at least 10%): ok}. */
    public String text() {
      return boundary + "/" + slo + ": " + remaining.map(r -> percent(r) + " of the error budget left")
          .orElse("nothing measured yet") + " (policy: at least " + percent(minRemaining) + "): "
          + (passes ? "ok" : "SPENT");
    }
  }

  /** {@code 42.1%}, at most two decimals, rounded toward −∞ so that a failing figure never reads as passing. */
  static String percent(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(2, RoundingMode.FLOOR).stripTrailingZeros().toPlainString() + "%";
  }

  /**
   * From local history: each SLO's window as of {@code now}, read from rollups of whole UTC hours (the window's
   * first partial hour left out, the current hour in as far as it has been persisted).
   *
   * @throws IllegalArgumentException when {@code boundary} or {@code slo} names nothing in the configuration
   */
  public static List<Line> fromHistory(HistoryReader history, VigilConfig config, String boundary, String slo,
      Instant now) {
    RollupReader rollups = new RollupReader(history);
    List<Line> out = new ArrayList<>();
    for (BoundaryConfig b : select(config, boundary, slo)) {
      for (SloConfig s : b.slos()) {
        if (slo != null && !s.name().equals(slo)) {
          continue;
        }
        Span elapsed = Window.of(s).elapsed(now);
        long hour = Resolution.HOUR.millis();
        long from = Math.floorDiv(elapsed.start().toEpochMilli() + hour - 1, hour) * hour;
        long to = Math.floorDiv(elapsed.end().toEpochMilli() + hour - 1, hour) * hour;
        Rollup r = rollups.boundary(history.boundaryId(b.name()),
            new Span(Instant.ofEpochMilli(from), Instant.ofEpochMilli(Math.max(from, to))));
        Optional<BigDecimal> remaining = ErrorBudget.of(s).status(s.sli().of(r)).map(BudgetStatus::remaining);
        out.add(new Line(b.name(), s.name(), remaining, s.minRemaining(), s.keepsPolicy(remaining)));
      }
    }
    return out;
  }

  private static List<BoundaryConfig> select(VigilConfig config, String boundary, String slo) {
    List<BoundaryConfig> out = new ArrayList<>();
    for (BoundaryConfig b : config.boundaries()) {
      if (boundary == null || b.name().equals(boundary)) {
        out.add(b);
      }
    }
    if (boundary != null && out.isEmpty()) {
      throw new IllegalArgumentException("no boundary named '" + boundary + "' in the configuration");
    }
    if (slo != null && out.stream().noneMatch(b -> b.slos().stream().anyMatch(s -> s.name().equals(slo)))) {
      throw new IllegalArgumentException("no SLO named '" + slo + "'" + (boundary == null ? "" : " in boundary '"
          + boundary + "'"));
    }
    return out;
  }

  /**
   * From a running Vigil's {@code /api/v1/status} (public boundaries only): each SLO's {@code budget.remaining}
   * and the exact verdict the service computed ({@code policy.met}).
   *
   * @throws IllegalArgumentException when {@code boundary} or {@code slo} names nothing in the answer
   * @throws IllegalStateException when the answer is not Vigil's status
   */
  public static List<Line> fromStatus(JsonNode status, String boundary, String slo) {
    JsonNode boundaries = status.path("boundaries");
    if (!boundaries.isArray()) {
      throw new IllegalStateException("the answer has no boundaries list: is this a Vigil /api/v1/status?");
    }
    List<Line> out = new ArrayList<>();
    boolean boundaryFound = false;
    for (JsonNode b : boundaries) {
      String name = b.path("name").asText();
      if (boundary != null && !name.equals(boundary)) {
        continue;
      }
      boundaryFound = true;
      for (JsonNode s : b.path("slos")) {
        if (slo != null && !s.path("name").asText().equals(slo)) {
          continue;
        }
        JsonNode remaining = s.path("budget").path("remaining");
        JsonNode policy = s.path("policy");
        if (!policy.has("min_remaining") || !policy.has("met")) {
          throw new IllegalStateException("SLO " + name + "/" + s.path("name").asText()
              + " has no policy in the answer: is this Vigil older than vigil budget?");
        }
        out.add(new Line(name, s.path("name").asText(),
            remaining.isNumber() ? Optional.of(remaining.decimalValue()) : Optional.empty(),
            policy.path("min_remaining").decimalValue(), policy.path("met").asBoolean(true)));
      }
    }
    if (boundary != null && !boundaryFound) {
      throw new IllegalArgumentException("no public boundary named '" + boundary + "' at that Vigil");
    }
    if (slo != null && out.isEmpty()) {
      throw new IllegalArgumentException("no SLO named '" + slo + "'" + (boundary == null ? "" : " in boundary '"
          + boundary + "'") + " at that Vigil");
    }
    return out;
  }
}
