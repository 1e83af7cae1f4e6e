package io.quarry.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL text split at its {@code ?} parameter markers. Markers inside string literals, quoted
 * identifiers and comments are text, not parameters. Clients that bind by substitution (Quarry's
 * JDBC driver, a node's Flight SQL prepared statements) put each value in as a SQL literal.
 */
public final class ParameterizedSql {
  private final List<String> pieces;

  private ParameterizedSql(List<String> pieces) {
    this.pieces = List.copyOf(pieces);
  }

  public static ParameterizedSql parse(String sql) {
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < n) {
          if (sql.charAt(end) == c) {
            if (end + 1 < n && sql.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        end = Math.min(end + 1, n);
        current.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        current.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        current.append(sql, i, end);
        i = end;
      } else if (c == '?') {
        pieces.add(current.toString());
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    pieces.add(current.toString());
    return new ParameterizedSql(pieces);
  }

  public int parameterCount() {
    return pieces.size() - 1;
  }

  /**
   * The SQL with each marker replaced by its literal; every parameter must be set.
   *
   * @throws UnsetParameterException naming the first parameter whose literal is null
   */
  public String bind(List<String> literals) {
    if (literals.size() != parameterCount()) {
      throw new IllegalArgumentException("expected " + parameterCount() + " literals");
    }
    StringBuilder sql = new StringBuilder(pieces.get(0));
    for (int i = 0; i < literals.size(); i++) {
      String literal = literals.get(i);
      if (literal == null) {
        throw new UnsetParameterException(i + 1);
      }
      sql.append(literal).append(pieces.get(i + 1));
    }
    return sql.toString();
  }

  /** A parameter left without a value. */
  public static final class UnsetParameterException extends IllegalArgumentException {
    public UnsetParameterException(int parameter) {
      super("Parameter " + parameter + " is not set");
    }
  }
}
