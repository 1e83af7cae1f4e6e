package io.quarry.car;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.io.InputStream;

/** A buffered CAR input that knows its byte offset and can be limited to a CARv2 data payload. */
final class CarInput {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private long offset;
  private long limit = Long.MAX_VALUE;

  CarInput(InputStream in) {
    this.in = in;
  }

  long offset() {
    return offset;
  }

  /** Reading stops (as at end of input) at this absolute offset. */
  void limit(long absoluteEnd) {
    this.limit = absoluteEnd;
  }

  /** The next byte, or -1 at the end. */
  int read() {
    if (offset >= limit || (pos == end && !refill())) {
      return -1;
    }
    offset++;
    return buf[pos++] & 0xFF;
  }

  /** Reads up to {@code len} bytes, fewer only at the end; returns how many were read. */
  int readFully(byte[] b, int off, int len) {
    int n = 0;
    while (n < len && offset < limit) {
      if (pos == end) {
        int want = (int) Math.min(len - n, limit - offset);
        if (want >= buf.length) {
          int k = readUnderlying(b, off + n, want);
          if (k < 0) {
            break;
          }
          n += k;
          offset += k;
          continue;
        }
        if (!refill()) {
          break;
        }
      }
      int k = (int) Math.min(Math.min(len - n, end - pos), limit - offset);
      System.arraycopy(buf, pos, b, off + n, k);
      pos += k;
      n += k;
      offset += k;
    }
    return n;
  }

  /** Skips {@code n} bytes; returns how many were skipped. */
  long skip(long n) {
    byte[] scratch = new byte[(int) Math.min(n, 1 << 16)];
    long skipped = 0;
    while (skipped < n) {
      int k = readFully(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (k == 0) {
        break;
      }
      skipped += k;
    }
    return skipped;
  }

  private boolean refill() {
    int k = readUnderlying(buf, 0, buf.length);
    if (k <= 0) {
      return false;
    }
    pos = 0;
    end = k;
    return true;
  }

  private int readUnderlying(byte[] b, int off, int len) {
    try {
      int k;
      do {
        k = in.read(b, off, len);
      } while (k == 0);
      return k;
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR,
          "Cannot read CAR at byte offset " + offset + ": " + e.getMessage(),
          e);
    }
  }
}
