package io.quarry.types;

import java.util.Locale;

/** Byte counts as people write them: {@code 1048576}, {@code 512MB}, {@code 2g}, {@code 64KiB}. */
public final class ByteSize {
  private static final String[] UNITS = {"TIB", "GIB", "MIB", "KIB", "TB", "GB", "MB", "KB", "T", "G", "M", "K", "B"};
  private static final long[] FACTORS = {
    1L << 40, 1L << 30, 1L << 20, 1L << 10, 1L << 40, 1L << 30, 1L << 20, 1L << 10,
    1L << 40, 1L << 30, 1L << 20, 1L << 10, 1
  };

  private ByteSize() {}

  /**
   * The number of bytes {@code value} names; units are binary whether written KB or KiB, and a
   * fraction is allowed before one ({@code 1.5GB}). IllegalArgumentException if it names none.
   */
  public static long parse(String value) {
    String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    long factor = 1;
    for (int i = 0; i < UNITS.length; i++) {
      if (v.endsWith(UNITS[i])) {
        factor = FACTORS[i];
        v = v.substring(0, v.length() - UNITS[i].length());
        break;
      }
    }
    try {
      double number = Double.parseDouble(v);
      if (number < 0 || Double.isNaN(number) || number * factor > Long.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (long) (number * factor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a size (expected e.g. 512MiB, 2GB or 1048576)");
    }
  }
}
