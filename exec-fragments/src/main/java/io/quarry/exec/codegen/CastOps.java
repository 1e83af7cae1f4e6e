package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** CASTs that parse or format text, and checked numeric narrowing, for generated code. */
public final class CastOps {
  private CastOps() {}

  private static QuarryException bad(byte[] s, String type) {
    return new QuarryException(
        ErrorCode.INVALID_ARGUMENT, "cannot cast '" + StringOps.string(s) + "' to " + type);
  }

  private static String text(byte[] s) {
    return StringOps.string(s).trim();
  }

  public static int toInt(long v) {
    if (v != (int) v) {
      throw new ArithmeticException("integer overflow");
    }
    return (int) v;
  }

  public static long doubleToLong(double d) {
    if (Double.isNaN(d) || d >= 9.223372036854776E18 || d < -9.223372036854776E18) {
      throw new QuarryException(
          ErrorCode.NUMERIC_OVERFLOW, "value " + d + " is out of range of BIGINT");
    }
    return (long) (d < 0 ? Math.ceil(d - 0.5) : Math.floor(d + 0.5));
  }

  public static int doubleToInt(double d) {
    long v = doubleToLong(d);
    if (v != (int) v) {
      throw new QuarryException(
          ErrorCode.NUMERIC_OVERFLOW, "value " + d + " is out of range of INT");
    }
    return (int) v;
  }

  public static long parseLong(byte[] s) {
    String t = text(s);
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      try {
        return new BigDecimal(t).setScale(0, RoundingMode.HALF_UP).longValueExact();
      } catch (NumberFormatException | ArithmeticException e2) {
        throw bad(s, "BIGINT");
      }
    }
  }

  public static int parseInt(byte[] s) {
    long v = parseLong(s);
    if (v != (int) v) {
      throw bad(s, "INT");
    }
    return (int) v;
  }

  public static double parseDouble(byte[] s) {
    try {
      return Double.parseDouble(text(s));
    } catch (NumberFormatException e) {
      throw bad(s, "DOUBLE");
    }
  }

  public static BigDecimal parseDecimal(byte[] s, int precision, int scale) {
    BigDecimal v;
    try {
      v = new BigDecimal(text(s)).setScale(scale, RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      throw bad(s, "DECIMAL(" + precision + ", " + scale + ")");
    }
    if (v.precision() - v.scale() > precision - scale) {
      throw new QuarryException(
          ErrorCode.NUMERIC_OVERFLOW,
          "value '"
              + StringOps.string(s)
              + "' does not fit DECIMAL("
              + precision
              + ", "
              + scale
              + ")");
    }
    return v;
  }

  public static long parseDecimalLong(byte[] s, int precision, int scale) {
    return parseDecimal(s, precision, scale).unscaledValue().longValueExact();
  }

  public static boolean parseBoolean(byte[] s) {
    String t = text(s).toLowerCase(java.util.Locale.ROOT);
    switch (t) {
      case "true":
      case "t":
      case "yes":
      case "y":
      case "1":
        return true;
      case "false":
      case "f":
      case "no":
      case "n":
      case "0":
        return false;
      default:
        throw bad(s, "BOOLEAN");
    }
  }

  public static int parseDate(byte[] s) {
    String t = text(s);
    try {
      return Math.toIntExact(LocalDate.parse(t).toEpochDay());
    } catch (DateTimeParseException e) {
      throw bad(s, "DATE");
    }
  }

  public static long parseTimestamp(byte[] s) {
    String t = text(s).replace('T', ' ');
    try {
      if (t.length() <= 10) {
        return LocalDate.parse(t).toEpochDay() * DateOps.MICROS_PER_DAY;
      }
      LocalDateTime dt = LocalDateTime.parse(t.replace(' ', 'T'));
      return dt.toLocalDate().toEpochDay() * DateOps.MICROS_PER_DAY
          + dt.toLocalTime().toNanoOfDay() / 1000;
    } catch (DateTimeParseException e) {
      throw bad(s, "TIMESTAMP");
    }
  }

  public static byte[] format(long v) {
    return StringOps.utf8(Long.toString(v));
  }

  public static byte[] format(double v) {
    return StringOps.utf8(Double.toString(v));
  }

  public static byte[] format(boolean v) {
    return StringOps.utf8(v ? "true" : "false");
  }

  public static byte[] formatDecimal(long unscaled, int scale) {
    return StringOps.utf8(BigDecimal.valueOf(unscaled, scale).toPlainString());
  }

  public static byte[] formatDecimal(BigDecimal v) {
    return StringOps.utf8(v.toPlainString());
  }

  public static byte[] formatDate(int days) {
    return StringOps.utf8(LocalDate.ofEpochDay(days).toString());
  }

  public static byte[] formatTimestamp(long micros) {
    long day = Math.floorDiv(micros, DateOps.MICROS_PER_DAY);
    long rest = micros - day * DateOps.MICROS_PER_DAY;
    long secs = rest / 1_000_000;
    long frac = rest % 1_000_000;
    StringBuilder b = new StringBuilder(LocalDate.ofEpochDay(day).toString());
    b.append(' ')
        .append(two(secs / 3600))
        .append(':')
        .append(two((secs / 60) % 60))
        .append(':')
        .append(two(secs % 60));
    if (frac != 0) {
      String f = String.format("%06d", frac);
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(f, 0, end);
    }
    return StringOps.utf8(b.toString());
  }

  private static String two(long v) {
    return v < 10 ? "0" + v : Long.toString(v);
  }
}
