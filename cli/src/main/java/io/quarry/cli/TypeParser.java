package io.quarry.cli;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code --type col=TYPE,...}: SQL type names as a person writes them. */
final class TypeParser {
  private static final Pattern DECIMAL =
      Pattern.compile("(?:DECIMAL|NUMERIC)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");

  private TypeParser() {}

  static Map<String, DataType> overrides(Iterable<String> specs) {
    Map<String, DataType> types = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT, "--type wants COLUMN=TYPE, got '" + spec + "'");
      }
      String column = spec.substring(0, eq).trim();
      if (types.put(column, parse(spec.substring(eq + 1))) != null) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT, "--type names column '" + column + "' twice");
      }
    }
    return types;
  }

  static DataType parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(t);
    if (decimal.matches()) {
      int precision = decimal.group(1) == null ? 38 : Integer.parseInt(decimal.group(1));
      int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
      if (precision < 1 || precision > DataType.MAX_DECIMAL_PRECISION || scale > precision) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT,
            "bad type '" + text.trim() + "': DECIMAL(p, s) needs 1 <= p <= 38 and s <= p");
      }
      return DataType.decimal(precision, scale);
    }
    TypeKind kind =
        switch (t) {
          case "BOOLEAN", "BOOL" -> TypeKind.BOOLEAN;
          case "INT", "INTEGER", "INT4", "SMALLINT", "TINYINT" -> TypeKind.INT;
          case "BIGINT", "INT8", "LONG" -> TypeKind.BIGINT;
          case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8", "REAL" -> TypeKind.DOUBLE;
          case "DATE" -> TypeKind.DATE;
          case "TIMESTAMP" -> TypeKind.TIMESTAMP;
          case "VARCHAR", "STRING", "TEXT", "CHAR" -> TypeKind.VARCHAR;
          default ->
              throw new QuarryException(
                  ErrorCode.INVALID_ARGUMENT,
                  "unknown type '"
                      + text.trim()
                      + "' (use BOOLEAN, INT, BIGINT, DOUBLE,"
                      + " DECIMAL(p,s), DATE, TIMESTAMP or VARCHAR)");
        };
    return DataType.of(kind);
  }
}
