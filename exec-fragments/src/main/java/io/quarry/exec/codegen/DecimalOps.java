package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Exact decimal arithmetic on unscaled longs, used by generated code. Every method either returns
 * the exact (HALF_UP rounded where the target scale is smaller) result or throws {@link
 * ArithmeticException} when it does not fit a long; generated code then recomputes the batch with
 * {@link BigDecimal}s or reports a numeric overflow. Never silently wrong.
 */
public final class DecimalOps {
  static final long[] POW10 = new long[19];
  private static final double[] POW10_D = new double[39];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
    for (int i = 0; i < POW10_D.length; i++) {
      POW10_D[i] = Double.parseDouble("1e" + i);
    }
  }

  private DecimalOps() {}

  /** Changes the scale of an unscaled value, rounding HALF_UP when the scale shrinks. */
  public static long rescale(long v, int from, int to) {
    if (from == to) {
      return v;
    }
    if (to > from) {
      int d = to - from;
      if (d > 18) {
        if (v == 0) {
          return 0;
        }
        throw new ArithmeticException("decimal overflow");
      }
      return Math.multiplyExact(v, POW10[d]);
    }
    int d = from - to;
    if (d > 18) {
      return 0;
    }
    return divRoundHalfUp(v, POW10[d]);
  }

  /** a / b rounded HALF_UP (away from zero on ties); b != 0. */
  static long divRoundHalfUp(long a, long b) {
    long q = a / b;
    long r = a % b;
    if (r != 0) {
      long absR = Math.abs(r);
      long absB = Math.abs(b);
      if (absR >= absB - absR) {
        q += ((a ^ b) < 0) ? -1 : 1;
      }
    }
    return q;
  }

  public static long add(long a, int sa, long b, int sb, int st) {
    int s = Math.max(sa, sb);
    long r = Math.addExact(rescale(a, sa, s), rescale(b, sb, s));
    return rescale(r, s, st);
  }

  public static long sub(long a, int sa, long b, int sb, int st) {
    int s = Math.max(sa, sb);
    long r = Math.subtractExact(rescale(a, sa, s), rescale(b, sb, s));
    return rescale(r, s, st);
  }

  public static long mul(long a, int sa, long b, int sb, int st) {
    int s = sa + sb;
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return rescale(lo, s, st);
    }
    BigDecimal exact = BigDecimal.valueOf(a, sa).multiply(BigDecimal.valueOf(b, sb));
    return exact.setScale(st, RoundingMode.HALF_UP).unscaledValue().longValueExact();
  }

  /** a / b with result scale st, HALF_UP. */
  public static long div(long a, int sa, long b, int sb, int st) {
    if (b == 0) {
      throw divisionByZero();
    }
    int e = st - sa + sb;
    if (e >= 0 && e <= 18) {
      long hi = Math.multiplyHigh(a, POW10[e]);
      long lo = a * POW10[e];
      if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
        return divRoundHalfUp(lo, b);
      }
    }
    BigDecimal q =
        BigDecimal.valueOf(a, sa).divide(BigDecimal.valueOf(b, sb), st, RoundingMode.HALF_UP);
    return q.unscaledValue().longValueExact();
  }

  public static long mod(long a, int sa, long b, int sb, int st) {
    int s = Math.max(sa, sb);
    long bb = rescale(b, sb, s);
    if (bb == 0) {
      throw divisionByZero();
    }
    return rescale(rescale(a, sa, s) % bb, s, st);
  }

  public static int compare(long a, int sa, long b, int sb) {
    if (sa == sb) {
      return Long.compare(a, b);
    }
    try {
      int s = Math.max(sa, sb);
      return Long.compare(rescale(a, sa, s), rescale(b, sb, s));
    } catch (ArithmeticException e) {
      return BigDecimal.valueOf(a, sa).compareTo(BigDecimal.valueOf(b, sb));
    }
  }

  public static double toDouble(long v, int scale) {
    return scale == 0 ? (double) v : v / POW10_D[scale];
  }

  public static double toDouble(BigDecimal v) {
    return v.doubleValue();
  }

  public static long fromDouble(double d, int scale) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new QuarryException(ErrorCode.NUMERIC_OVERFLOW, "cannot convert " + d + " to DECIMAL");
    }
    return BigDecimal.valueOf(d)
        .setScale(scale, RoundingMode.HALF_UP)
        .unscaledValue()
        .longValueExact();
  }

  public static BigDecimal fromDoubleBig(double d, int scale) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new QuarryException(ErrorCode.NUMERIC_OVERFLOW, "cannot convert " + d + " to DECIMAL");
    }
    return BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_UP);
  }

  /** The unscaled long of {@code v} at scale {@code scale} (HALF_UP), or ArithmeticException. */
  public static long toLong(BigDecimal v, int scale) {
    return v.setScale(scale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
  }

  public static BigDecimal big(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale);
  }

  public static BigDecimal setScale(BigDecimal v, int scale) {
    return v.scale() == scale ? v : v.setScale(scale, RoundingMode.HALF_UP);
  }

  public static BigDecimal divBig(BigDecimal a, BigDecimal b, int st) {
    if (b.signum() == 0) {
      throw divisionByZero();
    }
    return a.divide(b, st, RoundingMode.HALF_UP);
  }

  public static BigDecimal modBig(BigDecimal a, BigDecimal b, int st) {
    if (b.signum() == 0) {
      throw divisionByZero();
    }
    return setScale(a.remainder(b), st);
  }

  /** Integer value of an unscaled decimal, HALF_UP. */
  public static long toIntegral(long v, int scale) {
    return rescale(v, scale, 0);
  }

  public static long floor(long v, int scale, int st) {
    if (scale == 0) {
      return rescale(v, 0, st);
    }
    long p = POW10[Math.min(scale, 18)];
    long q = Math.floorDiv(v, p);
    return rescale(q, 0, st);
  }

  public static long ceil(long v, int scale, int st) {
    if (scale == 0) {
      return rescale(v, 0, st);
    }
    long p = POW10[Math.min(scale, 18)];
    long q = -Math.floorDiv(-v, p);
    return rescale(q, 0, st);
  }

  /** Rounds to {@code digits} fractional digits (HALF_UP), then expresses it at scale st. */
  public static long round(long v, int scale, int digits, int st) {
    if (digits >= scale) {
      return rescale(v, scale, st);
    }
    int drop = scale - digits;
    long r = drop > 18 ? 0 : divRoundHalfUp(v, POW10[drop]);
    // r is at scale `digits` (possibly negative digits: scale up after rounding)
    if (digits < 0) {
      return rescale(Math.multiplyExact(r, POW10[-digits]), 0, st);
    }
    return rescale(r, digits, st);
  }

  public static BigDecimal roundBig(BigDecimal v, int digits, int st) {
    return v.setScale(digits, RoundingMode.HALF_UP).setScale(st, RoundingMode.HALF_UP);
  }

  /** Reads a Decimal128 value at this address as a long; ArithmeticException if it needs more. */
  public static long read(long address) {
    long lo = MemoryUtil.getLong(address);
    long hi = MemoryUtil.getLong(address + 8);
    if (hi != (lo >> 63)) {
      throw new ArithmeticException("decimal exceeds 64 bits");
    }
    return lo;
  }

  public static BigDecimal readBig(long address, int scale) {
    byte[] be = new byte[16];
    for (int i = 0; i < 16; i++) {
      be[15 - i] = MemoryUtil.getByte(address + i);
    }
    return new BigDecimal(new BigInteger(be), scale);
  }

  public static void write(long address, long v) {
    MemoryUtil.putLong(address, v);
    MemoryUtil.putLong(address + 8, v >> 63);
  }

  /** Writes a BigDecimal (already at the column's scale) as Decimal128. */
  public static void writeBig(long address, BigDecimal v, int precision) {
    BigInteger u = v.unscaledValue();
    if (u.bitLength() > 126 || v.precision() > 38) {
      throw new QuarryException(
          ErrorCode.NUMERIC_OVERFLOW,
          "value "
              + v.toPlainString()
              + " does not fit DECIMAL("
              + precision
              + ", "
              + v.scale()
              + ")");
    }
    byte[] be = u.toByteArray();
    byte sign = (byte) (u.signum() < 0 ? -1 : 0);
    for (int i = 0; i < 16; i++) {
      int src = be.length - 1 - i;
      MemoryUtil.putByte(address + i, src >= 0 ? be[src] : sign);
    }
  }

  /** Thrown into the fast variant to make the caller use the exact one. */
  public static long tooWide() {
    throw new ArithmeticException("decimal literal exceeds 64 bits");
  }

  /** A CAST to DECIMAL(p, s) fails when the value has more integer digits than p - s. */
  public static void checkPrecision(long unscaled, int precision, int scale) {
    if (precision < 19 && unscaled != Long.MIN_VALUE && Math.abs(unscaled) >= POW10[precision]) {
      throw new QuarryException(
          ErrorCode.NUMERIC_OVERFLOW,
          "value "
              + BigDecimal.valueOf(unscaled, scale).toPlainString()
              + " does not fit DECIMAL("
              + precision
              + ", "
              + scale
              + ")");
    }
  }

  static QuarryException divisionByZero() {
    return new QuarryException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
  }
}
