package io.quarry.jdbc;

import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.sql.Types;

/** How each Quarry type appears through JDBC: type code, name, sizes and Java class. */
final class JdbcTypes {
  private JdbcTypes() {}

  static int jdbcType(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> Types.BOOLEAN;
      case INT -> Types.INTEGER;
      case BIGINT -> Types.BIGINT;
      case DOUBLE -> Types.DOUBLE;
      case DECIMAL -> Types.DECIMAL;
      case DATE -> Types.DATE;
      case TIMESTAMP -> Types.TIMESTAMP;
      case VARCHAR -> Types.VARCHAR;
      case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> Types.OTHER;
      case NULL -> Types.NULL;
    };
  }

  static String typeName(DataType type) {
    return switch (type.kind()) {
      case DECIMAL -> "DECIMAL";
      default -> type.sqlName();
    };
  }

  /** Column size as DatabaseMetaData.getColumns reports it (digits, characters or length). */
  static int precision(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> 1;
      case INT -> 10;
      case BIGINT -> 19;
      case DOUBLE -> 15;
      case DECIMAL -> type.precision();
      case DATE -> 10;
      case TIMESTAMP -> 26;
      case VARCHAR -> Integer.MAX_VALUE;
      case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> 19;
      case NULL -> 0;
    };
  }

  static int scale(DataType type) {
    return switch (type.kind()) {
      case DECIMAL -> type.scale();
      case TIMESTAMP -> 6;
      default -> 0;
    };
  }

  static Integer decimalDigits(DataType type) {
    return switch (type.kind()) {
      case INT, BIGINT, DECIMAL, TIMESTAMP, BOOLEAN -> scale(type);
      default -> null;
    };
  }

  static int displaySize(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> 5;
      case INT -> 11;
      case BIGINT -> 20;
      case DOUBLE -> 24;
      case DECIMAL -> type.precision() + 2;
      case DATE -> 10;
      case TIMESTAMP -> 26;
      case VARCHAR -> Integer.MAX_VALUE;
      case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> 32;
      case NULL -> 4;
    };
  }

  static String className(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> Boolean.class.getName();
      case INT -> Integer.class.getName();
      case BIGINT -> Long.class.getName();
      case DOUBLE -> Double.class.getName();
      case DECIMAL -> java.math.BigDecimal.class.getName();
      case DATE -> java.sql.Date.class.getName();
      case TIMESTAMP -> java.sql.Timestamp.class.getName();
      case VARCHAR -> String.class.getName();
      case INTERVAL_DAY_TIME -> java.time.Duration.class.getName();
      case INTERVAL_YEAR_MONTH -> java.time.Period.class.getName();
      case NULL -> Object.class.getName();
    };
  }

  static boolean isSigned(DataType type) {
    return type.isNumeric()
        || type.kind() == TypeKind.INTERVAL_DAY_TIME
        || type.kind() == TypeKind.INTERVAL_YEAR_MONTH;
  }

  /** Radix for numeric types, null otherwise. */
  static Integer radix(DataType type) {
    return type.isNumeric() ? 10 : null;
  }
}
