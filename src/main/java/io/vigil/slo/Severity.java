package io.vigil.slo;

import java.util.Locale;

/** How urgent a burn-rate alert is: a page wakes someone; a ticket waits for working hours. */
public enum Severity {
  PAGE,
  TICKET;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** Lower-case name for labels and messages ({@code page}, {@code ticket}). */
  public String label() {
    return label;
  }
}
