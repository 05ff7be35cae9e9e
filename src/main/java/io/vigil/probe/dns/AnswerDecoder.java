package io.vigil.probe.dns;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRecordType;
import io.vigil.config.DnsSpec.RecordType;

/**
 * Decodes resource records for one probe: records of the asked type become {@link Decoded} records carrying
 * their {@code dig +short} text; records of other types are checked for framing and kept without data.
 * Unlike Netty's default decoder, a record cut off by the end of the message fails the whole message
 * instead of being dropped silently, so a truncated answer without the TC bit reads as malformed.
 * Stateless, so one instance serves every channel of the probe.
 */
final class AnswerDecoder implements DnsRecordDecoder {
  private static final int FIXED_FIELDS = 10; // type, class, TTL, data length

  private final RecordType asked;
  private final int askedCode;

  AnswerDecoder(RecordType asked, DnsRecordType wire) {
    this.asked = asked;
    this.askedCode = wire.intValue();
  }

  /**
   * A decoded record.
   *
   * @param text presentation of its data, or {@code null} for records of a type other than the asked one
   */
  record Decoded(String name, DnsRecordType type, int dnsClass, long timeToLive, String text)
      implements DnsRecord {}

  @Override
  public DnsQuestion decodeQuestion(ByteBuf in) throws Exception {
    return DEFAULT.decodeQuestion(in);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends DnsRecord> T decodeRecord(ByteBuf in) {
    int end = in.writerIndex();
    StringBuilder owner = new StringBuilder(32);
    int pos = Rdata.name(in, in.readerIndex(), end, owner);
    if (end - pos < FIXED_FIELDS) {
      throw new CorruptedFrameException("record cut off after its name");
    }
    int type = in.getUnsignedShort(pos);
    int dnsClass = in.getUnsignedShort(pos + 2);
    long ttl = in.getUnsignedInt(pos + 4);
    int length = in.getUnsignedShort(pos + 8);
    int data = pos + FIXED_FIELDS;
    if (end - data < length) {
      throw new CorruptedFrameException("record data cut off: " + length + " bytes announced, "
          + (end - data) + " left");
    }
    String text = type == askedCode ? Rdata.render(asked, in, data, length) : null;
    in.readerIndex(data + length);
    return (T) new Decoded(owner.toString(), DnsRecordType.valueOf(type), dnsClass, ttl, text);
  }
}
