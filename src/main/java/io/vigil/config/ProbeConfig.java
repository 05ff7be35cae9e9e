package io.vigil.config;

import java.time.Duration;
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
    Role role) {

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
  }

  /** A member probe (no {@code role} given). */
  public ProbeConfig(String name, String boundary, String title, ProbeType type, Duration interval, Duration timeout,
      Map<String, String> labels, HttpSpec http, TcpSpec tcp, DnsSpec dns, String source) {
    this(name, boundary, title, type, interval, timeout, labels, http, tcp, dns, source, Role.MEMBER);
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
    if (http != null) {
      http.headers().forEach((h, v) -> k.append("|header:").append(h).append('=').append(v.fingerprint()));
      k.append("|bearer=").append(http.auth().bearer().fingerprint())
          .append("|password=").append(http.auth().password().fingerprint());
    }
    return k.toString();
  }
}
