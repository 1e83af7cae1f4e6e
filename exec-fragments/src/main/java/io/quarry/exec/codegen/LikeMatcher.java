package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * A compiled SQL LIKE pattern. Patterns made of literal text and {@code %} only are matched on the
 * UTF-8 bytes in place (prefix, suffix, infix and general segment search); patterns with {@code _}
 * need character positions and go through a regular expression on the decoded string.
 */
public final class LikeMatcher {
  private final byte[][] segments; // literal pieces between '%'
  private final boolean anchoredStart;
  private final boolean anchoredEnd;
  private final Pattern regex; // non-null when the pattern has '_'

  private LikeMatcher(
      byte[][] segments, boolean anchoredStart, boolean anchoredEnd, Pattern regex) {
    this.segments = segments;
    this.anchoredStart = anchoredStart;
    this.anchoredEnd = anchoredEnd;
    this.regex = regex;
  }

  public static LikeMatcher compile(String pattern, String escape) {
    Character esc = null;
    if (escape != null) {
      if (escape.length() != 1) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT, "LIKE escape must be one character: '" + escape + "'");
      }
      esc = escape.charAt(0);
    }
    List<String> segs = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    StringBuilder re = new StringBuilder();
    boolean underscore = false;
    boolean startsWithPercent = false;
    boolean endsWithPercent = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (esc != null && c == esc) {
        if (i + 1 >= pattern.length()) {
          throw new QuarryException(
              ErrorCode.INVALID_ARGUMENT,
              "LIKE pattern ends with the escape character: '" + pattern + "'");
        }
        char n = pattern.charAt(++i);
        cur.append(n);
        re.append(Pattern.quote(String.valueOf(n)));
        endsWithPercent = false;
      } else if (c == '%') {
        if (i == 0) {
          startsWithPercent = true;
        }
        segs.add(cur.toString());
        cur.setLength(0);
        re.append(".*");
        endsWithPercent = true;
      } else if (c == '_') {
        underscore = true;
        re.append('.');
        endsWithPercent = false;
      } else {
        cur.append(c);
        re.append(Pattern.quote(String.valueOf(c)));
        endsWithPercent = false;
      }
    }
    segs.add(cur.toString());
    if (underscore) {
      return new LikeMatcher(null, false, false, Pattern.compile(re.toString(), Pattern.DOTALL));
    }
    List<byte[]> nonEmpty = new ArrayList<>();
    for (String s : segs) {
      if (!s.isEmpty()) {
        nonEmpty.add(s.getBytes(StandardCharsets.UTF_8));
      }
    }
    // a pattern without '%' is an exact match: one segment anchored on both sides
    return new LikeMatcher(
        nonEmpty.toArray(new byte[0][]), !startsWithPercent, !endsWithPercent, null);
  }

  public boolean matches(byte[] s) {
    if (regex != null) {
      return regex.matcher(new String(s, StandardCharsets.UTF_8)).matches();
    }
    return matchSegments(s, 0, s.length);
  }

  public boolean matches(long address, int length) {
    if (regex != null) {
      return matches(StringOps.bytes(address, length));
    }
    return matchSegments(null, address, length);
  }

  private static byte at(byte[] arr, long addr, int i) {
    return arr != null ? arr[i] : MemoryUtil.getByte(addr + i);
  }

  private boolean regionEquals(byte[] arr, long addr, int pos, byte[] seg) {
    for (int j = 0; j < seg.length; j++) {
      if (at(arr, addr, pos + j) != seg[j]) {
        return false;
      }
    }
    return true;
  }

  private int find(byte[] arr, long addr, int from, int to, byte[] seg) {
    int n = seg.length;
    byte first = seg[0];
    for (int i = from; i <= to - n; i++) {
      if (at(arr, addr, i) == first && regionEquals(arr, addr, i, seg)) {
        return i;
      }
    }
    return -1;
  }

  private boolean matchSegments(byte[] arr, long addr, int len) {
    int k = segments.length;
    if (k == 0) {
      // "" matches only the empty string; "%"... matches anything
      return !(anchoredStart && anchoredEnd) || len == 0;
    }
    int pos = 0;
    int end = len;
    int first = 0;
    int last = k - 1;
    if (anchoredStart) {
      byte[] s = segments[0];
      if (s.length > len || !regionEquals(arr, addr, 0, s)) {
        return false;
      }
      pos = s.length;
      first = 1;
      if (k == 1 && anchoredEnd) {
        return len == s.length;
      }
    }
    if (anchoredEnd && last >= first) {
      byte[] s = segments[last];
      if (s.length > end - pos || !regionEquals(arr, addr, end - s.length, s)) {
        return false;
      }
      end -= s.length;
      last--;
    }
    for (int i = first; i <= last; i++) {
      int at = find(arr, addr, pos, end, segments[i]);
      if (at < 0) {
        return false;
      }
      pos = at + segments[i].length;
    }
    return true;
  }
}
