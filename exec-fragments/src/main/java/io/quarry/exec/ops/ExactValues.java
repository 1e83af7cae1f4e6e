package io.quarry.exec.ops;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;

/** Reading fixed-width values into primitive arrays and writing exact numbers to any vector. */
final class ExactValues {
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private ExactValues() {}

  /**
   * Rows [0, n) of an integer-like vector (INT, BIGINT, DATE, TIMESTAMP, BOOLEAN, or a DECIMAL
   * whose values fit a long: the unscaled value) as longs; values of NULL rows are unspecified.
   */
  static void readLongs(FieldVector v, int n, long[] out) {
    if (v instanceof BigIntVector || v instanceof TimeStampMicroVector) {
      ArrowBuf b = v.getDataBuffer();
      for (int i = 0; i < n; i++) {
        out[i] = b.getLong((long) i * 8);
      }
    } else if (v instanceof IntVector || v instanceof DateDayVector) {
      ArrowBuf b = v.getDataBuffer();
      for (int i = 0; i < n; i++) {
        out[i] = b.getInt((long) i * 4);
      }
    } else if (v instanceof DecimalVector) {
      ArrowBuf b = v.getDataBuffer();
      for (int i = 0; i < n; i++) {
        out[i] = b.getLong((long) i * 16);
      }
    } else if (v instanceof BitVector bits) {
      for (int i = 0; i < n; i++) {
        out[i] = bits.isNull(i) ? 0 : bits.get(i);
      }
    } else {
      throw new QuarryException(
          ErrorCode.INTERNAL_ERROR, "not an integer-like vector: " + v.getClass().getSimpleName());
    }
  }

  /** Writes an integer-like value (see {@link #readLongs}) to a vector of the same kind. */
  static void writeLong(FieldVector out, int row, long x) {
    if (out instanceof BigIntVector o) {
      o.setSafe(row, x);
    } else if (out instanceof IntVector o) {
      o.setSafe(row, (int) x);
    } else if (out instanceof DateDayVector o) {
      o.setSafe(row, (int) x);
    } else if (out instanceof TimeStampMicroVector o) {
      o.setSafe(row, x);
    } else if (out instanceof BitVector o) {
      o.setSafe(row, (int) x);
    } else if (out instanceof DecimalVector o) {
      o.setSafe(row, x);
    } else if (out instanceof Float8Vector o) {
      o.setSafe(row, (double) x);
    } else {
      throw new QuarryException(
          ErrorCode.INTERNAL_ERROR, "cannot write a long to " + out.getClass().getSimpleName());
    }
  }

  static BigInteger toBig(long hi, long lo) {
    BigInteger u = BigInteger.valueOf(lo & Long.MAX_VALUE);
    if (lo < 0) {
      u = u.setBit(63);
    }
    return BigInteger.valueOf(hi).shiftLeft(64).add(u);
  }

  /** small + big (big may be null), as one BigInteger. */
  static BigInteger total(long small, BigInteger big) {
    return big == null ? BigInteger.valueOf(small) : big.add(BigInteger.valueOf(small));
  }

  /**
   * Writes the exact number {@code (small + big) * 10^-scale} to {@code out}, which may be DECIMAL
   * (rescaled), BIGINT, INT or DOUBLE. A value that does not fit raises NUMERIC_OVERFLOW naming
   * {@code what}.
   */
  static void writeExact(
      FieldVector out, int row, long small, BigInteger big, int scale, String what) {
    if (out instanceof DecimalVector d) {
      if (big == null && d.getScale() == scale) {
        int p = d.getPrecision();
        if (p <= 18 && (small >= POW10[p] || small <= -POW10[p])) {
          throw overflow(what, new BigDecimal(BigInteger.valueOf(small), scale), d);
        }
        d.setSafe(row, small);
        return;
      }
      BigDecimal x =
          new BigDecimal(total(small, big), scale).setScale(d.getScale(), RoundingMode.HALF_UP);
      writeDecimal(d, row, x, what);
    } else if (out instanceof Float8Vector f) {
      f.setSafe(
          row,
          big == null && scale == 0
              ? (double) small
              : new BigDecimal(total(small, big), scale).doubleValue());
    } else if (out instanceof BigIntVector || out instanceof IntVector) {
      BigInteger x =
          scale == 0 && big == null
              ? null
              : new BigDecimal(total(small, big), scale)
                  .setScale(0, RoundingMode.HALF_UP)
                  .toBigInteger();
      long v = x == null ? small : x.longValue();
      boolean fits = x == null || x.bitLength() < 64;
      if (out instanceof IntVector i) {
        if (!fits || v != (int) v) {
          throw new QuarryException(ErrorCode.NUMERIC_OVERFLOW, what + " overflows INT");
        }
        i.setSafe(row, (int) v);
      } else {
        if (!fits) {
          throw new QuarryException(ErrorCode.NUMERIC_OVERFLOW, what + " overflows BIGINT");
        }
        ((BigIntVector) out).setSafe(row, v);
      }
    } else {
      throw new QuarryException(
          ErrorCode.INTERNAL_ERROR, "cannot write a number to " + out.getClass().getSimpleName());
    }
  }

  static void writeDecimal(DecimalVector d, int row, BigDecimal x, String what) {
    BigDecimal scaled = x.setScale(d.getScale(), RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > d.getPrecision() - d.getScale()) {
      throw overflow(what, x, d);
    }
    d.setSafe(row, scaled);
  }

  private static QuarryException overflow(String what, BigDecimal x, DecimalVector d) {
    return new QuarryException(
        ErrorCode.NUMERIC_OVERFLOW,
        what + " = " + x + " does not fit DECIMAL(" + d.getPrecision() + ", " + d.getScale() + ")");
  }
}
