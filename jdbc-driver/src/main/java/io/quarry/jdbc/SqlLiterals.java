package io.quarry.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Renders a PreparedStatement parameter as a SQL literal. Strings are quoted with embedded quotes
 * doubled, which is the only escape standard SQL has, so a value can never end its literal early.
 */
final class SqlLiterals {
  private SqlLiterals() {}

  static String literal(Object value) throws SQLException {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof String || value instanceof Character) {
      return quote(value.toString());
    }
    if (value instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof java.math.BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new SQLException("Cannot bind " + d + " as a SQL literal", "22023");
      }
      String s = Double.toString(d);
      return s.contains("E") ? s : s + "E0";
    }
    if (value instanceof Date d) {
      return "DATE '" + d.toLocalDate() + "'";
    }
    if (value instanceof LocalDate d) {
      return "DATE '" + d + "'";
    }
    if (value instanceof Timestamp t) {
      return "TIMESTAMP '" + JdbcValues.formatTimestamp(t.toLocalDateTime()) + "'";
    }
    if (value instanceof LocalDateTime t) {
      return "TIMESTAMP '" + JdbcValues.formatTimestamp(t) + "'";
    }
    if (value instanceof Time t) {
      return "TIME '" + t.toLocalTime() + "'";
    }
    if (value instanceof LocalTime t) {
      return "TIME '" + t + "'";
    }
    throw new SQLFeatureNotSupportedException(
        "Cannot bind a parameter of type " + value.getClass().getName(), "0A000");
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
