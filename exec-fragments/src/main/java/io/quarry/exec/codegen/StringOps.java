package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * String functions over UTF-8 bytes, used by generated code. Strings inside Arrow vectors are
 * addressed as (address, length) and compared in place; computed strings are byte arrays. Byte-wise
 * comparison of UTF-8 orders like code-point comparison.
 */
public final class StringOps {
  private static final byte[] EMPTY = new byte[0];

  private StringOps() {}

  public static byte[] bytes(long address, int length) {
    byte[] b = new byte[length];
    if (length > 0) {
      MemoryUtil.copyFromMemory(address, b, 0, length);
    }
    return b;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static String string(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  public static boolean equals(long a, int la, byte[] b) {
    if (la != b.length) {
      return false;
    }
    int i = 0;
    for (; i + 8 <= la; i += 8) {
      if (MemoryUtil.getLong(a + i) != MemoryUtil.getLong(b, i)) {
        return false;
      }
    }
    for (; i < la; i++) {
      if (MemoryUtil.getByte(a + i) != b[i]) {
        return false;
      }
    }
    return true;
  }

  public static boolean equals(long a, int la, long b, int lb) {
    if (la != lb) {
      return false;
    }
    int i = 0;
    for (; i + 8 <= la; i += 8) {
      if (MemoryUtil.getLong(a + i) != MemoryUtil.getLong(b + i)) {
        return false;
      }
    }
    for (; i < la; i++) {
      if (MemoryUtil.getByte(a + i) != MemoryUtil.getByte(b + i)) {
        return false;
      }
    }
    return true;
  }

  public static boolean equals(byte[] a, byte[] b) {
    return java.util.Arrays.equals(a, b);
  }

  public static int compare(long a, int la, byte[] b) {
    int n = Math.min(la, b.length);
    for (int i = 0; i < n; i++) {
      int c = (MemoryUtil.getByte(a + i) & 0xff) - (b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return la - b.length;
  }

  public static int compare(long a, int la, long b, int lb) {
    int n = Math.min(la, lb);
    for (int i = 0; i < n; i++) {
      int c = (MemoryUtil.getByte(a + i) & 0xff) - (MemoryUtil.getByte(b + i) & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return la - lb;
  }

  public static int compare(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  public static int hash(long a, int la) {
    int h = 1;
    for (int i = 0; i < la; i++) {
      h = 31 * h + MemoryUtil.getByte(a + i);
    }
    return h;
  }

  public static int hash(byte[] b) {
    return java.util.Arrays.hashCode(b);
  }

  public static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static boolean ascii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return false;
      }
    }
    return true;
  }

  public static int charLength(byte[] b) {
    int n = 0;
    for (byte x : b) {
      if ((x & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }

  public static int charLength(long a, int la) {
    int n = 0;
    for (int i = 0; i < la; i++) {
      if ((MemoryUtil.getByte(a + i) & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }

  /** SQL SUBSTRING(s FROM start): characters from 1-based {@code start} to the end. */
  public static byte[] substring(byte[] s, long start) {
    return substring(s, start, Long.MAX_VALUE / 4);
  }

  /** SQL SUBSTRING(s FROM start FOR length): positions [start, start + length) within [1, n]. */
  public static byte[] substring(byte[] s, long start, long length) {
    if (length < 0) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "negative SUBSTRING length: " + length);
    }
    long end = start + length; // exclusive, 1-based
    long from = Math.max(start, 1);
    if (end <= from) {
      return EMPTY;
    }
    if (ascii(s)) {
      int f = (int) Math.min(from - 1, s.length);
      int t = (int) Math.min(end - 1, s.length);
      return java.util.Arrays.copyOfRange(s, f, Math.max(f, t));
    }
    String str = string(s);
    int cps = str.codePointCount(0, str.length());
    int f = (int) Math.min(from - 1, cps);
    int t = (int) Math.min(end - 1, cps);
    int bf = str.offsetByCodePoints(0, f);
    int bt = str.offsetByCodePoints(0, Math.max(f, t));
    return utf8(str.substring(bf, bt));
  }

  /** SQL LEFT(s, n): the first n characters, or all but the last -n. */
  public static byte[] left(byte[] s, long n) {
    String str = string(s);
    int cps = str.codePointCount(0, str.length());
    int keep = (int) Math.max(0, Math.min(cps, n >= 0 ? n : cps + n));
    return utf8(str.substring(0, str.offsetByCodePoints(0, keep)));
  }

  /** SQL RIGHT(s, n): the last n characters, or all but the first -n. */
  public static byte[] right(byte[] s, long n) {
    String str = string(s);
    int cps = str.codePointCount(0, str.length());
    int keep = (int) Math.max(0, Math.min(cps, n >= 0 ? n : cps + n));
    return utf8(str.substring(str.offsetByCodePoints(0, cps - keep)));
  }

  /** SQL LPAD/RPAD: {@code fill} repeated on one side up to {@code length}, or cut to it. */
  public static byte[] pad(byte[] s, long length, byte[] fill, boolean left) {
    if (length > 1_000_000) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "pad length " + length + " is over 1000000 characters");
    }
    String str = string(s);
    int cps = str.codePointCount(0, str.length());
    int target = (int) Math.max(0, length);
    if (cps >= target) {
      return utf8(str.substring(0, str.offsetByCodePoints(0, target)));
    }
    String f = string(fill);
    if (f.isEmpty()) {
      return s;
    }
    StringBuilder padding = new StringBuilder();
    int fillCps = f.codePointCount(0, f.length());
    for (int added = 0, i = 0; added < target - cps; added++, i = (i + 1) % fillCps) {
      padding.appendCodePoint(f.codePointAt(f.offsetByCodePoints(0, i)));
    }
    return utf8(left ? padding + str : str + padding);
  }

  public static byte[] upper(byte[] s) {
    if (ascii(s)) {
      byte[] r = s.clone();
      for (int i = 0; i < r.length; i++) {
        if (r[i] >= 'a' && r[i] <= 'z') {
          r[i] -= 32;
        }
      }
      return r;
    }
    return utf8(string(s).toUpperCase(Locale.ROOT));
  }

  public static byte[] lower(byte[] s) {
    if (ascii(s)) {
      byte[] r = s.clone();
      for (int i = 0; i < r.length; i++) {
        if (r[i] >= 'A' && r[i] <= 'Z') {
          r[i] += 32;
        }
      }
      return r;
    }
    return utf8(string(s).toLowerCase(Locale.ROOT));
  }

  public static byte[] trim(byte[] s, boolean left, boolean right) {
    int f = 0;
    int t = s.length;
    if (left) {
      while (f < t && s[f] == ' ') {
        f++;
      }
    }
    if (right) {
      while (t > f && s[t - 1] == ' ') {
        t--;
      }
    }
    return f == 0 && t == s.length ? s : java.util.Arrays.copyOfRange(s, f, t);
  }

  /** 1-based character position of {@code needle} in {@code hay}, 0 if absent, 1 if empty. */
  public static int position(byte[] needle, byte[] hay) {
    if (needle.length == 0) {
      return 1;
    }
    int at = indexOf(hay, 0, hay.length, needle);
    if (at < 0) {
      return 0;
    }
    int chars = 0;
    for (int i = 0; i < at; i++) {
      if ((hay[i] & 0xC0) != 0x80) {
        chars++;
      }
    }
    return chars + 1;
  }

  static int indexOf(byte[] hay, int from, int to, byte[] needle) {
    int n = needle.length;
    if (n == 0) {
      return from;
    }
    byte first = needle[0];
    outer:
    for (int i = from; i <= to - n; i++) {
      if (hay[i] != first) {
        continue;
      }
      for (int j = 1; j < n; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  public static byte[] replace(byte[] s, byte[] search, byte[] replacement) {
    if (search.length == 0) {
      return s;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length);
    int i = 0;
    while (true) {
      int at = indexOf(s, i, s.length, search);
      if (at < 0) {
        out.write(s, i, s.length - i);
        return out.toByteArray();
      }
      out.write(s, i, at - i);
      out.write(replacement, 0, replacement.length);
      i = at + search.length;
    }
  }
}
