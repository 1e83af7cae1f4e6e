package io.quarry.sql;

import java.util.regex.Pattern;

/**
 * The name patterns of JDBC {@code DatabaseMetaData} and Flight SQL's metadata commands: {@code %}
 * any run, {@code _} one character, a backslash escapes the next one, and null matches every name.
 * Names match without regard to case, as identifiers do in Quarry's SQL: a client that upper-cases
 * what the user typed (sqlline does, through the Arrow Flight SQL driver) still finds the table.
 */
public final class NamePattern {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL;

  private NamePattern() {}

  public static boolean matches(String pattern, String name) {
    if (pattern == null) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), FLAGS).matcher(name).matches();
  }
}
