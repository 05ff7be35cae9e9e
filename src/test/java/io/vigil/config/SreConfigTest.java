package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SRE-practice keys of SPEC §9: bound from the every-key fixture, bad values reported at their position. */
class SreConfigTest {
  @TempDir Path dir;

  @Test
  void ownerIsBound() throws ConfigException {
    VigilConfig c = ConfigLoaderValidTest.load("every-key/config/vigil.yaml", ConfigLoaderValidTest.EVERY_KEY_ENV);

    assertThat(c.boundary("checkout").owner()).isEqualTo(new Owner("payments", "@kim", "@lee", "payments-oncall",
        "https://wiki.example.com/runbooks/checkout", "#payments"));
    assertThat(c.boundary("internal").owner()).isEqualTo(Owner.NONE);
  }

  @Test
  void latencyBandsAreBoundWithSpecDefaults() throws ConfigException {
    VigilConfig c = ConfigLoaderValidTest.load("every-key/config/vigil.yaml", ConfigLoaderValidTest.EVERY_KEY_ENV);

    assertThat(c.boundary("checkout").latencyBands()).isEqualTo(new LatencyBandsConfig(Duration.ofMillis(250),
        Duration.ofSeconds(1)));
    assertThat(c.boundary("internal").latencyBands()).isEqualTo(new LatencyBandsConfig(Duration.ofMillis(400),
        Duration.ofMillis(800)));
  }

  @Test
  void dependenciesAreBound() throws ConfigException {
    VigilConfig c = ConfigLoaderValidTest.load("every-key/config/vigil.yaml", ConfigLoaderValidTest.EVERY_KEY_ENV);

    assertThat(c.boundary("checkout").dependsOn()).containsExactly("internal");
    assertThat(c.boundary("internal").dependsOn()).isEmpty();
  }

  @Test
  void notifyIsRoutedBySeverityOrGoesEverywhereAsAList() throws ConfigException {
    VigilConfig c = ConfigLoaderValidTest.load("every-key/config/vigil.yaml", ConfigLoaderValidTest.EVERY_KEY_ENV);
    AlertConfig routed = c.boundary("checkout").alerts().get(2);
    AlertConfig listed = c.boundary("checkout").alerts().get(0);

    assertThat(routed.notifiers("page")).containsExactly("pager", "chat");
    assertThat(routed.notifiers("ticket")).containsExactly("chat");
    assertThat(listed.notifiers("page")).containsExactly("pager", "chat");
    assertThat(listed.notifiers("ticket")).containsExactly("pager", "chat");
    assertThat(new AlertConfig("a", AlertConfig.Kind.BURN_RATE, "s", List.of(), 3, 2, Duration.ZERO, null, true,
        Map.of("page", List.of("pager"))).notifiers("ticket")).as("a severity the map leaves out goes nowhere")
        .isEmpty();
  }

  @Test
  void budgetPolicyIsBound() throws ConfigException {
    VigilConfig c = ConfigLoaderValidTest.load("every-key/config/vigil.yaml", ConfigLoaderValidTest.EVERY_KEY_ENV);

    assertThat(c.boundary("checkout").slos().get(0).minRemaining()).isEqualByComparingTo("0.1");
    assertThat(c.boundary("checkout").slos().get(1).minRemaining()).isEqualByComparingTo("0");
  }

  /** remaining | min_remaining | kept: the gate passes at equality, exactly, and with nothing measured. */
  @ParameterizedTest(name = "remaining {0} with policy {1}: {2}")
  @CsvSource({"0.1, 0.1, true", "0.0999999999, 0.1, false", "0.5, 0.1, true", "0, 0, true", "-0.000001, 0, false",
      "'', 0.1, true", "1, 1, true"})
  void thePolicyIsKeptAtLeastAtItsMinimum(String remaining, String min, boolean kept) {
    SloConfig slo = new SloConfig("s", SloConfig.Sli.REQUESTS, new BigDecimal("0.999"),
        SloConfig.SloWindow.rolling(Duration.ofDays(30)), java.time.ZoneOffset.UTC, new BigDecimal(min));
    Optional<BigDecimal> r = remaining == null || remaining.isEmpty() ? Optional.empty()
        : Optional.of(new BigDecimal(remaining));
    assertThat(slo.keepsPolicy(r)).isEqualTo(kept);
  }

  @Test
  void roleIsBound() throws ConfigException {
    VigilConfig c = ConfigLoaderValidTest.load("every-key/config/vigil.yaml", ConfigLoaderValidTest.EVERY_KEY_ENV);

    assertThat(c.probe("plain-http").role()).isEqualTo(ProbeConfig.Role.CANARY);
    assertThat(c.probe("plain-http").counts()).isFalse();
    assertThat(c.probe("api-health").role()).isEqualTo(ProbeConfig.Role.MEMBER);
  }

  /** Loads one boundary entry and one probe entry (YAML flow maps) and returns the errors as text. */
  String errors(String boundary, String probe) throws Exception {
    Files.writeString(dir.resolve("vigil.yaml"), "probe_files: [p.yaml]\nstorage: {sqlite: v.db}\n");
    Files.writeString(dir.resolve("p.yaml"), "boundaries:\n  - " + boundary + "\nprobes:\n  - " + probe + "\n");
    ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of()),
        ConfigException.class);
    return e == null ? "" : e.errors().get(0).line() + ":" + e.errors().get(0).column() + " "
        + e.errors().get(0).message();
  }

  static final String PROBE = "{name: p, boundary: b, type: tcp, tcp: {host: 127.0.0.1, port: 1}}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      "{name: b, owner: {team: t, runbook: wiki/checkout}}"     | 2:41 | runbook: expected an absolute http:// or https:// URL
      "{name: b, owner: {team: t, pager: x}}"                   | 2:32 | unknown key 'pager' in owner
      "{name: b, latency_bands: {fast: 800ms, slow: 400ms}}"    | 2:50 | slow: must be longer than fast (800ms), got 400ms
      "{name: b, latency_bands: {fast: 1s}}"                    | 2:37 | fast: must be shorter than slow (800ms by default), got 1s
      "{name: b, slos: [{name: a, sli: requests, target: 99%, window: 30d, policy: {min_remaining: 120%}}]}" | 2:97 | min_remaining: a share of the error budget lies between 0 and 100%, got '120%'
      "{name: b, latency_bands: {fast: soon}}"                  | 2:37 | fast: expected a duration like 10s, got 'soon'
      """)
  void badBoundaryKeysArePositioned(String boundary, String where, String message) throws Exception {
    assertThat(errors(boundary, PROBE)).startsWith(where + " " + message);
  }

  @Test
  void anUnknownRoleIsPositioned() throws Exception {
    assertThat(errors("{name: b}", "{name: p, boundary: b, role: shadow, type: tcp, tcp: {host: 127.0.0.1, port: 1}}"))
        .isEqualTo("4:34 role: expected one of member, canary, experiment; got 'shadow'");
  }
}
