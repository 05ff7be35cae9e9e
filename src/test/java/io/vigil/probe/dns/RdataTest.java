package io.vigil.probe.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import io.vigil.config.DnsSpec.RecordType;
import org.junit.jupiter.api.Test;

/** Name decoding on hand-made messages: pointers must lead strictly backwards, so no message can loop. */
class RdataTest {
  private static String name(ByteBuf msg, int at) {
    StringBuilder out = new StringBuilder();
    Rdata.name(msg, at, msg.writerIndex(), out);
    return out.toString();
  }

  @Test
  void followsChainsOfBackwardPointers() {
    // 0: "com."  5: "example" -> 0   15: "www" -> 5
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {
        3, 'c', 'o', 'm', 0,
        7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', (byte) 0xc0, 0,
        3, 'w', 'w', 'w', (byte) 0xc0, 5});

    assertThat(name(msg, 15)).isEqualTo("www.example.com.");
  }

  @Test
  void returnsThePositionAfterThePointerNotAfterItsTarget() {
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {3, 'c', 'o', 'm', 0, 1, 'a', (byte) 0xc0, 0, 42});

    assertThat(Rdata.name(msg, 5, msg.writerIndex(), new StringBuilder())).isEqualTo(9);
  }

  @Test
  void rejectsAPointerToItself() {
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {0, 0, (byte) 0xc0, 2});

    assertThatThrownBy(() -> name(msg, 2)).isInstanceOf(CorruptedFrameException.class).hasMessageContaining("pointer");
  }

  @Test
  void rejectsPointersThatWouldLoopBetweenTwoLabels() {
    // 0: "a" then pointer to 4; 4: "b" then pointer back to 0: each jump must go below the last target
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {1, 'a', (byte) 0xc0, 4, 1, 'b', (byte) 0xc0, 0});

    assertThatThrownBy(() -> name(msg, 4)).isInstanceOf(CorruptedFrameException.class);
  }

  @Test
  void rejectsNamesLongerThan255Bytes() {
    ByteBuf msg = Unpooled.buffer();
    for (int i = 0; i < 5; i++) {
      msg.writeByte(63).writeBytes(new byte[63]);
    }
    msg.writeByte(0);

    assertThatThrownBy(() -> name(msg, 0)).hasMessageContaining("255");
  }

  @Test
  void rejectsExtendedLabelTypes() {
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {0x41, 0});

    assertThatThrownBy(() -> name(msg, 0)).hasMessageContaining("label type");
  }

  @Test
  void rejectsALabelRunningPastItsRecord() {
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {5, 'a', 'b', 0});

    assertThatThrownBy(() -> Rdata.render(RecordType.CNAME, msg, 0, msg.writerIndex()))
        .hasMessageContaining("past the end");
  }

  @Test
  void rejectsATxtStringLongerThanItsRecord() {
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {10, 'a', 'b'});

    assertThatThrownBy(() -> Rdata.render(RecordType.TXT, msg, 0, 3)).isInstanceOf(CorruptedFrameException.class);
  }

  @Test
  void rejectsTrailingBytesAfterTheData() {
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {0, 10, 0, 1});

    assertThatThrownBy(() -> Rdata.render(RecordType.MX, msg, 0, 4)).hasMessageContaining("trailing");
  }

  @Test
  void rendersTheRootName() {
    ByteBuf msg = Unpooled.wrappedBuffer(new byte[] {0});

    assertThat(Rdata.render(RecordType.NS, msg, 0, 1)).isEqualTo(".");
  }
}
