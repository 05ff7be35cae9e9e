package io.vigil.probe;

import java.util.List;

/**
 * What a DNS query returned.
 *
 * @param rcode response code name ({@code NOERROR}, {@code NXDOMAIN}, ...), empty when no answer arrived
 * @param answers answer-section records of the asked type, in presentation form as {@code dig +short} prints them
 * @param truncated whether the UDP answer had the TC bit set
 * @param transport {@code udp} or {@code tcp}: what finally carried the answer
 */
public record DnsFacts(String rcode, List<String> answers, boolean truncated, String transport) {}
