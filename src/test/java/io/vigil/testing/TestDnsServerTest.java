package io.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fixture itself, checked with plain sockets and hand-written queries. */
class TestDnsServerTest {
  private static final int TYPE_MX = 15;
  private static final int TC = 0x0200;

  private TestDnsServer dns;

  @BeforeEach
  void start() throws InterruptedException {
    dns = TestDnsServer.start();
    dns.name("mx.vigil.test").mx(10, "mail.vigil.test").truncateOverUdp();
    dns.name("plain.vigil.test").mx(10, "mail.vigil.test");
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  @Test
  void compressesNamesInRecordDataUnlessTurnedOff() throws Exception {
    byte[] compressed = udp(query(0x1234, "plain.vigil.test", TYPE_MX));
    dns.compression(false);
    byte[] full = udp(query(0x1234, "plain.vigil.test", TYPE_MX));

    // the MX exchange "mail.vigil.test." points at "vigil.test." inside the question (offset 18)
    assertThat(indexOf(compressed, new byte[] {4, 'm', 'a', 'i', 'l', (byte) 0xc0, 18})).isPositive();
    assertThat(indexOf(full, "\u0004mail\u0005vigil\u0004test\u0000".getBytes(StandardCharsets.ISO_8859_1)))
        .isPositive();
    assertThat(full.length).isGreaterThan(compressed.length);
  }

  @Test
  void truncatesOverUdpButAnswersInFullOverTcp() throws Exception {
    byte[] overUdp = udp(query(7, "mx.vigil.test", TYPE_MX));
    byte[] overTcp = tcp(query(7, "mx.vigil.test", TYPE_MX));

    assertThat(flags(overUdp) & TC).isEqualTo(TC);
    assertThat(answerCount(overUdp)).isZero();
    assertThat(flags(overTcp) & TC).isZero();
    assertThat(answerCount(overTcp)).isEqualTo(1);
    assertThat(dns.queries()).extracting(TestDnsServer.Query::transport)
        .containsExactly(TestDnsServer.Transport.UDP, TestDnsServer.Transport.TCP);
  }

  @Test
  void unknownNameIsNxdomainAndWrongIdChangesTheId() throws Exception {
    byte[] unknown = udp(query(9, "nothing.vigil.test", TYPE_MX));
    dns.name("plain.vigil.test").wrongId();
    byte[] spoofed = udp(query(9, "plain.vigil.test", TYPE_MX));

    assertThat(flags(unknown) & 0xf).isEqualTo(3);
    assertThat(ByteBuffer.wrap(spoofed).getShort(0) & 0xffff).isNotEqualTo(9);
  }

  private static byte[] query(int id, String name, int type) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(id);
    out.writeShort(0x0100);
    out.writeShort(1);
    out.writeShort(0);
    out.writeShort(0);
    out.writeShort(0);
    for (String label : name.split("\\.")) {
      out.writeByte(label.length());
      out.writeBytes(label);
    }
    out.writeByte(0);
    out.writeShort(type);
    out.writeShort(1);
    return bytes.toByteArray();
  }

  private byte[] udp(byte[] query) throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5_000);
      socket.send(new DatagramPacket(query, query.length, dns.address()));
      DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
      socket.receive(answer);
      return Arrays.copyOf(answer.getData(), answer.getLength());
    }
  }

  private byte[] tcp(byte[] query) throws Exception {
    try (Socket socket = new Socket(dns.address().getAddress(), dns.port())) {
      socket.setSoTimeout(5_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      return answer;
    }
  }

  private static int flags(byte[] message) {
    return ByteBuffer.wrap(message).getShort(2) & 0xffff;
  }

  private static int answerCount(byte[] message) {
    return ByteBuffer.wrap(message).getShort(6) & 0xffff;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
