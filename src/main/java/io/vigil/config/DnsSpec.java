package io.vigil.config;

import java.util.regex.Pattern;

/**
 * A DNS probe: one query to one server.
 *
 * @param server host:port of the server ({@code 1.1.1.1:53}, {@code [::1]:53}); port defaults to 53
 * @param name the name queried
 * @param type record type: A, AAAA, CNAME, MX, TXT, NS, SOA, SRV, PTR, CAA
 * @param transport UDP (falls back to TCP when the answer is truncated) or TCP
 * @param recursionDesired the RD flag
 * @param expect assertions on the answer
 */
public record DnsSpec(String server, String name, RecordType type, Transport transport, boolean recursionDesired,
    DnsExpect expect) {
  /**
   * The response codes a probe can see, indexed by their value (the header's four bits, RFC 1035 and 2136).
   * The one list both the binder ({@code rcode:} values) and the judge (names of received codes) use, so a
   * name that can never be received (an EDNS extended code such as BADVERS) is refused by {@code vigil check}.
   */
  public static final java.util.List<String> RCODES = java.util.List.of("NOERROR", "FORMERR", "SERVFAIL",
      "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE");


  public enum Transport { UDP, TCP }

  public enum RecordType { A, AAAA, CNAME, MX, TXT, NS, SOA, SRV, PTR, CAA }

  /**
   * Assertions; a {@code null} pattern asserts nothing.
   *
   * @param rcode expected response code name; NOERROR by default
   * @param answersMatch at least one answer must match (searched)
   * @param answersMatchAll every answer must match (and there must be at least one)
   * @param answersNotMatch no answer may match
   * @param minAnswers fewest answers of the asked type (default 1 when rcode is NOERROR, else 0)
   * @param maxAnswers most answers, or -1 for no limit
   */
  public record DnsExpect(String rcode, Pattern answersMatch, Pattern answersMatchAll, Pattern answersNotMatch,
      int minAnswers, int maxAnswers) {
    public static final DnsExpect DEFAULT = new DnsExpect("NOERROR", null, null, null, 1, -1);
  }
}
