package io.vigil.slo;

import java.math.BigDecimal;

/**
 * Where an SLO stands on its budget.
 *
 * @param sli the measured SLI (request ratio or time availability)
 * @param consumed share of the budget spent; above 1 when overspent
 * @param remaining {@code 1 − consumed}; negative when overspent
 * @param met whether {@code sli ≥ target}
 */
public record BudgetStatus(BigDecimal sli, BigDecimal consumed, BigDecimal remaining, boolean met) {}
