package io.vigil.probe;

import java.util.Locale;

/**
 * The timed phases of a run. HTTP uses all five; TCP uses resolve, connect, tls and processing (send/expect
 * exchange); DNS uses resolve (when the server is given by name), connect (TCP transport only) and
 * processing (query sent until the answer is decoded).
 */
public enum Phase {
  /** Name resolution of the target host. */
  RESOLVE,
  /** TCP connect (SYN until established). */
  CONNECT,
  /** TLS handshake. */
  TLS,
  /** Request fully written until the first response byte (server think time). */
  PROCESSING,
  /** First response byte until the last byte read. */
  TRANSFER;

  private static final Phase[] ALL = values();
  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }

  public static Phase[] all() {
    return ALL;
  }
}
