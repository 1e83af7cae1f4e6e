package io.quarry.bench;

import java.util.Locale;

/** Facts read from SQL text without parsing it. */
final class SqlText {
  private SqlText() {}

  /**
   * Whether the statement orders its final result: an ORDER BY outside every parenthesis (so not
   * one inside a subquery, a WITH body or an OVER clause), ignoring comments and literals.
   */
  static boolean hasTopLevelOrderBy(String sql) {
    String s = blankOutLiteralsAndComments(sql).toLowerCase(Locale.ROOT);
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0
          && s.startsWith("order", i)
          && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_')) {
        int j = i + "order".length();
        if (j < s.length() && Character.isWhitespace(s.charAt(j))) {
          while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            j++;
          }
          if (s.startsWith("by", j)
              && (j + 2 == s.length() || !Character.isLetterOrDigit(s.charAt(j + 2)))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String blankOutLiteralsAndComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < n && !(sql.charAt(end) == c && (end + 1 >= n || sql.charAt(end + 1) != c))) {
          end += sql.charAt(end) == c ? 2 : 1;
        }
        end = Math.min(end + 1, n);
        out.append(" ".repeat(end - i));
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(" ".repeat(end - i));
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(" ".repeat(end - i));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
