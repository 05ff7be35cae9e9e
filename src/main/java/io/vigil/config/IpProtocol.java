package io.vigil.config;

/**
 * Which address family to probe: {@code ip4}/{@code ip6} name the preferred family; with
 * {@code ip_protocol_fallback: false} the other family is never used.
 */
public enum IpProtocol {
  IP4, IP6
}
