package io.vigil.probe.net;

import io.netty.util.NetUtil;
import io.vigil.config.Durations;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/** How addresses and received text appear in result messages and checks. */
public final class Display {
  private Display() {}

  /** {@code 127.0.0.1:8080} or {@code [::1]:8080}. */
  public static String endpoint(InetSocketAddress remote) {
    return NetUtil.toSocketAddressString(remote);
  }

  /** {@code 127.0.0.1} or {@code ::1}. */
  public static String address(InetAddress address) {
    return NetUtil.toAddressString(address);
  }

  /** {@code 1500ms}, {@code 5s}. */
  public static String duration(Duration d) {
    return Durations.format(d);
  }

  /** Nanoseconds as whole milliseconds: {@code 312ms}. */
  public static String millis(long nanos) {
    return Math.round(nanos / 1e6) + "ms";
  }

  /**
   * Text fit for a one-line message: control characters escaped ({@code \r}, {@code \n}, {@code \t},
   * {@code \x01}) and cut after {@code max} characters with a trailing ellipsis.
   */
  public static String escaped(CharSequence text, int max) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (sb.length() >= max) {
        return sb.append('…').toString();
      }
      char c = text.charAt(i);
      switch (c) {
        case '\r' -> sb.append("\\r");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
