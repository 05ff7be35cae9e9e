package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil check} reports every mistake in alert rules at its file, line and column, and exits 2. */
class CheckAlertRulesTest {
  @TempDir
  Path dir;

  @Test
  void everyAlertRuleErrorIsPrintedWithItsPosition() throws Exception {
    Path service = dir.resolve("vigil.yaml");
    Files.writeString(service, """
        probe_files: [shop.yaml]
        notifiers:
          - {name: oncall, type: webhook, url: "http://127.0.0.1:9/alerts"}
        alerting: {expire_after: 0}
        """);
    Path probes = dir.resolve("shop.yaml");
    Files.writeString(probes, """
        boundaries:
          - name: shop
            slos:
              - {name: availability, sli: requests, target: 99.9%, window: 30d}
            alerts:
              - {kind: burn_rate, slo: availabilty, notify: [oncall]}
              - {kind: down, name: down-1, notify: [pager]}
              - {kind: down, name: down-2, after_failures: 0, after_successes: -1, notify: oncall}
              - {kind: down, name: down-3, for: 1 minute, repeat_every: 30s, notify: [oncall, oncall]}
        """);
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Vigil());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));

    int code = cli.execute("check", "--config", service.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly(
        service + ":4:26: expire_after: must be longer than 0, got '0'",
        probes + ":6:32: slo: boundary 'shop' has no SLO named 'availabilty'; did you mean 'availability'?",
        probes + ":7:45: notify: no notifier named 'pager' in the service file",
        probes + ":8:52: after_failures: must be at least 1, got 0",
        probes + ":8:72: after_successes: must be at least 1, got -1",
        probes + ":9:41: for: expected a duration like 10s, got '1 minute'",
        probes + ":9:65: repeat_every: must be at least 1m, got '30s'",
        probes + ":9:87: notify: 'oncall' is listed twice",
        "8 errors");
  }
}
