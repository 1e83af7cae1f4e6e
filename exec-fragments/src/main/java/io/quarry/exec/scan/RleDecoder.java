package io.quarry.exec.scan;

import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Parquet's RLE / bit-packed hybrid encoding (definition levels and dictionary ids), decoded in
 * bulk into int arrays: repeated runs become fills, bit-packed runs are unpacked 8 values at a
 * time.
 */
final class RleDecoder {
  private final byte[] buf;
  private int pos;
  private final int end;
  private final int bitWidth;
  private final int valueBytes;
  private final BytePacker packer;
  private int repeatCount;
  private int repeatValue;
  private int[] literals = new int[64];
  private int literalPos;
  private int literalCount;

  RleDecoder(byte[] buf, int pos, int end, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new ParquetDecodingException("invalid bit width " + bitWidth);
    }
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.bitWidth = bitWidth;
    this.valueBytes = (bitWidth + 7) / 8;
    this.packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
  }

  /** Reads {@code n} values into {@code dst[off..off+n)}. */
  void read(int[] dst, int off, int n) {
    while (n > 0) {
      if (repeatCount == 0 && literalPos == literalCount) {
        nextRun();
      }
      if (repeatCount > 0) {
        int m = Math.min(n, repeatCount);
        Arrays.fill(dst, off, off + m, repeatValue);
        repeatCount -= m;
        off += m;
        n -= m;
      } else {
        int m = Math.min(n, literalCount - literalPos);
        System.arraycopy(literals, literalPos, dst, off, m);
        literalPos += m;
        off += m;
        n -= m;
      }
    }
  }

  /** Position just after the encoded data consumed so far. */
  int position() {
    return pos;
  }

  private void nextRun() {
    if (pos >= end) {
      throw new ParquetDecodingException("RLE data ends early at byte " + pos);
    }
    int header = readVarInt();
    if ((header & 1) == 0) {
      repeatCount = header >>> 1;
      if (repeatCount == 0) {
        throw new ParquetDecodingException("empty RLE run at byte " + pos);
      }
      int v = 0;
      for (int i = 0; i < valueBytes; i++) {
        if (pos >= end) {
          throw new ParquetDecodingException("RLE run value truncated at byte " + pos);
        }
        v |= (buf[pos++] & 0xff) << (8 * i);
      }
      repeatValue = v;
    } else {
      int groups = header >>> 1;
      if (groups == 0) {
        throw new ParquetDecodingException("empty bit-packed run at byte " + pos);
      }
      int count = groups * 8;
      if (literals.length < count) {
        literals = new int[Math.max(count, literals.length * 2)];
      }
      int bytes = groups * bitWidth;
      if (bitWidth == 0) {
        Arrays.fill(literals, 0, count, 0);
      } else if (pos + bytes <= end) {
        for (int g = 0; g < groups; g++) {
          packer.unpack8Values(buf, pos + g * bitWidth, literals, g * 8);
        }
      } else {
        // the last run may be cut short; pad with zeros
        byte[] padded = new byte[bytes];
        System.arraycopy(buf, pos, padded, 0, Math.max(0, end - pos));
        for (int g = 0; g < groups; g++) {
          packer.unpack8Values(padded, g * bitWidth, literals, g * 8);
        }
      }
      pos = Math.min(end, pos + bytes);
      literalPos = 0;
      literalCount = count;
    }
  }

  private int readVarInt() {
    int value = 0;
    int shift = 0;
    while (true) {
      if (pos >= end) {
        throw new ParquetDecodingException("RLE header truncated at byte " + pos);
      }
      int b = buf[pos++] & 0xff;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
      shift += 7;
      if (shift > 28) {
        throw new ParquetDecodingException("RLE header too long at byte " + pos);
      }
    }
  }
}
