package io.vigil.probe;

import java.util.Locale;

/** The fixed set of reasons a run is bad or invalid (SPEC §1). Every non-good result names exactly one. */
public enum Reason {
  DNS, CONNECT, TLS, CERT, TIMEOUT, STATUS, BODY, HEADER, JSON, DURATION, RCODE, ANSWER, EXPECT, PROTOCOL,
  TOO_LARGE,
  /** Invalid: the prober itself could not reach the network, so the run says nothing about the service. */
  PROBER_NETWORK;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** Lower-case name used in metrics, JSON and storage ({@code too_large}, {@code prober_network}). */
  public String label() {
    return label;
  }

  public static Reason fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
