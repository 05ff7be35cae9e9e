package io.vigil.probe.net;

import io.netty.channel.ConnectTimeoutException;
import io.vigil.probe.Reason;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns the exceptions of name resolution and connecting into {@link Failure}s. A failure of the prober's own
 * network (no route to any network, no usable local address) is {@link Reason#PROBER_NETWORK} and invalid: the
 * run says nothing about the service.
 */
public final class Failures {
  private Failures() {}

  /** Name resolution of {@code host} failed. */
  public static Failure resolve(String host, Throwable cause) {
    Failure own = proberNetwork(cause);
    return own != null ? own : Failure.bad(Reason.DNS, "cannot resolve " + host + ": " + describe(cause));
  }

  /** Connecting to {@code remote} ({@code 127.0.0.1:8080}) failed. */
  public static Failure connect(String remote, Throwable cause) {
    Failure own = proberNetwork(cause);
    if (own != null) {
      return own;
    }
    if (find(cause, ConnectTimeoutException.class) != null) {
      return Failure.bad(Reason.TIMEOUT, "connect to " + remote + " timed out");
    }
    if (find(cause, ConnectException.class) != null && mentions(cause, "refused")) {
      return Failure.bad(Reason.CONNECT, "connection refused by " + remote);
    }
    if (isReset(cause)) {
      return Failure.bad(Reason.CONNECT, "connection reset by " + remote);
    }
    if (find(cause, NoRouteToHostException.class) != null) {
      return Failure.bad(Reason.CONNECT, "no route to " + remote);
    }
    return Failure.bad(Reason.CONNECT, "cannot connect to " + remote + ": " + describe(cause));
  }

  /**
   * The prober's own network failed: the local network is unreachable ({@code ENETUNREACH}) or no local address
   * can be bound ({@code EADDRNOTAVAIL}). {@code null} when the cause lies elsewhere.
   */
  public static Failure proberNetwork(Throwable cause) {
    if (isProberNetwork(cause)) {
      return Failure.invalid(Reason.PROBER_NETWORK, "prober network: " + describe(cause));
    }
    return null;
  }

  /**
   * Whether {@code cause} is the prober's own network failing, the one test every protocol uses: no route out
   * ({@code ENETUNREACH}), no local address to bind ({@code EADDRNOTAVAIL}, a {@code source_ip} the host lacks),
   * or an address family the host does not have.
   */
  public static boolean isProberNetwork(Throwable cause) {
    return mentions(cause, "network is unreachable") || mentions(cause, "cannot assign requested address")
        || mentions(cause, "protocol family unavailable") || mentions(cause, "address family not supported")
        || find(cause, BindException.class) != null;
  }

  /** Whether the peer reset the connection (a TCP RST: {@code ECONNRESET}). */
  public static boolean isReset(Throwable cause) {
    return mentions(cause, "connection reset");
  }

  /** Whether a TLS error is anywhere in the cause chain. */
  public static boolean isTls(Throwable cause) {
    return find(cause, SSLException.class) != null;
  }

  /** The first throwable in the cause chain of the given type, or {@code null}. */
  public static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /**
   * The most specific message in the cause chain (at most 200 characters, control characters escaped), or the
   * exception's simple name when none has one.
   */
  public static String describe(Throwable t) {
    String message = null;
    Throwable last = t;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      last = t;
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    if (message != null) {
      return Display.escaped(message, 200);
    }
    return last == null ? "unknown error" : last.getClass().getSimpleName();
  }

  private static boolean mentions(Throwable t, String text) {
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.toLowerCase(Locale.ROOT).contains(text)) {
        return true;
      }
    }
    return false;
  }
}
