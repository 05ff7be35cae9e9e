package io.vigil.cli;

import io.vigil.config.ProbeConfig;
import io.vigil.probe.Check;
import io.vigil.probe.Phase;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.TlsFacts;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Prints one result for humans: target, outcome and reason, phases, assertions, TLS and DNS facts. */
final class ResultPrinter {
  private final PrintWriter out;
  private final UnaryOperator<String> redact;

  ResultPrinter(PrintWriter out, UnaryOperator<String> redact) {
    this.out = out;
    this.redact = redact;
  }

  void print(ProbeConfig probe, ProbeResult r) {
    line("probe", probe.name() + " (" + probe.type().label() + ", boundary " + probe.boundary() + ")");
    line("target", redact.apply(target(probe)) + (r.address().isEmpty() ? "" : "  ->  " + r.address()));
    String verdict = r.outcome().name() + (r.reason() == null ? "" : "  reason=" + r.reason().label());
    line("result", verdict);
    if (!r.message().isEmpty()) {
      line("why", redact.apply(r.message()));
    }
    line("took", ms(r.durationNanos()));
    StringBuilder phases = new StringBuilder();
    for (Phase p : Phase.all()) {
      if (r.phases().has(p)) {
        phases.append(phases.isEmpty() ? "" : " | ").append(p.label()).append(' ').append(ms(r.phases().nanos(p)));
      }
    }
    if (!phases.isEmpty()) {
      line("phases", phases.toString());
    }
    if (r.httpStatus() > 0) {
      line("status", r.httpStatus() + (r.redirects() > 0 ? "  (after " + r.redirects() + " redirects)" : ""));
    }
    if (r.tls() != null) {
      TlsFacts t = r.tls();
      line("tls", t.protocol() + " " + t.cipher());
      line("cert", t.leafSubject() + "  issued by " + t.leafIssuer());
      line("expires", t.earliestExpiry() + " (" + t.daysLeft(Instant.now()) + " days left)  chain "
          + (t.chainVerified() ? "verified" : "NOT verified" + (t.verifyError().isEmpty() ? "" : ": " + t.verifyError())));
    }
    if (r.dns() != null) {
      line("dns", r.dns().rcode() + " via " + r.dns().transport() + (r.dns().truncated() ? " (UDP answer truncated)" : ""));
      for (String a : r.dns().answers()) {
        line("answer", a);
      }
    }
    if (!r.checks().isEmpty()) {
      out.println("checks");
      for (Check c : r.checks()) {
        out.printf("  %-4s  %s: %s%n", c.passed() ? "ok" : "FAIL", c.name(), redact.apply(c.detail()));
      }
    }
    out.flush();
  }

  private static String target(ProbeConfig p) {
    return switch (p.type()) {
      case HTTP -> p.http().method() + " " + p.http().url();
      case TCP -> p.tcp().host() + ":" + p.tcp().port() + (p.tcp().tls().enabled() ? " (TLS)" : "");
      case DNS -> p.dns().name() + " " + p.dns().type() + " @" + p.dns().server() + " over "
          + p.dns().transport().name().toLowerCase(Locale.ROOT);
    };
  }

  private void line(String key, String value) {
    out.printf("%-8s %s%n", key, value);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
