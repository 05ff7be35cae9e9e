package io.vigil.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A TCP probe: connect, optionally TLS, then optional send/expect steps in order.
 *
 * @param host host name or IP literal
 * @param port port
 * @param tls TLS options ({@link TlsSpec#OFF} for plain TCP)
 * @param steps exchange after connecting; the shorthand {@code send:}/{@code expect:} becomes one or two steps
 * @param certExpiresAfter with TLS: the earliest certificate expiry must lie at least this far ahead
 * @param ipProtocol preferred address family
 * @param ipProtocolFallback whether the other family may be used
 */
public record TcpSpec(
    String host,
    int port,
    TlsSpec tls,
    List<Step> steps,
    Duration certExpiresAfter,
    IpProtocol ipProtocol,
    boolean ipProtocolFallback) {

  /**
   * One step: send bytes, or read until a regex matches what was received so far.
   *
   * @param send text to write (escapes such as {@code \r\n} already decoded), {@code null} for an expect step
   * @param expect regex the received text must match (searched, not anchored), {@code null} for a send step
   */
  public record Step(String send, Pattern expect) {
    public static Step send(String text) {
      return new Step(text, null);
    }

    public static Step expect(Pattern regex) {
      return new Step(null, regex);
    }

    public boolean isSend() {
      return send != null;
    }
  }
}
