package io.vigil.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One probe: what to run, how often, and which boundary it exercises. Exactly one of {@code http},
 * {@code tcp}, {@code dns} is set, matching {@code type}.
 *
 * @param name unique across all probe files
 * @param boundary the boundary it belongs to (must exist)
 * @param title display name; the name when not given
 * @param type protocol
 * @param interval time between planned starts
 * @param timeout hard limit for one run; at most the interval
 * @param labels extra labels for the status page and API (not added to metrics)
 * @param http HTTP spec, or {@code null}
 * @param tcp TCP spec, or {@code null}
 * @param dns DNS spec, or {@code null}
 * @param source file:line where the probe was declared, for messages
 * @param role {@link Role#MEMBER} (counts for its boundary), or a canary or experiment that is measured and
 *     shown beside the boundary's other probes but never counts in its SLIs, state, budgets, incidents or alerts
 * @param locations the locations it runs in (once per interval in each); empty: every location
 * @param sourceIp local address its connections are bound to, or {@code null} for the system's choice
 */
public record ProbeConfig(
    String name,
    String boundary,
    String title,
    ProbeType type,
    Duration interval,
    Duration timeout,
    Map<String, String> labels,
    HttpSpec http,
    TcpSpec tcp,
    DnsSpec dns,
    String source,
    Role role,
    List<String> locations,
    InetAddress sourceIp) {

  /** What a probe's runs count for (SPEC §9 {@code role}). */
  public enum Role {
    /** The default: the probe's runs make the boundary's SLIs, state and alerts. */
    MEMBER,
    /** Exercises a canary deployment: shown with its SLI against the rest, never counted. */
    CANARY,
    /** Tries something out (a new check, a new location): shown, never counted. */
    EXPERIMENT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ProbeConfig {
    role = role == null ? Role.MEMBER : role;
    locations = locations == null ? List.of() : List.copyOf(locations);
  }

  /** A probe that runs in every location from the system's own source address. */
  public ProbeConfig(String name, String boundary, String title, ProbeType type, Duration interval, Duration timeout,
      Map<String, String> labels, HttpSpec http, TcpSpec tcp, DnsSpec dns, String source, Role role) {
    this(name, boundary, title, type, interval, timeout, labels, http, tcp, dns, source, role, List.of(), null);
  }

  /** A member probe (no {@code role} given). */
  public ProbeConfig(String name, String boundary, String title, ProbeType type, Duration interval, Duration timeout,
      Map<String, String> labels, HttpSpec http, TcpSpec tcp, DnsSpec dns, String source) {
    this(name, boundary, title, type, interval, timeout, labels, http, tcp, dns, source, Role.MEMBER);
  }

  /** The local end its connections bind to ({@code source_ip}, any port), or {@code null} for the system's choice. */
  public InetSocketAddress localAddress() {
    return sourceIp == null ? null : new InetSocketAddress(sourceIp, 0);
  }

  /** Whether the probe runs at {@code location}: its {@code locations} name it, or it has none. */
  public boolean runsAt(String location) {
    return locations.isEmpty() || locations.contains(location);
  }

  /** Whether the probe's runs count for its boundary (SLIs, state, budgets, incidents, alerts). */
  public boolean counts() {
    return role == Role.MEMBER;
  }

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Whether {@code other} describes the same measurement, so history carries over a reload. The
   * source position and title are presentation and do not count.
   */
  public boolean sameDefinition(ProbeConfig other) {
    return other != null && definitionKey().equals(other.definitionKey());
  }

  /**
   * The probe's identity: everything that decides what a run does, with secrets (header values, bearer token,
   * password) as digests so a rotated credential is a change while the key itself reveals nothing. The one
   * place that says what "the same probe" means.
   */
  public String definitionKey() {
    StringBuilder k = new StringBuilder()
        .append(name).append('|').append(boundary).append('|').append(type).append('|')
        .append(interval).append('|').append(timeout).append('|')
        .append(http).append('|').append(tcp).append('|').append(dns);
    if (sourceIp != null) {
      k.append("|source_ip=").append(sourceIp.getHostAddress());
    }
    if (http != null) {
      http.headers().forEach((h, v) -> k.append("|header:").append(h).append('=').append(v.fingerprint()));
      k.append("|bearer=").append(http.auth().bearer().fingerprint())
          .append("|password=").append(http.auth().password().fingerprint());
    }
    return k.toString();
  }
}
