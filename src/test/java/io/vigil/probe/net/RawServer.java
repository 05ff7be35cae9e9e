package io.vigil.probe.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain blocking TCP server on a loopback port for misbehaving targets: garbage, stalls, resets. Each
 * connection runs its handler on its own daemon thread; {@link #close()} closes the listener and every
 * accepted socket, which ends the handlers.
 */
public final class RawServer implements AutoCloseable {
  /** What to do with one accepted connection. */
  public interface Handler {
    void handle(Socket socket) throws Exception;
  }

  private final ServerSocket server;
  private final List<Socket> accepted = new ArrayList<>();

  private RawServer(ServerSocket server) {
    this.server = server;
  }

  public static RawServer start(Handler handler) {
    return start(InetAddress.getLoopbackAddress(), handler);
  }

  public static RawServer start(InetAddress bind, Handler handler) {
    try {
      ServerSocket server = new ServerSocket();
      server.bind(new InetSocketAddress(bind, 0));
      RawServer raw = new RawServer(server);
      Thread acceptor = new Thread(() -> raw.acceptLoop(handler), "raw-server-" + server.getLocalPort());
      acceptor.setDaemon(true);
      acceptor.start();
      return raw;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void acceptLoop(Handler handler) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (accepted) {
          accepted.add(s);
        }
        Thread t = new Thread(() -> {
          try (s) {
            handler.handle(s);
          } catch (Exception ignored) {
            // the client went away or the test closed the server
          }
        }, "raw-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Reads a request head up to the blank line (at most 64 KiB); what was read, possibly cut short. */
  public static String readHead(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (head.size() < 65536) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Blocks until the peer closes (read returns -1) or the socket fails; bounded by {@code timeoutMillis}. */
  public static boolean awaitPeerClose(Socket s, int timeoutMillis) throws IOException {
    s.setSoTimeout(timeoutMillis);
    try {
      InputStream in = s.getInputStream();
      byte[] sink = new byte[4096];
      while (in.read(sink) >= 0) {
        // discard until end of stream
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  /** Closes with a TCP reset instead of a FIN. */
  public static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    synchronized (accepted) {
      for (Socket s : accepted) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }
}
