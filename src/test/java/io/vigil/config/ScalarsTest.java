package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScalarsTest {

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "10s, PT10S", "5m, PT5M", "1h, PT1H", "30d, PT720H", "1h30m, PT1H30M",
      "1.5s, PT1.5S", "0, PT0S", "2w, PT336H"})
  void durationsParse(String text, Duration expected) {
    assertThat(Scalars.duration(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "10", "10 s", "-5s", "5y"})
  void durationsRejectWhatIsNoDuration(String text) {
    assertThatThrownBy(() -> Scalars.duration(text)).hasMessage("expected a duration like 10s, got '" + text + "'");
  }

  @Test
  void positiveDurationsRejectZero() {
    assertThatThrownBy(() -> Scalars.positiveDuration("0s")).hasMessageContaining("longer than 0");
  }

  @ParameterizedTest
  @CsvSource({"1MiB, 1048576", "64KiB, 65536", "10MB, 10000000", "512, 512", "1GiB, 1073741824", "1.5KiB, 1536"})
  void sizesParse(String text, long expected) {
    assertThat(Scalars.size(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1XB", "0", "MiB", "", "-1MiB"})
  void sizesRejectWhatIsNoPositiveSize(String text) {
    assertThatThrownBy(() -> Scalars.size(text)).hasMessageStartingWith("expected a size like 1MiB");
  }

  @ParameterizedTest
  @CsvSource({"99.95%, 0.9995", "0.9995, 0.9995", "99.999%, 0.99999", "90%, 0.9", "99.9 %, 0.999",
      "0.5, 0.5", "0.0001%, 0.000001"})
  void targetsAreExactRatios(String text, String expected) {
    BigDecimal target = Scalars.target(text);

    assertThat(target).isEqualTo(new BigDecimal(expected));
    assertThat(target.toPlainString()).isEqualTo(expected);
  }

  @Test
  void percentAndRatioSpellingsGiveTheSameTarget() {
    assertThat(Scalars.target("99.95%")).isEqualTo(Scalars.target("0.9995"));
    assertThat(BigDecimal.ONE.subtract(Scalars.target("99.95%"))).isEqualTo(new BigDecimal("0.0005"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"100%", "0%", "0", "1", "1.0", "-5%", "150%", "1.5"})
  void targetsLieStrictlyBetweenZeroAndOne(String text) {
    assertThatThrownBy(() -> Scalars.target(text)).hasMessageContaining("strictly between 0 and 100%");
  }

  @ParameterizedTest
  @ValueSource(strings = {"high", "%", "99,9%", ""})
  void targetsMustBeNumbers(String text) {
    assertThatThrownBy(() -> Scalars.target(text)).hasMessageStartingWith("expected a target like 99.9%");
  }

  @ParameterizedTest
  @CsvSource({"200, 200, 200", "200-299, 200, 299", "200 - 204, 200, 204", "2xx, 200, 299", "5XX, 500, 599",
      "599, 599, 599"})
  void statusesParse(String text, int from, int to) {
    assertThat(Scalars.status(text)).isEqualTo(new StatusRange(from, to));
  }

  @ParameterizedTest
  @ValueSource(strings = {"600", "99", "299-200", "6xx", "ok", "2xx-3xx", "20"})
  void statusesOutsideHttpAreRejected(String text) {
    assertThatThrownBy(() -> Scalars.status(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void booleansAreStrict() {
    assertThat(Scalars.bool("true")).isTrue();
    assertThat(Scalars.bool("false")).isFalse();
    for (String text : List.of("yes", "no", "on", "off", "True", "1", "")) {
      assertThatThrownBy(() -> Scalars.bool(text)).hasMessage("expected true or false, got '" + text + "'");
    }
  }

  @Test
  void portsRunFromOneTo65535() {
    assertThat(Scalars.port("1")).isEqualTo(1);
    assertThat(Scalars.port("65535")).isEqualTo(65535);
    for (String text : List.of("0", "65536", "-1", "http", "99999999999")) {
      assertThatThrownBy(() -> Scalars.port(text)).hasMessage("expected a port 1-65535, got '" + text + "'");
    }
  }

  @ParameterizedTest
  @CsvSource({"1.1.1.1, 1.1.1.1:53", "1.1.1.1:5353, 1.1.1.1:5353", "dns.example.com, dns.example.com:53",
      "'[::1]:53', '[::1]:53'", "::1, '[::1]:53'", "'[2001:db8::1]', '[2001:db8::1]:53'"})
  void dnsServersNormalise(String text, String expected) {
    assertThat(Scalars.hostPort(text, 53)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "", ":8080", "[::1", "host:port", "a b:80"})
  void listenAddressesNeedHostAndPort(String text) {
    assertThatThrownBy(() -> Scalars.hostPort(text, 0)).hasMessageStartingWith("expected host:port");
  }

  @Test
  void enumsAreCaseInsensitiveAndListTheAllowedValues() {
    assertThat(Scalars.choice(ProbeType.class).convert("HTTP")).isEqualTo(ProbeType.HTTP);
    assertThat(Scalars.choice(ProbeType.class).convert("Dns")).isEqualTo(ProbeType.DNS);
    assertThatThrownBy(() -> Scalars.choice(ProbeType.class).convert("icmp"))
        .hasMessage("expected one of http, tcp, dns; got 'icmp'");
  }

  @Test
  void windowsAreRollingDurationsOrCalendarPeriods() {
    assertThat(Scalars.window("30d")).isEqualTo(SloConfig.SloWindow.rolling(Duration.ofDays(30)));
    assertThat(Scalars.window("Month")).isEqualTo(SloConfig.SloWindow.MONTH);
    assertThat(Scalars.window("quarter")).isEqualTo(SloConfig.SloWindow.QUARTER);
    assertThatThrownBy(() -> Scalars.window("0s")).hasMessageContaining("month or quarter");
    assertThatThrownBy(() -> Scalars.window("year")).hasMessageContaining("month or quarter");
  }

  @Test
  void cronExpressionsHaveFiveValidFields() {
    assertThat(Scalars.cron("0 3 * * SUN")).isEqualTo("0 3 * * SUN");
    assertThat(Scalars.cron("*/15 8-18 * * 1-5")).isEqualTo("*/15 8-18 * * 1-5");
    assertThatThrownBy(() -> Scalars.cron("0 3 * *")).hasMessageStartingWith("invalid cron expression");
    assertThatThrownBy(() -> Scalars.cron("0 25 * * *")).hasMessageStartingWith("invalid cron expression");
    assertThatThrownBy(() -> Scalars.cron("0 0 3 * * *")).hasMessageStartingWith("invalid cron expression");
  }

  @Test
  void urlsAreAbsoluteHttpWithAHost() {
    assertThat(Scalars.httpUrl("https://shop.example.com/users/42")).isEqualTo("https://shop.example.com/users/42");
    assertThat(Scalars.httpUrl("HTTP://[::1]:8080/")).isEqualTo("HTTP://[::1]:8080/");
    assertThatThrownBy(() -> Scalars.httpUrl("/health")).hasMessageStartingWith("expected an absolute");
    assertThatThrownBy(() -> Scalars.httpUrl("ftp://x/")).hasMessageStartingWith("expected an absolute");
    assertThatThrownBy(() -> Scalars.httpUrl("https://exa mple.com/")).hasMessageStartingWith("expected an absolute");
  }

  @Test
  void suggestionsFindCloseKeysAndPrefixes() {
    List<String> keys = List.of("interval", "timeout", "follow_redirects", "max_redirects");

    assertThat(Scalars.suggestion("intervl", keys)).isEqualTo("interval");
    assertThat(Scalars.suggestion("Timeout", keys)).isEqualTo("timeout");
    assertThat(Scalars.suggestion("follow", keys)).isEqualTo("follow_redirects");
    assertThat(Scalars.suggestion("max_redirect", keys)).isEqualTo("max_redirects");
    assertThat(Scalars.suggestion("colour", keys)).isNull();
    assertThat(Scalars.suggestion("in", keys)).isNull();
  }
}
