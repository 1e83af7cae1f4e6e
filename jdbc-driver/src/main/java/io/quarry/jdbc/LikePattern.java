package io.quarry.jdbc;

/**
 * DatabaseMetaData name patterns: {@code %} any run, {@code _} one character, {@code \} escapes the
 * next character; null matches everything.
 */
final class LikePattern {
  private LikePattern() {}

  static boolean matches(String pattern, String name) {
    if (pattern == null) {
      return true;
    }
    return matches(pattern, 0, name, 0);
  }

  private static boolean matches(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '%') {
        while (pi < p.length() && p.charAt(pi) == '%') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (matches(p, pi, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      if (c == '_') {
        pi++;
        si++;
        continue;
      }
      if (c == '\\' && pi + 1 < p.length()) {
        pi++;
        c = p.charAt(pi);
      }
      if (c != s.charAt(si)) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }
}
