package io.vigil.probe.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.channel.ConnectTimeoutException;
import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Connect and resolve errors map to one reason; the prober's own network failing is invalid. */
class FailuresTest {
  static Stream<Arguments> connectErrors() {
    return Stream.of(
        arguments(new ConnectException("Connection refused: /10.0.0.1:80"), Outcome.BAD, Reason.CONNECT,
            "connection refused by 10.0.0.1:80"),
        arguments(new NoRouteToHostException("No route to host"), Outcome.BAD, Reason.CONNECT,
            "no route to 10.0.0.1:80"),
        arguments(new ConnectException("Connection timed out"), Outcome.BAD, Reason.CONNECT,
            "cannot connect to 10.0.0.1:80: Connection timed out"),
        arguments(new ConnectTimeoutException("connection timed out: /10.0.0.1:80"), Outcome.BAD, Reason.TIMEOUT,
            "connect to 10.0.0.1:80 timed out"),
        arguments(new SocketException("Network is unreachable: /10.0.0.1:80"), Outcome.INVALID,
            Reason.PROBER_NETWORK, "prober network: Network is unreachable: /10.0.0.1:80"),
        arguments(new SocketException("Cannot assign requested address"), Outcome.INVALID, Reason.PROBER_NETWORK,
            "prober network: Cannot assign requested address"),
        arguments(new BindException("Permission denied"), Outcome.INVALID, Reason.PROBER_NETWORK,
            "prober network: Permission denied"),
        arguments(new IOException("connect failed", new SocketException("Network is unreachable")), Outcome.INVALID,
            Reason.PROBER_NETWORK, "prober network: Network is unreachable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connectErrors")
  void connectErrorsAreClassified(Throwable error, Outcome outcome, Reason reason, String message) {
    Failure f = Failures.connect("10.0.0.1:80", error);
    assertThat(f).isEqualTo(new Failure(outcome, reason, message));
  }

  @Test
  void resolveErrorsAreDnsUnlessTheProberIsOffline() {
    assertThat(Failures.resolve("shop.example", new UnknownHostException("shop.example: NXDOMAIN")))
        .isEqualTo(Failure.bad(Reason.DNS, "cannot resolve shop.example: shop.example: NXDOMAIN"));
    assertThat(Failures.resolve("shop.example", new SocketException("Network is unreachable")).outcome())
        .isEqualTo(Outcome.INVALID);
  }

  @Test
  void escapedTextShowsControlCharactersAndIsCut() {
    assertThat(Display.escaped("a\r\n\t\u0001\u007fb\\", 100)).isEqualTo("a\\r\\n\\t\\x01\\x7fb\\\\");
    assertThat(Display.escaped("abcdef", 3)).isEqualTo("abc…");
    assertThat(Display.escaped("abc", 3)).isEqualTo("abc");
  }

  @Test
  void endpointsShowIpv6InBrackets() throws Exception {
    assertThat(Display.endpoint(new InetSocketAddress(InetAddress.getByName("::1"), 8080)))
        .isEqualTo("[::1]:8080");
    assertThat(Display.endpoint(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80)))
        .isEqualTo("127.0.0.1:80");
  }
}
