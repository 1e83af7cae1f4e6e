package io.quarry.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds references to schema {@code system} in SQL text. SYSTEM is a reserved word for Calcite's
 * parser, so an unquoted {@code system.cache} (or {@code quarry.system.cache}) is quoted ({@code
 * "system".cache}) before parsing; an
 * unquoted {@code system} followed by a dot is never valid SQL otherwise, so this cannot change the
 * meaning of a statement. String literals, quoted identifiers and comments are left alone.
 */
final class SystemReferences {
  /** The text with each unquoted {@code system.} quoted, and where quotes were inserted. */
  record Quoted(String sql, List<int[]> insertions, boolean mentionsSystem) {
    /**
     * The column in the original text of {@code column} (1-based) on {@code line} of the quoted
     * text: each insertion before it on that line added two characters.
     */
    int originalColumn(int line, int column) {
      int shift = 0;
      for (int[] at : insertions) {
        if (at[0] == line && at[1] < column - shift) {
          shift += 2;
        }
      }
      return column - shift;
    }
  }

  private SystemReferences() {}

  static Quoted quote(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 8);
    List<int[]> insertions = new ArrayList<>();
    boolean mentions = false;
    int line = 1;
    int lineStart = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(sql, i, c);
        String quoted = sql.substring(i, end);
        if (c == '"'
            && quoted.equalsIgnoreCase("\"" + SystemSchema.NAME + "\"")
            && dotFollows(sql, end)) {
          mentions = true;
        }
        for (int k = i; k < end; k++) {
          if (sql.charAt(k) == '\n') {
            line++;
            lineStart = k + 1;
          }
        }
        out.append(quoted);
        i = end;
      } else if (sql.startsWith("--", i)) {
        int nl = sql.indexOf('\n', i);
        int end = nl < 0 ? n : nl;
        out.append(sql, i, end);
        i = end;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        int end = close < 0 ? n : close + 2;
        for (int k = i; k < end; k++) {
          if (sql.charAt(k) == '\n') {
            line++;
            lineStart = k + 1;
          }
        }
        out.append(sql, i, end);
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < n
            && (Character.isLetterOrDigit(sql.charAt(end))
                || sql.charAt(end) == '_'
                || sql.charAt(end) == '$')) {
          end++;
        }
        String word = sql.substring(i, end);
        boolean qualifier = i == 0 || sql.charAt(i - 1) != '.' || afterCatalog(sql, i - 1);
        if (qualifier
            && word.toLowerCase(Locale.ROOT).equals(SystemSchema.NAME)
            && dotFollows(sql, end)) {
          insertions.add(new int[] {line, i - lineStart + 1});
          out.append('"').append(SystemSchema.NAME).append('"');
          mentions = true;
        } else {
          out.append(word);
        }
        i = end;
      } else {
        if (c == '\n') {
          line++;
          lineStart = i + 1;
        }
        out.append(c);
        i++;
      }
    }
    return new Quoted(out.toString(), insertions, mentions);
  }

  /**
   * Whether {@code sql} may read a system table (a {@code system.} or {@code "system".} prefix).
   */
  static boolean mentionsSystem(String sql) {
    return quote(sql).mentionsSystem();
  }

  /** The index after the literal or quoted identifier starting at {@code start}. */
  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** Whether the dot at {@code dot} follows the catalog's name ({@code quarry.system.cache}). */
  private static boolean afterCatalog(String sql, int dot) {
    String catalog = SqlFrontend.CATALOG;
    int start = dot - catalog.length();
    return start >= 0
        && sql.regionMatches(true, start, catalog, 0, catalog.length())
        && (start == 0
            || !Character.isLetterOrDigit(sql.charAt(start - 1)) && sql.charAt(start - 1) != '_');
  }

  private static boolean dotFollows(String sql, int from) {
    int i = from;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i < sql.length() && sql.charAt(i) == '.';
  }
}
