package io.vigil.probe.dns;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vigil.config.DnsSpec;
import io.vigil.config.DnsSpec.DnsExpect;
import io.vigil.config.Durations;
import io.vigil.config.ProbeConfig;
import io.vigil.probe.Probe;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.Reason;
import io.vigil.probe.RegexBudget;
import io.vigil.probe.RunRecorder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sends one DNS query per run to the configured server and judges the answer.
 *
 * <p>The query goes over UDP, and again over TCP when the UDP answer is truncated (TC bit); with
 * {@code transport: tcp} it goes over TCP only. Answers whose ID or question differ from the query are
 * ignored, as resolvers ignore them. The run is <em>good</em> when a matching answer arrives within the
 * timeout, its rcode is the expected one and every answer assertion holds. It is <em>bad</em> with reason
 * {@code dns} (the server's own name did not resolve), {@code connect} (refused, port unreachable),
 * {@code timeout} (no answer in time), {@code protocol} (a malformed answer, or only mismatched answers
 * until the deadline), {@code rcode} or {@code answer}; <em>invalid</em> with {@code prober_network} when
 * the prober has no route. Phases: resolve (server name), connect (TCP only), processing (query sent until
 * the answer is decoded); a phase cut short by a failure counts up to that moment.
 *
 * <p>A server given by name is resolved on every run through the runtime's resolver, IPv4 preferred with
 * IPv6 as fallback, and the first address is queried. The question, the decoder, a literal server address
 * and the patterns are built once here; a run allocates only its channel and query.
 */
public final class DnsProbe implements Probe {
  final String name;
  final ProbeRuntime runtime;
  final long timeoutNanos;
  final String timeoutText;
  final String serverHost;
  final int serverPort;
  /** The server when given as an IP literal, else {@code null} (its name is resolved per run). */
  final InetSocketAddress literalServer;
  /** {@code source_ip}: the local end of the query's socket, or {@code null}. */
  final InetSocketAddress localAddress;
  final boolean tcpOnly;
  final boolean recursionDesired;
  final DnsQuestion question;
  final AnswerDecoder decoder;

  private final String expectedRcode;
  private final Pattern answersMatch;
  private final Pattern answersMatchAll;
  private final Pattern answersNotMatch;
  private final int minAnswers;
  private final int maxAnswers;

  public DnsProbe(ProbeConfig config, ProbeRuntime runtime) {
    DnsSpec spec = config.dns();
    localAddress = config.localAddress();
    this.name = config.name();
    this.runtime = runtime;
    this.timeoutNanos = config.timeout().toNanos();
    this.timeoutText = Durations.format(config.timeout());
    HostPort server = HostPort.parse(spec.server(), 53);
    this.serverHost = server.host();
    this.serverPort = server.port();
    this.literalServer = literal(server);
    this.tcpOnly = spec.transport() == DnsSpec.Transport.TCP;
    this.recursionDesired = spec.recursionDesired();
    DnsRecordType wire = DnsRecordType.valueOf(spec.type().name());
    this.question = new DefaultDnsQuestion(spec.name(), wire);
    this.decoder = new AnswerDecoder(spec.type(), wire);
    DnsExpect expect = spec.expect() == null ? DnsExpect.DEFAULT : spec.expect();
    this.expectedRcode = expect.rcode() == null ? "NOERROR" : expect.rcode().toUpperCase(Locale.ROOT);
    this.answersMatch = expect.answersMatch();
    this.answersMatchAll = expect.answersMatchAll();
    this.answersNotMatch = expect.answersNotMatch();
    this.minAnswers = expect.minAnswers();
    this.maxAnswers = expect.maxAnswers();
  }

  @Override
  public Future<ProbeResult> run(EventLoop loop) {
    return new DnsRun(this, new RunRecorder(name, runtime.clock()), loop).start();
  }

  /**
   * Records the assertions on an answer that arrived: rcode first, then the answers of the asked type. The
   * patterns share one {@link RegexBudget}; a search that gives up fails its check.
   */
  void judge(RunRecorder rec, String rcode, List<String> answers) {
    RegexBudget budget = RegexBudget.forText(answers.stream().mapToLong(String::length).sum());
    boolean rcodeOk = rcode.equals(expectedRcode);
    rec.check("rcode", rcodeOk, rcodeOk ? rcode : rcode + ", expected " + expectedRcode, Reason.RCODE);
    int n = answers.size();
    boolean countOk = n >= minAnswers && (maxAnswers < 0 || n <= maxAnswers);
    rec.check("answers", countOk, n + (n == 1 ? " answer" : " answers") + (countOk ? "" : ", expected " + range()),
        Reason.ANSWER);
    if (answersMatch != null) {
      String hit = firstMatching(answers, answersMatch, true, budget);
      rec.check("answers_match", hit != null, budget.exhausted() ? gaveUp(answersMatch)
          : hit != null ? quote(hit) + " matches " + show(answersMatch)
          : "no answer matches " + show(answersMatch) + " in " + answers, Reason.ANSWER);
    }
    if (answersMatchAll != null) {
      String miss = firstMatching(answers, answersMatchAll, false, budget);
      String detail = budget.exhausted() ? gaveUp(answersMatchAll)
          : n == 0 ? "no answers to match " + show(answersMatchAll)
          : miss != null ? quote(miss) + " does not match " + show(answersMatchAll)
          : "all " + n + " match " + show(answersMatchAll);
      rec.check("answers_match_all", n > 0 && miss == null && !budget.exhausted(), detail, Reason.ANSWER);
    }
    if (answersNotMatch != null) {
      String hit = firstMatching(answers, answersNotMatch, true, budget);
      boolean exhausted = budget.exhausted();
      rec.check("answers_not_match", hit == null && !exhausted, exhausted ? gaveUp(answersNotMatch)
          : hit == null ? "no answer matches " + show(answersNotMatch)
          : quote(hit) + " matches " + show(answersNotMatch), Reason.ANSWER);
    }
  }

  private static String gaveUp(Pattern p) {
    return show(p) + " " + RegexBudget.GAVE_UP;
  }

  private String range() {
    if (maxAnswers < 0) {
      return "at least " + minAnswers;
    }
    if (minAnswers == maxAnswers) {
      return "exactly " + minAnswers;
    }
    return minAnswers <= 0 ? "at most " + maxAnswers : minAnswers + " to " + maxAnswers;
  }

  /** The first answer that matches (or, with {@code matching} false, does not match) the pattern. */
  private static String firstMatching(List<String> answers, Pattern pattern, boolean matching, RegexBudget budget) {
    for (String a : answers) {
      boolean found = budget.find(pattern, a) != null;
      if (budget.exhausted()) {
        return null;
      }
      if (found == matching) {
        return a;
      }
    }
    return null;
  }

  private static String show(Pattern p) {
    return "/" + p.pattern() + "/";
  }

  private static String quote(String answer) {
    return "'" + answer + "'";
  }

  private static InetSocketAddress literal(HostPort server) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(server.host());
    if (bytes == null) {
      return null;
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), server.port());
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** A server as written in config: {@code host:port}, {@code [v6]:port}, or a host alone. */
  record HostPort(String host, int port) {
    static HostPort parse(String text, int defaultPort) {
      String s = text.trim();
      if (s.startsWith("[")) {
        int close = s.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("'" + text + "' has no closing ']'");
        }
        String rest = s.substring(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        return new HostPort(s.substring(1, close), rest.isEmpty() ? defaultPort : port(rest.substring(1), text));
      }
      int colon = s.indexOf(':');
      if (colon < 0 || s.indexOf(':', colon + 1) >= 0) { // a host alone, or a bare IPv6 literal
        return new HostPort(s, defaultPort);
      }
      return new HostPort(s.substring(0, colon), port(s.substring(colon + 1), text));
    }

    private static int port(String digits, String text) {
      try {
        int port = Integer.parseInt(digits);
        if (port > 0 && port < 65536) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("'" + text + "' has no valid port");
    }
  }
}
