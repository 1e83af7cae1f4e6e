package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Integer and floating-point functions with SQL's error behaviour, for generated code. */
public final class MathOps {
  private MathOps() {}

  public static long div(long a, long b) {
    if (b == 0) {
      throw DecimalOps.divisionByZero();
    }
    if (a == Long.MIN_VALUE && b == -1) {
      throw new ArithmeticException("integer overflow");
    }
    return a / b;
  }

  public static long mod(long a, long b) {
    if (b == 0) {
      throw DecimalOps.divisionByZero();
    }
    return b == -1 ? 0 : a % b;
  }

  public static double div(double a, double b) {
    if (b == 0) {
      throw DecimalOps.divisionByZero();
    }
    return a / b;
  }

  public static double mod(double a, double b) {
    if (b == 0) {
      throw DecimalOps.divisionByZero();
    }
    return a % b;
  }

  public static double round(double v, long digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return BigDecimal.valueOf(v).setScale((int) digits, RoundingMode.HALF_UP).doubleValue();
  }

  public static long round(long v, long digits) {
    if (digits >= 0) {
      return v;
    }
    if (digits < -18) {
      return 0;
    }
    long p = DecimalOps.POW10[(int) -digits];
    return Math.multiplyExact(DecimalOps.divRoundHalfUp(v, p), p);
  }

  public static double sqrt(double v) {
    if (v < 0) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "cannot take the square root of " + v);
    }
    return Math.sqrt(v);
  }

  public static double ln(double v) {
    if (v <= 0) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "cannot take the logarithm of " + v);
    }
    return Math.log(v);
  }

  public static double log10(double v) {
    if (v <= 0) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "cannot take the logarithm of " + v);
    }
    return Math.log10(v);
  }
}
