package io.vigil.probe.dns;

/** Response code names as dig prints them ({@code NOERROR}, {@code NXDOMAIN}, ...). */
final class Rcodes {
  private static final String[] NAMES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
      "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"};

  private Rcodes() {}

  /** The name of {@code code}; codes without a name read {@code RCODE16}. */
  static String name(int code) {
    return code >= 0 && code < NAMES.length ? NAMES[code] : "RCODE" + code;
  }
}
