package io.vigil.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder whose link can be cut and restored, to make a real database unreachable for a while.
 * Cutting closes every forwarded connection and the listening port (new connections are refused); restoring
 * listens on the same port again.
 */
final class TcpCut implements AutoCloseable {
  private final String host;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private int port;

  TcpCut(String host, int targetPort) throws IOException {
    this.host = host;
    this.targetPort = targetPort;
    listen(0);
  }

  int port() {
    return port;
  }

  private void listen(int on) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on));
    port = s.getLocalPort();
    server = s;
    Thread t = new Thread(() -> accept(s), "tcp-cut-accept");
    t.setDaemon(true);
    t.start();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket in = s.accept();
        Socket out = new Socket(host, targetPort);
        sockets.add(in);
        sockets.add(out);
        pipe(in, out);
        pipe(out, in);
      } catch (IOException e) {
        return; // closed by cut()
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
        for (int n; (n = i.read(buf)) >= 0; ) {
          o.write(buf, 0, n);
        }
      } catch (IOException ignored) {
        // cut or closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-cut-pipe");
    t.setDaemon(true);
    t.start();
  }

  void cut() {
    closeQuietly(server);
    sockets.forEach(TcpCut::closeQuietly);
    sockets.clear();
  }

  void restore() throws IOException {
    listen(port);
  }

  @Override
  public void close() {
    cut();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // already closed
    }
  }
}
