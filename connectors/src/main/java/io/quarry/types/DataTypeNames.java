package io.quarry.types;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses SQL type names as people write them in type overrides and as {@link DataType#sqlName()}
 * prints them: BOOLEAN/BOOL, INT/INTEGER/SMALLINT/TINYINT, BIGINT, DOUBLE/FLOAT/REAL, DECIMAL(p, s)
 * or NUMERIC(p, s) (DECIMAL(p) has scale 0, bare DECIMAL is DECIMAL(38, 0)), DATE,
 * TIMESTAMP, VARCHAR/VARCHAR(n)/STRING/TEXT, with an optional NOT NULL.
 */
public final class DataTypeNames {
  private static final Pattern DECIMAL =
      Pattern.compile("(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
  private static final Pattern VARCHAR = Pattern.compile("(?:VARCHAR|CHAR|CHARACTER VARYING)\\s*\\(\\s*\\d+\\s*\\)");

  private DataTypeNames() {}

  /** The type named by {@code text}; IllegalArgumentException naming the text if it is not one. */
  public static DataType parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    boolean notNull = false;
    if (t.endsWith(" NOT NULL")) {
      notNull = true;
      t = t.substring(0, t.length() - " NOT NULL".length()).trim();
    }
    DataType type = parseNullable(t, text);
    return type.withNullable(!notNull);
  }

  private static DataType parseNullable(String t, String original) {
    Matcher decimal = DECIMAL.matcher(t);
    if (decimal.matches()) {
      int precision = Integer.parseInt(decimal.group(1));
      int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
      if (precision < 1 || precision > DataType.MAX_DECIMAL_PRECISION || scale > precision) {
        throw new IllegalArgumentException(
            "bad type '" + original + "': DECIMAL needs 1 <= precision <= 38 and scale <= precision");
      }
      return DataType.decimal(precision, scale);
    }
    if (VARCHAR.matcher(t).matches()) {
      return DataType.of(TypeKind.VARCHAR);
    }
    return switch (t) {
      case "BOOLEAN", "BOOL" -> DataType.of(TypeKind.BOOLEAN);
      case "INT", "INTEGER", "INT4", "SMALLINT", "TINYINT" -> DataType.of(TypeKind.INT);
      case "BIGINT", "INT8", "LONG" -> DataType.of(TypeKind.BIGINT);
      case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8", "REAL" -> DataType.of(TypeKind.DOUBLE);
      case "DECIMAL", "NUMERIC" -> DataType.decimal(DataType.MAX_DECIMAL_PRECISION, 0);
      case "DATE" -> DataType.of(TypeKind.DATE);
      case "TIMESTAMP" -> DataType.of(TypeKind.TIMESTAMP);
      case "VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER VARYING" -> DataType.of(TypeKind.VARCHAR);
      case "INTERVAL DAY TO SECOND" -> DataType.of(TypeKind.INTERVAL_DAY_TIME);
      case "INTERVAL YEAR TO MONTH" -> DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
      case "NULL" -> DataType.of(TypeKind.NULL);
      default -> throw new IllegalArgumentException(
          "unknown type '" + original + "' (expected BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s),"
              + " DATE, TIMESTAMP or VARCHAR)");
    };
  }
}
