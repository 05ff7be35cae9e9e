package io.vigil.probe.tcp;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vigil.config.ProbeConfig;
import io.vigil.config.TcpSpec;
import io.vigil.probe.LoopStalls;
import io.vigil.probe.Probe;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.net.Dialer;
import io.vigil.probe.tls.TlsClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Probes a TCP service: resolve, connect, optionally a TLS handshake, then the configured steps in order on a
 * fresh connection that is always closed at the end. A {@code send} step writes its text as UTF-8; an
 * {@code expect} step reads until its regex is found in the text received since the previous match.
 *
 * <p>A run is good when the connection (and handshake) succeeds and every expect step matches within the
 * timeout; with no steps, connecting is enough. It is bad with reason {@code dns}, {@code connect},
 * {@code tls}, {@code cert}, {@code expect} (the connection closed before a match, or the deadline passed with
 * text received but no match), {@code timeout} (nothing received when the deadline passed) or
 * {@code too_large} (over 1 MiB received without a match); invalid with {@code prober_network}.
 */
public final class TcpProbe implements Probe {
  final String name;
  final Clock clock;
  final LoopStalls stalls;
  final Duration timeout;
  final TcpSpec spec;
  /** The target host without IPv6 brackets. */
  final String host;
  final Dialer dialer;
  /** The TLS client, or {@code null} for plain TCP. */
  final TlsClient tls;

  /**
   * Prepares the probe. With TLS it reads the TLS files and trust store, so build probes off the event loop.
   *
   * @throws IllegalArgumentException when a TLS file is unusable
   */
  public TcpProbe(ProbeConfig config, ProbeRuntime runtime) {
    this.name = config.name();
    this.clock = runtime.clock();
    this.stalls = runtime.stalls();
    this.timeout = config.timeout();
    this.spec = config.tcp();
    String h = spec.host();
    this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    this.dialer = new Dialer(config, runtime, spec.ipProtocol(), spec.ipProtocolFallback());
    this.tls = spec.tls() != null && spec.tls().enabled() ? TlsClient.create(spec.tls()) : null;
  }

  @Override
  public Future<ProbeResult> run(EventLoop loop) {
    return new TcpRun(this, loop).start();
  }
}
