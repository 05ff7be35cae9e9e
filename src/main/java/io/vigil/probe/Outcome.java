package io.vigil.probe;

import java.util.Locale;

/** What one probe run says about the service. */
public enum Outcome {
  /** The run measured the service and every assertion held. */
  GOOD,
  /** The run measured the service and something failed; the result names one {@link Reason}. */
  BAD,
  /** The run could not have measured the service (e.g. the prober's own network); excluded from SLIs. */
  INVALID;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** Lower-case name used in metrics, JSON and storage. */
  public String label() {
    return label;
  }
}
