package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One fixture per error under {@code config/invalid/}: the loader must report exactly that error, at
 * its line and column. Fixtures named {@code service-*} are service files; the others are probe files,
 * loaded through a service file that names them and declares the notifiers {@code oncall} and
 * {@code slack}.
 */
class ConfigLoaderInvalidTest {
  static final Path INVALID = Path.of("src/test/resources/config/invalid");

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      alert-after-failures-zero.yaml      | 7:38  | after_failures: must be at least 1, got 0
      alert-after-successes-text.yaml     | 7:39  | after_successes: expected a whole number, got 'few'
      alert-burn-rate-after-failures.yaml | 7:46  | after_failures: only down alerts count failures
      alert-burn-rate-unknown-slo.yaml    | 7:32  | slo: boundary 'shop-api' has no SLO named 'availabilty'; did
      alert-burn-rate-without-slo.yaml    | 7:9   | missing required key 'slo' in alert (a burn_rate alert
      alert-down-ticket.yaml              | 5:47  | notify: down alerts are pages; they never raise a ticket
      alert-notify-map-unknown-notifier.yaml | 7:80 | notify.ticket: no notifier named 'mail' in the service file
      alert-notify-severity-bad.yaml      | 7:71  | notify: unknown severity 'urgent' (expected page or ticket)
      alert-down-with-slo.yaml            | 7:22  | slo: only burn_rate alerts watch an SLO
      alert-for-bad.yaml                  | 7:51  | for: expected a duration like 10s, got 'soon'
      alert-kind-bad.yaml                 | 7:16  | kind: expected one of burn_rate, down; got 'flapping'
      alert-name-duplicate.yaml           | 8:9   | duplicate alert name 'down' in this boundary (first at line 7)
      alert-notify-twice.yaml             | 7:46  | notify: 'slack' is listed twice
      alert-repeat-too-often.yaml         | 7:36  | repeat_every: must be at least 1m, got '10s'
      alert-unknown-notifier.yaml         | 7:38  | notify: no notifier named 'pager' in the service file
      auth-both.yaml                      | 12:36 | basic: give either bearer or basic, not both
      auth-and-url-userinfo.yaml          | 12:13 | auth: the URL carries credentials (user:password@) already;
      auth-empty.yaml                     | 12:13 | auth: give bearer: TOKEN or basic: {user, password}
      bool-yes.yaml                       | 12:25 | follow_redirects: expected true or false, got 'yes'
      boundary-down-when-zero.yaml        | 4:16  | down_when: expected any, all, majority or a number N >= 1,
      boundary-duplicate.yaml             | 4:11  | name: duplicate boundary name 'shop-api' (also defined at
      depends-on-cycle.yaml               | 8:18  | depends_on: 'checkout' closes a dependency cycle: checkout → auth-api → users → checkout
      depends-on-self.yaml                | 5:28  | depends_on: boundary 'checkout' cannot depend on itself
      depends-on-twice.yaml               | 7:9   | depends_on: 'auth-api' is listed twice
      depends-on-unknown.yaml             | 5:18  | depends_on: no boundary named 'auth-apii' in any probe file; did you mean 'auth-api'?
      dns-min-over-max.yaml               | 13:45 | max_answers: must be at least min_answers (3), got 2
      dns-rcode-bad.yaml                  | 10:63 | rcode: expected a response code (NOERROR, FORMERR, SERVFAIL,
      dns-rcode-badvers.yaml              | 10:63 | rcode: expected a response code (NOERROR, FORMERR, SERVFAIL,
      dns-server-bad.yaml                 | 10:19 | server: expected host, host:port or [ipv6]:port (port
      dns-type-bad.yaml                   | 10:53 | type: expected one of A, AAAA, CNAME, MX, TXT, NS, SOA, SRV,
      duration-bad.yaml                   | 10:15 | interval: expected a duration like 10s, got 'abc'
      duration-overflow.yaml              | 10:15 | interval: expected a duration like 10s, got '9223372036854775807ns1ns'
      duration-interval-short.yaml        | 10:15 | interval: must be at least 100ms, got '50ms'
      duration-timeout-over-interval.yaml | 11:14 | timeout: must not exceed the interval (10s), got '20s'
      enum-bad-addresses.yaml             | 12:18 | addresses: expected one of first, all; got 'some'
      enum-bad.yaml                       | 9:11  | type: expected one of http, tcp, dns; got 'icmp'
      env-bad-name.yaml                   | 10:17 | '${1HOST}' is not a variable reference: a name is letters,
      env-unclosed.yaml                   | 10:17 | '${' is not closed by '}' (write $$ for a literal $)
      env-unset.yaml                      | 10:17 | environment variable MISSING_HOST is not set (write
      header-value-crlf.yaml              | 12:26 | headers.X-Trace: a header value cannot hold CR, LF or NUL
      header-name-bad.yaml                | 12:17 | headers: 'X Trace' is not a valid HTTP token (a header name)
      json-path-bad.yaml                  | 13:16 | json: expected a JSONPath starting with $, got 'status'
      key-missing.yaml                    | 10:11 | missing required key 'url' in http
      key-unknown-far.yaml                | 10:5  | unknown key 'colour' in probe (allowed: name, boundary,
      key-unknown-prefix.yaml             | 12:7  | unknown key 'follow' in http; did you mean 'follow_redirects'?
      key-unknown-typo.yaml               | 10:5  | unknown key 'intervl' in probe; did you mean 'interval'?
      maintenance-cron-bad.yaml           | 5:16  | cron: invalid cron expression '61 3 * * *' (five fields:
      maintenance-cron-never.yaml         | 5:16  | cron: cron expression '0 0 31 2 *' never fires
      maintenance-neither.yaml            | 5:9   | a maintenance window needs start (one-off) or cron (recurring)
      maintenance-no-duration.yaml        | 5:9   | missing required key 'duration' in maintenance window
      maintenance-start-and-cron.yaml     | 5:47  | cron: give either start (one-off) or cron (recurring), not
      maintenance-start-bad.yaml          | 5:17  | start: expected an ISO-8601 time with offset like
      probe-source-ip-name.yaml           | 5:62  | source_ip: expected an IPv4 or IPv6 address like 10.0.0.5 or
      probe-locations-bad.yaml            | 5:63  | locations: 'eu west' is not a valid name: use letters, digits,
      probe-boundary-unknown.yaml         | 8:15  | boundary: no boundary named 'shop-apii' in any probe file;
      probe-name-bad.yaml                 | 7:11  | name: 'shop users' is not a valid name: use letters, digits,
      probe-name-duplicate.yaml           | 12:11 | name: duplicate probe name 'users' (also defined at
      probe-section-mismatch.yaml         | 11:5  | http: this probe has type tcp; give only its tcp section
      probe-section-missing.yaml          | 7:5   | missing required key 'dns' in probe
      regex-bad.yaml                      | 13:30 | body_matches: invalid regex '(unclosed': Unclosed group near
      service-alerting-expire-zero.yaml   | 3:26  | expire_after: must be longer than 0, got '0s'
      service-demo-bad.yaml               | 3:7   | demo: expected true or false, got 'on'
      service-email-no-to.yaml            | 4:5   | missing required key 'to' in notifier
      service-email-starttls-bad.yaml     | 4:111 | starttls: expected one of required, optional, off; got 'maybe'
      service-email-to-bad.yaml           | 4:102 | to: expected an email address like ops@example.com, got 'not an
      service-glob-no-match.yaml          | 2:15  | probe_files: 'nothing-here/*.yaml' matches no file (globs are
      service-cluster-no-members.yaml     | 3:10  | missing required key 'members' in cluster
      service-cluster-detection-short.yaml | 3:71 | failure_detection: must be at least 2s, got '1500ms'
      service-histograms-bad.yaml         | 3:23  | histograms: expected one of probe, boundary; got 'label'
      service-listen-bad.yaml             | 2:9   | listen: expected host:port like 127.0.0.1:8080 or [::1]:8080,
      service-notifier-duplicate.yaml     | 5:12  | name: duplicate notifier name 'hook' (first at line 4)
      service-notifier-missing-key.yaml   | 4:5   | missing required key 'webhook_url' in notifier
      service-notifier-type-bad.yaml      | 4:24  | type: expected one of webhook, slack, pagerduty, opsgenie, email;
      service-notifier-wrong-key.yaml     | 4:73  | routing_key: not a key of slack notifiers (they take
      service-public-url-bad.yaml         | 3:13  | public_url: expected an absolute http:// or https:// URL, got
      service-retention-zero.yaml         | 3:18  | raw: must be longer than 0, got '0'
      service-server-per-client-zero.yaml | 3:38  | max_connections_per_client: must be at least 1, got 0
      service-storage-both.yaml           | 3:44  | postgres: give either sqlite or postgres, not both
      service-unknown-key.yaml            | 2:1   | unknown key 'listn' in the service file; did you mean
      size-bad.yaml                       | 12:17 | max_body: expected a size like 1MiB or 512KiB, got '1XB'
      slo-duplicate.yaml                  | 6:16  | name: duplicate SLO name 'availability' in this boundary
      slo-latency-without-threshold.yaml  | 5:9   | missing required key 'threshold' in slo (a latency SLO counts
      slo-threshold-on-requests.yaml      | 5:45  | threshold: only latency SLOs have a threshold
      slo-timezone-bad.yaml               | 5:73  | timezone: unknown time zone 'Mars/Olympus' (use a region like
      slo-window-bad.yaml                 | 5:66  | window: expected a duration like 30d, or month or quarter,
      status-bad.yaml                     | 12:30 | status: expected a status like 200, 200-299 or 2xx, got '6xx'
      status-empty.yaml                   | 12:24 | status: list at least one status
      status-reversed.yaml                | 12:24 | invalid_status: a status range lies within 100-599 and starts
      target-100.yaml                     | 5:53  | target: a target lies strictly between 0 and 100%, got '100%'
      target-text.yaml                    | 5:53  | target: expected a target like 99.9% or 0.999, got 'high'
      tcp-cert-without-tls.yaml           | 10:53 | cert_expires_after: checks the certificate, so it needs tls
      tcp-port-range.yaml                 | 10:27 | port: expected a port 1-65535, got '70000'
      tcp-step-both.yaml                  | 14:11 | a step is either send: TEXT or expect: REGEX
      tcp-steps-and-shorthand.yaml        | 14:14 | steps: give either send/expect or steps, not both
      tcp-tls-bad.yaml                    | 10:38 | tls: expected true, false or a map of TLS options, got 'maybe'
      tls-ca-not-pem.yaml                 | 12:22 | ca_file: not-a-certificate.pem holds no
      tls-ca-missing.yaml                 | 12:22 | ca_file: no such file 'certs/nowhere.pem' (relative paths
      tls-cert-without-key.yaml           | 12:26 | client_cert and client_key go together: give both or neither
      type-list-for-map.yaml              | 10:11 | http: expected a map, got a list
      type-map-for-list.yaml              | 4:11  | slos: expected a list, got a map
      type-map-for-scalar.yaml            | 10:15 | interval: expected a single value, got a map
      url-no-host.yaml                    | 10:17 | url: URL 'http:///health' has no valid host
      url-not-http.yaml                   | 10:17 | url: expected an absolute http:// or https:// URL, got
      yaml-duplicate-key.yaml             | 11:5  | duplicate key 'interval' (first at line 10)
      yaml-root-list.yaml                 | 2:1   | the probe file: expected a map, got a list
      yaml-syntax.yaml                    | 8:4   | invalid YAML: expected <block end>, but found '<block mapping
      yaml-two-documents.yaml             | 7:1   | a config file holds one YAML document; remove the second '---'
      yaml-undefined-alias.yaml           | 10:15 | alias *every names no anchor defined before it
      """)
  void reportsTheOneErrorAtItsPosition(String fixture, String position, String fragment) throws IOException {
    Path file = INVALID.resolve(fixture);

    List<ConfigError> errors = errors(file);

    assertThat(errors).as(errors.toString()).hasSize(1);
    ConfigError error = errors.get(0);
    assertThat(error.file()).isEqualTo(isServiceFile(file) ? file : file.toAbsolutePath());
    assertThat(error.line() + ":" + error.column()).isEqualTo(position);
    assertThat(error.message()).contains(fragment);
  }

  @Test
  void everyInvalidFixtureIsInTheTable() throws IOException, NoSuchMethodException {
    String table = String.join("\n", ConfigLoaderInvalidTest.class
        .getDeclaredMethod("reportsTheOneErrorAtItsPosition", String.class, String.class, String.class)
        .getAnnotation(CsvSource.class).textBlock().lines().map(l -> l.trim().split(" ")[0]).toList());
    try (Stream<Path> files = Files.list(INVALID)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")))
          .allSatisfy(name -> assertThat(table.lines()).contains(name));
    }
  }

  @Test
  void errorPrintsAsFileLineColumnMessage() throws IOException {
    Path file = INVALID.resolve("service-unknown-key.yaml");

    assertThat(errors(file).get(0).toString())
        .isEqualTo(file + ":2:1: unknown key 'listn' in the service file; did you mean 'listen'?");
  }

  private static boolean isServiceFile(Path fixture) {
    return fixture.getFileName().toString().startsWith("service-");
  }

  private List<ConfigError> errors(Path fixture) throws IOException {
    Path service = fixture;
    if (!isServiceFile(fixture)) {
      service = tmp.resolve("vigil.yaml");
      Files.writeString(service, "probe_files: ['" + fixture.toAbsolutePath() + "']\n"
          + "notifiers:\n"
          + "  - {name: oncall, type: pagerduty, routing_key: pd-key-123}\n"
          + "  - {name: slack, type: slack, webhook_url: \"https://hooks.slack.com/services/x\"}\n");
    }
    Path loaded = service;
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(loaded, Map.of("HOST", "shop.example.com")));
    assertThat(e).as("loading " + fixture + " must fail").isNotNull();
    return e.errors();
  }
}
