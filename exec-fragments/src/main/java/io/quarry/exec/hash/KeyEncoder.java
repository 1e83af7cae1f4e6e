package io.quarry.exec.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Encodes the key columns of a batch into one byte string per row, so that two rows have equal keys
 * exactly when their byte strings are equal, and computes a 64-bit hash per row. Every value starts
 * with a null flag byte (so NULL is a value of its own); integer types are widened to 8 bytes, so
 * INT and BIGINT keys compare equal; doubles are normalised (-0.0 and NaN); decimals are 16-byte
 * unscaled values, rescaled to {@code decimalScales[k]} when that is not negative (so that two
 * sides of a join with different scales agree); strings are a 4-byte length and their UTF-8 bytes
 * (strings of up to 8 bytes as a length byte and one padded long). Arrays are reused from batch to
 * batch.
 */
public final class KeyEncoder {
  static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long M = 0x9E3779B97F4A7C15L;
  private static final long NULL_HASH = 0x5bd1e9955bd1e995L;

  /** Spare bytes after the last key, so that two 8-byte loads at any key start stay in bounds. */
  static final int SLACK = 16;

  private static final int PAD = 8;

  private final int[] decimalScales;
  private final boolean nullsNeverMatch;
  private byte[] data = new byte[4096];
  private int[] offsets = new int[1];
  private int[] lengths = new int[0];
  private int[] pos = new int[0];
  private long[] hashes = new long[0];
  private boolean[] nulls = new boolean[0];
  private int rows;

  /** {@code decimalScales[k]}: the scale decimal keys of column k are encoded at, or -1. */
  public KeyEncoder(int[] decimalScales) {
    this(decimalScales, false);
  }

  /**
   * With {@code nullsNeverMatch} (hash joins, where a row with a NULL key matches nothing and is
   * recognised by {@link #anyNull}), integer, date, timestamp and double keys are encoded without
   * their null flag byte: a NULL encodes like 0. Two such keys (a composite join key) then fit in
   * 16 bytes, which {@link GroupTable} compares as two longs. Both sides of a join must use the
   * same setting.
   */
  public KeyEncoder(int[] decimalScales, boolean nullsNeverMatch) {
    this.decimalScales = decimalScales.clone();
    this.nullsNeverMatch = nullsNeverMatch;
  }

  public KeyEncoder(int keyCount) {
    this(filled(keyCount));
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }

  public void encode(List<FieldVector> keys, int rowCount) {
    if (keys.size() != decimalScales.length) {
      throw new IllegalArgumentException("expected " + decimalScales.length + " key columns");
    }
    rows = rowCount;
    if (hashes.length < rowCount) {
      int cap = Math.max(rowCount, 16);
      offsets = new int[cap + 1];
      lengths = new int[cap];
      pos = new int[cap];
      hashes = new long[cap];
      nulls = new boolean[cap];
    }
    Arrays.fill(lengths, 0, rowCount, 0);
    Arrays.fill(hashes, 0, rowCount, 0L);
    Arrays.fill(nulls, 0, rowCount, false);
    // Lengths first, then offsets; every row gets PAD spare bytes so that writing a short string
    // as one 8-byte store never reaches the next row.
    for (int k = 0; k < keys.size(); k++) {
      FieldVector v = keys.get(k);
      if (v instanceof VarCharVector s) {
        long off = s.getOffsetBuffer().memoryAddress();
        long valid = s.getValidityBuffer().memoryAddress();
        boolean noNulls = s.getNullCount() == 0;
        for (int i = 0; i < rowCount; i++) {
          if (noNulls || isValid(valid, i)) {
            int len =
                MemoryUtil.getInt(off + ((long) (i + 1) << 2))
                    - MemoryUtil.getInt(off + ((long) i << 2));
            lengths[i] += len <= 8 ? 2 + len : 5 + len;
          } else {
            lengths[i] += 1;
          }
        }
      } else {
        int width = (unflagged(v, k) ? 0 : 1) + payloadWidth(v, k);
        for (int i = 0; i < rowCount; i++) {
          lengths[i] += width;
        }
      }
    }
    for (int i = 0; i < rowCount; i++) {
      offsets[i + 1] = offsets[i] + lengths[i] + PAD;
    }
    int total = offsets[rowCount];
    if (data.length < total + SLACK) {
      data = new byte[Math.max(total + SLACK, data.length * 2)];
    }
    System.arraycopy(offsets, 0, pos, 0, rowCount);
    for (int k = 0; k < keys.size(); k++) {
      writeColumn(keys.get(k), k, rowCount);
    }
    for (int i = 0; i < rowCount; i++) {
      hashes[i] = fmix(hashes[i]);
    }
  }

  /** Whether column k is written without a null flag byte (see the two-argument constructor). */
  private boolean unflagged(FieldVector v, int k) {
    return nullsNeverMatch
        && decimalScales[k] < 0
        && !(v instanceof NullVector)
        && !(v instanceof BitVector)
        && !(v instanceof DecimalVector)
        && !(v instanceof VarCharVector);
  }

  private int payloadWidth(FieldVector v, int k) {
    if (v instanceof NullVector) {
      return 0;
    }
    if (v instanceof BitVector) {
      return decimalScales[k] >= 0 ? 16 : 1;
    }
    if (v instanceof DecimalVector) {
      return 16;
    }
    return decimalScales[k] >= 0 ? 16 : 8;
  }

  private void writeColumn(FieldVector v, int k, int n) {
    boolean noNulls = v.getNullCount() == 0 && !(v instanceof NullVector);
    if (v instanceof NullVector) {
      for (int i = 0; i < n; i++) {
        data[pos[i]++] = 1;
        nulls[i] = true;
        hashes[i] = (hashes[i] + NULL_HASH) * M;
      }
    } else if (v instanceof VarCharVector s) {
      long off = s.getOffsetBuffer().memoryAddress();
      ArrowBuf buf = s.getDataBuffer();
      long bytes = buf.memoryAddress();
      long capacity = buf.capacity();
      long valid = s.getValidityBuffer().memoryAddress();
      for (int i = 0; i < n; i++) {
        int p = pos[i];
        if (noNulls || isValid(valid, i)) {
          int start = MemoryUtil.getInt(off + ((long) i << 2));
          int len = MemoryUtil.getInt(off + ((long) (i + 1) << 2)) - start;
          if (len <= 8) {
            // Short strings: a length byte and the bytes, read and written as one long each.
            long x;
            if (start + 8L <= capacity) {
              x = len == 0 ? 0 : MemoryUtil.getLong(bytes + start) & (-1L >>> (64 - 8 * len));
            } else {
              x = 0;
              for (int j = 0; j < len; j++) {
                x |= (MemoryUtil.getByte(bytes + start + j) & 0xFFL) << (8 * j);
              }
            }
            data[p] = 0;
            data[p + 1] = (byte) len;
            LONGS.set(data, p + 2, x);
            hashes[i] = (Long.rotateLeft(hashes[i], 23) ^ x ^ ((long) len << 59)) * M;
            pos[i] = p + 2 + len;
          } else {
            data[p] = 2;
            INTS.set(data, p + 1, len);
            buf.getBytes(start, data, p + 5, len);
            hashes[i] = (Long.rotateLeft(hashes[i], 23) ^ hashBytes(data, p + 5, len)) * M;
            pos[i] = p + 5 + len;
          }
        } else {
          data[p] = 1;
          nulls[i] = true;
          hashes[i] = (Long.rotateLeft(hashes[i], 23) ^ NULL_HASH) * M;
          pos[i] = p + 1;
        }
      }
    } else if (v instanceof DecimalVector d) {
      ArrowBuf buf = d.getDataBuffer();
      int target = decimalScales[k];
      int scale = d.getScale();
      for (int i = 0; i < n; i++) {
        boolean isNull = !noNulls && d.isNull(i);
        long lo = 0;
        long hi = 0;
        if (!isNull) {
          lo = buf.getLong((long) i * 16);
          hi = buf.getLong((long) i * 16 + 8);
          if (target > scale) {
            BigInteger x = toBig(hi, lo).multiply(BigInteger.TEN.pow(target - scale));
            lo = x.longValue();
            hi = x.shiftRight(64).longValue();
          }
        }
        writeWide(i, isNull, lo, hi);
      }
    } else if (v instanceof Float8Vector f) {
      boolean flagged = !unflagged(v, k);
      for (int i = 0; i < n; i++) {
        boolean isNull = !noNulls && f.isNull(i);
        double x = isNull ? 0 : f.get(i);
        long bits = x == 0.0 ? 0L : Double.doubleToLongBits(x);
        writeLong(i, isNull, bits, flagged);
      }
    } else {
      int target = decimalScales[k];
      long addr = v.getDataBuffer().memoryAddress();
      int width =
          v instanceof BitVector ? 0 : v instanceof IntVector || v instanceof DateDayVector ? 4 : 8;
      if (width == 8 && !(v instanceof BigIntVector) && !(v instanceof TimeStampMicroVector)) {
        throw new IllegalArgumentException(
            "unsupported key vector " + v.getClass().getSimpleName());
      }
      boolean flagged = !unflagged(v, k);
      for (int i = 0; i < n; i++) {
        boolean isNull = !noNulls && v.isNull(i);
        long x =
            isNull
                ? 0
                : width == 4
                    ? MemoryUtil.getInt(addr + ((long) i << 2))
                    : width == 8 ? MemoryUtil.getLong(addr + ((long) i << 3)) : longValue(v, i);
        if (target >= 0) {
          long lo = x;
          long hi = x >> 63;
          if (!isNull && target > 0) {
            BigInteger y = BigDecimal.valueOf(x).movePointRight(target).toBigIntegerExact();
            lo = y.longValue();
            hi = y.shiftRight(64).longValue();
          }
          writeWide(i, isNull, lo, hi);
        } else if (v instanceof BitVector) {
          int p = pos[i];
          data[p] = (byte) (isNull ? 1 : 0);
          data[p + 1] = (byte) x;
          pos[i] = p + 2;
          mixValue(i, isNull, x);
        } else {
          writeLong(i, isNull, x, flagged);
        }
      }
    }
  }

  private void writeLong(int i, boolean isNull, long x, boolean flagged) {
    int p = pos[i];
    if (flagged) {
      data[p] = (byte) (isNull ? 1 : 0);
      LONGS.set(data, p + 1, x);
      pos[i] = p + 9;
    } else {
      LONGS.set(data, p, x);
      pos[i] = p + 8;
    }
    mixValue(i, isNull, x);
  }

  private void writeWide(int i, boolean isNull, long lo, long hi) {
    int p = pos[i];
    data[p] = (byte) (isNull ? 1 : 0);
    LONGS.set(data, p + 1, lo);
    LONGS.set(data, p + 9, hi);
    pos[i] = p + 17;
    mixValue(i, isNull, lo ^ (hi * M));
  }

  private void mixValue(int i, boolean isNull, long x) {
    if (isNull) {
      nulls[i] = true;
      x = NULL_HASH;
    }
    hashes[i] = (Long.rotateLeft(hashes[i], 23) ^ x) * M;
  }

  private static boolean isValid(long validity, int i) {
    return ((MemoryUtil.getByte(validity + (i >> 3)) >> (i & 7)) & 1) != 0;
  }

  /**
   * Bytes [from, from + min(len, 8)) of an encoded key as a little-endian long, zero-padded; {@code
   * data} has {@link #SLACK} spare bytes past every key, so this is one load.
   */
  static long word(byte[] data, int from, int len) {
    if (len <= 0) {
      return 0;
    }
    long x = (long) LONGS.get(data, from);
    return len >= 8 ? x : x & (-1L >>> (64 - 8 * len));
  }

  static BigInteger toBig(long hi, long lo) {
    return BigInteger.valueOf(hi)
        .shiftLeft(64)
        .add(BigInteger.valueOf(lo & Long.MAX_VALUE))
        .add(lo < 0 ? BigInteger.ONE.shiftLeft(63) : BigInteger.ZERO);
  }

  /** Integer-like value of a fixed-width, non-decimal, non-double vector. */
  static long longValue(FieldVector v, int i) {
    if (v instanceof IntVector x) {
      return x.get(i);
    } else if (v instanceof BigIntVector x) {
      return x.get(i);
    } else if (v instanceof DateDayVector x) {
      return x.get(i);
    } else if (v instanceof TimeStampMicroVector x) {
      return x.get(i);
    } else if (v instanceof BitVector x) {
      return x.get(i);
    }
    throw new IllegalArgumentException("unsupported key vector " + v.getClass().getSimpleName());
  }

  static long hashBytes(byte[] b, int from, int len) {
    long h = len * M;
    int i = from;
    int end = from + len;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ (long) LONGS.get(b, i)) * M;
      h ^= h >>> 29;
    }
    long tail = 0;
    for (int s = 0; i < end; i++, s += 8) {
      tail |= (b[i] & 0xFFL) << s;
    }
    return (h ^ tail) * M;
  }

  static long fmix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  public int rows() {
    return rows;
  }

  public byte[] data() {
    return data;
  }

  /** Row i's key is {@code data()[offsets()[i], offsets()[i] + lengths()[i])}. */
  public int[] offsets() {
    return offsets;
  }

  public int[] lengths() {
    return lengths;
  }

  public long[] hashes() {
    return hashes;
  }

  /** Whether any key column of row i is NULL (such rows never match in a join). */
  public boolean anyNull(int i) {
    return nulls[i];
  }
}
