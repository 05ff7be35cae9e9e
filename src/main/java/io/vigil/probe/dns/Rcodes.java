package io.vigil.probe.dns;

/** Response code names as dig prints them ({@code NOERROR}, {@code NXDOMAIN}, ...). */
final class Rcodes {
  private static final java.util.List<String> NAMES = io.vigil.config.DnsSpec.RCODES;

  private Rcodes() {}

  /** The name of {@code code}; codes without a name read {@code RCODE16}. */
  static String name(int code) {
    return code >= 0 && code < NAMES.size() ? NAMES.get(code) : "RCODE" + code;
  }
}
