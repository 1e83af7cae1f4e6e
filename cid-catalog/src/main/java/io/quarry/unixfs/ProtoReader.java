package io.quarry.unixfs;

import io.quarry.cid.Varint;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;

/** Reads protobuf fields from a byte range; every malformation is a CORRUPT_DATA error. */
final class ProtoReader {
  private final byte[] buf;
  private final int end;
  private final String what;
  private int pos;
  private int field;
  private int wireType;

  ProtoReader(byte[] buf, int offset, int end, String what) {
    this.buf = buf;
    this.pos = offset;
    this.end = end;
    this.what = what;
  }

  /** Advances to the next field; false at the end. */
  boolean next() {
    if (pos >= end) {
      return false;
    }
    long key = varint();
    field = (int) (key >>> 3);
    wireType = (int) (key & 7);
    if (field == 0) {
      throw corrupt("field number 0 at byte " + pos);
    }
    return true;
  }

  int field() {
    return field;
  }

  int wireType() {
    return wireType;
  }

  long varint() {
    try {
      Varint.Decoded d = Varint.decode(buf, pos, end);
      pos += d.length();
      return d.value();
    } catch (QuarryException e) {
      throw corrupt(e.getMessage());
    }
  }

  /**
   * Reads a length prefix and skips the bytes it covers; returns where they start (they end at
   * {@link #position()}).
   */
  int lengthDelimited() {
    long length = varint();
    if (length > end - pos) {
      throw corrupt(
          "field " + field + " declares " + length + " bytes but " + (end - pos) + " remain");
    }
    int start = pos;
    pos += (int) length;
    return start;
  }

  int position() {
    return pos;
  }

  void expectWireType(int expected) {
    if (wireType != expected) {
      throw corrupt("field " + field + " has wire type " + wireType + ", expected " + expected);
    }
  }

  /** Skips the current field (for fields a reader tolerates but ignores). */
  void skip() {
    switch (wireType) {
      case 0 -> varint();
      case 1 -> advance(8);
      case 2 -> lengthDelimited();
      case 5 -> advance(4);
      default -> throw corrupt("unsupported wire type " + wireType + " in field " + field);
    }
  }

  QuarryException corrupt(String reason) {
    return new QuarryException(ErrorCode.CORRUPT_DATA, "Invalid " + what + ": " + reason);
  }

  private void advance(int n) {
    if (end - pos < n) {
      throw corrupt("truncated field " + field);
    }
    pos += n;
  }
}
