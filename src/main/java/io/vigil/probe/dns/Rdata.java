package io.vigil.probe.dns;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.NetUtil;
import io.vigil.config.DnsSpec.RecordType;

/**
 * Renders wire-format record data in presentation form, as {@code dig +short} prints it. Reads from the
 * whole message buffer by absolute index (the message starts at index 0), so compression pointers inside
 * record data resolve against the message. Anything malformed throws {@link CorruptedFrameException}.
 */
final class Rdata {
  /** Longest name on the wire (RFC 1035 §2.3.4). */
  private static final int MAX_NAME = 255;

  private Rdata() {}

  /**
   * The presentation form of the record data at {@code [offset, offset + length)} of {@code msg}.
   *
   * @throws CorruptedFrameException when the data does not fit its type or names are malformed
   */
  static String render(RecordType type, ByteBuf msg, int offset, int length) {
    int end = offset + length;
    StringBuilder out = new StringBuilder(32);
    int pos = switch (type) {
      case A -> address(msg, offset, end, 4, out);
      case AAAA -> address(msg, offset, end, 16, out);
      case NS, CNAME, PTR -> name(msg, offset, end, out);
      case MX -> mx(msg, offset, end, out);
      case TXT -> characterStrings(msg, offset, end, out);
      case SOA -> soa(msg, offset, end, out);
      case SRV -> srv(msg, offset, end, out);
      case CAA -> caa(msg, offset, end, out);
    };
    if (pos != end) {
      throw new CorruptedFrameException(type.name() + " record has " + (end - pos) + " trailing bytes");
    }
    return out.toString();
  }

  private static StringBuilder sp(StringBuilder out) {
    return out.append(' ');
  }

  private static int address(ByteBuf msg, int pos, int end, int size, StringBuilder out) {
    if (end - pos != size) {
      throw new CorruptedFrameException("address record of " + (end - pos) + " bytes, expected " + size);
    }
    byte[] bytes = new byte[size];
    msg.getBytes(pos, bytes);
    if (size == 16 && isV4Mapped(bytes)) {
      out.append("::ffff:").append(NetUtil.bytesToIpAddress(bytes, 12, 4));
    } else {
      out.append(NetUtil.bytesToIpAddress(bytes));
    }
    return end;
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static int mx(ByteBuf msg, int pos, int end, StringBuilder out) {
    pos = number(msg, pos, end, 2, out);
    return name(msg, pos, end, sp(out));
  }

  private static int soa(ByteBuf msg, int pos, int end, StringBuilder out) {
    pos = name(msg, pos, end, out);
    pos = name(msg, pos, end, sp(out));
    for (int i = 0; i < 5; i++) {
      pos = number(msg, pos, end, 4, sp(out));
    }
    return pos;
  }

  private static int srv(ByteBuf msg, int pos, int end, StringBuilder out) {
    pos = number(msg, pos, end, 2, out);
    pos = number(msg, pos, end, 2, sp(out));
    pos = number(msg, pos, end, 2, sp(out));
    return name(msg, pos, end, sp(out));
  }

  private static int caa(ByteBuf msg, int pos, int end, StringBuilder out) {
    pos = number(msg, pos, end, 1, out);
    need(pos, 1, end, "CAA tag length");
    int tagLength = msg.getUnsignedByte(pos++);
    need(pos, tagLength, end, "CAA tag");
    out.append(' ');
    for (int i = 0; i < tagLength; i++) {
      out.append((char) msg.getUnsignedByte(pos + i));
    }
    out.append(' ');
    quoted(msg, pos + tagLength, end, out);
    return end;
  }

  private static int characterStrings(ByteBuf msg, int pos, int end, StringBuilder out) {
    if (pos == end) {
      out.append("\"\"");
    }
    while (pos < end) {
      int length = msg.getUnsignedByte(pos++);
      need(pos, length, end, "character-string");
      if (out.length() > 0) {
        out.append(' ');
      }
      quoted(msg, pos, pos + length, out);
      pos += length;
    }
    return pos;
  }

  /** Appends bytes as a quoted string: {@code "} and {@code \} escaped, unprintable bytes as {@code \DDD}. */
  private static void quoted(ByteBuf msg, int from, int to, StringBuilder out) {
    out.append('"');
    for (int i = from; i < to; i++) {
      int b = msg.getUnsignedByte(i);
      if (b == '"' || b == '\\') {
        out.append('\\').append((char) b);
      } else if (b < 0x20 || b > 0x7e) {
        decimalEscape(b, out);
      } else {
        out.append((char) b);
      }
    }
    out.append('"');
  }

  /** Appends an unsigned big-endian number of {@code size} bytes; returns the position after it. */
  private static int number(ByteBuf msg, int pos, int end, int size, StringBuilder out) {
    need(pos, size, end, "number");
    long value = switch (size) {
      case 1 -> msg.getUnsignedByte(pos);
      case 2 -> msg.getUnsignedShort(pos);
      default -> msg.getUnsignedInt(pos);
    };
    out.append(value);
    return pos + size;
  }

  /**
   * Appends the domain name at {@code pos} in presentation form (always ending with a dot) and returns
   * the position after its in-place part. The in-place part must end by {@code end}; compression pointers
   * may point anywhere earlier in the message, each strictly before the previous one, so decoding ends.
   */
  static int name(ByteBuf msg, int pos, int end, StringBuilder out) {
    int messageEnd = msg.writerIndex();
    int limit = end;
    int next = -1;
    int wireLength = 0;
    int labels = 0;
    int pointerLimit = pos;
    while (true) {
      need(pos, 1, limit, "name");
      int len = msg.getUnsignedByte(pos);
      if ((len & 0xc0) == 0xc0) {
        need(pos, 2, limit, "compression pointer");
        int target = msg.getUnsignedShort(pos) & 0x3fff;
        if (next < 0) {
          next = pos + 2;
        }
        if (target >= pointerLimit) {
          throw new CorruptedFrameException("compression pointer to " + target + " does not point backwards");
        }
        pointerLimit = target;
        pos = target;
        limit = messageEnd;
        continue;
      }
      if ((len & 0xc0) != 0) {
        throw new CorruptedFrameException("unsupported label type " + Integer.toHexString(len));
      }
      wireLength += len + 1;
      if (wireLength > MAX_NAME) {
        throw new CorruptedFrameException("name longer than " + MAX_NAME + " bytes");
      }
      if (len == 0) {
        if (labels == 0) {
          out.append('.');
        }
        return next < 0 ? pos + 1 : next;
      }
      need(pos + 1, len, limit, "label");
      label(msg, pos + 1, len, out);
      out.append('.');
      labels++;
      pos += 1 + len;
    }
  }

  private static void label(ByteBuf msg, int from, int length, StringBuilder out) {
    for (int i = from; i < from + length; i++) {
      int b = msg.getUnsignedByte(i);
      switch (b) {
        case '.', ';', '\\', '"', '(', ')', '@', '$' -> out.append('\\').append((char) b);
        default -> {
          if (b <= 0x20 || b > 0x7e) {
            decimalEscape(b, out);
          } else {
            out.append((char) b);
          }
        }
      }
    }
  }

  private static void decimalEscape(int b, StringBuilder out) {
    out.append('\\');
    if (b < 100) {
      out.append('0');
    }
    if (b < 10) {
      out.append('0');
    }
    out.append(b);
  }

  private static void need(int pos, int count, int end, String what) {
    if (count > end - pos) {
      throw new CorruptedFrameException(what + " runs past the end of its data");
    }
  }
}
