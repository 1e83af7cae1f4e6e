package io.quarry.cid;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.HexFormat;

/**
 * Unsigned LEB128 varints as multiformats uses them: at most 9 bytes (63 bits), minimal encoding
 * only (no trailing zero groups).
 */
public final class Varint {
  /** Longest encoding multiformats allows: 9 bytes of 7 bits = 63 bits. */
  public static final int MAX_BYTES = 9;

  private Varint() {}

  /** A decoded value and the number of bytes its encoding took. */
  public record Decoded(long value, int length) {}

  /** Number of bytes {@code value} takes when encoded. */
  public static int size(long value) {
    checkEncodable(value);
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  public static byte[] encode(long value) {
    byte[] out = new byte[size(value)];
    write(value, out, 0);
    return out;
  }

  /** Writes {@code value} at {@code offset} and returns the offset just after it. */
  public static int write(long value, byte[] out, int offset) {
    checkEncodable(value);
    while ((value & ~0x7FL) != 0) {
      out[offset++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[offset++] = (byte) value;
    return offset;
  }

  /**
   * Decodes the varint starting at {@code offset}, reading no byte at or after {@code end}.
   *
   * @throws QuarryException MALFORMED_INPUT if the varint is truncated, longer than 9 bytes or not
   *     minimally encoded
   */
  public static Decoded decode(byte[] bytes, int offset, int end) {
    try {
      return read(bytes, offset, end);
    } catch (Malformed e) {
      // A varint is at most 9 bytes: show those (and say if more follow), never a whole block.
      int shown = Math.min(end, offset + MAX_BYTES + 1);
      throw new QuarryException(
          ErrorCode.MALFORMED_INPUT,
          "Malformed varint at byte "
              + offset
              + " ("
              + HexFormat.of().formatHex(bytes, offset, shown)
              + (shown < end ? "…" : "")
              + "): "
              + e.reason());
    }
  }

  static Decoded read(byte[] bytes, int offset, int end) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      int pos = offset + i;
      if (pos >= end) {
        throw new Malformed("truncated varint at byte " + pos);
      }
      int b = bytes[pos] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new Malformed("overlong varint (not minimally encoded) at byte " + offset);
        }
        return new Decoded(value, i + 1);
      }
    }
    throw new Malformed("varint longer than " + MAX_BYTES + " bytes at byte " + offset);
  }

  private static void checkEncodable(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint value must not be negative: " + value);
    }
  }
}
