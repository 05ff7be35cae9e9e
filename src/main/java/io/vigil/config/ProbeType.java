package io.vigil.config;

import java.util.Locale;

/** The protocols Vigil probes. The only place that switches on it is {@code Probes.create}. */
public enum ProbeType {
  HTTP, TCP, DNS;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }
}
