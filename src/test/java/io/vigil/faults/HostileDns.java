package io.vigil.faults;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;

/**
 * A DNS server on a loopback UDP port that misbehaves in one way for every query. It has no TCP listener, so
 * a client that falls back to TCP is refused. One daemon thread; {@link #close()} ends it.
 */
final class HostileDns implements AutoCloseable {
  /** How every query is answered. */
  enum Mode {
    /** Bytes that are no DNS message. */
    GARBAGE,
    /** A correct answer cut off in the middle of its answer record, as a datagram truncated on the way. */
    CUT_SHORT,
    /** A correct answer under another message ID. */
    WRONG_ID,
    /** No answer at all. */
    SILENT,
    /** An empty answer with the TC bit set, so the client must ask again over TCP (refused here). */
    TRUNCATED_FLAG
  }

  private final DatagramSocket socket;
  private final Mode mode;

  private HostileDns(DatagramSocket socket, Mode mode) {
    this.socket = socket;
    this.mode = mode;
  }

  static HostileDns start(Mode mode) {
    try {
      DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      HostileDns dns = new HostileDns(socket, mode);
      Thread t = new Thread(dns::serve, "hostile-dns-" + mode);
      t.setDaemon(true);
      t.start();
      return dns;
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
  }

  String hostPort() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket query = new DatagramPacket(buf, buf.length);
        socket.receive(query);
        byte[] answer = answer(Arrays.copyOf(query.getData(), query.getLength()));
        if (answer != null) {
          socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  private byte[] answer(byte[] q) {
    if (q.length < 12) {
      return null;
    }
    int questionEnd = 12;
    while (questionEnd < q.length && q[questionEnd] != 0) {
      questionEnd += (q[questionEnd] & 0xff) + 1;
    }
    questionEnd += 5; // the root label, QTYPE and QCLASS
    if (questionEnd > q.length) {
      return null;
    }
    switch (mode) {
      case SILENT:
        return null;
      case GARBAGE:
        return new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x00, 0x13, 0x37};
      default:
        break;
    }
    boolean tc = mode == Mode.TRUNCATED_FLAG;
    byte[] record = {(byte) 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, (byte) 192, 0, 2, 1};
    byte[] out = new byte[questionEnd + (tc ? 0 : record.length)];
    System.arraycopy(q, 0, out, 0, questionEnd);
    if (mode == Mode.WRONG_ID) {
      out[1] ^= 0x5a;
    }
    out[2] = (byte) (0x84 | (tc ? 0x02 : 0) | (q[2] & 0x01)); // QR, AA, TC, RD echoed
    out[3] = 0; // RA off, NOERROR
    out[4] = 0;
    out[5] = 1; // one question
    out[6] = 0;
    out[7] = (byte) (tc ? 0 : 1); // one answer
    Arrays.fill(out, 8, 12, (byte) 0);
    if (!tc) {
      System.arraycopy(record, 0, out, questionEnd, record.length);
    }
    return mode == Mode.CUT_SHORT ? Arrays.copyOf(out, questionEnd + 7) : out;
  }

  @Override
  public void close() {
    socket.close();
  }
}
