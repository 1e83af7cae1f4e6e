package io.quarry.bench;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The rows a query returned, with values normalised across drivers: integers as Long, exact numbers
 * as BigDecimal, floating point as Double, DATE as LocalDate, TIMESTAMP as LocalDateTime, text as
 * String.
 */
public record QueryAnswer(List<String> columns, List<List<Object>> rows) {
  public QueryAnswer {
    requireNonNull(columns, "columns is null");
    requireNonNull(rows, "rows is null");
    columns = List.copyOf(columns);
    rows = Collections.unmodifiableList(new ArrayList<>(rows));
  }

  /** Reads the whole result set (and leaves closing it to the caller). */
  public static QueryAnswer read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> columns = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      columns.add(md.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Object[] row = new Object[n];
      for (int i = 0; i < n; i++) {
        row[i] = normalize(rs.getObject(i + 1));
      }
      rows.add(Collections.unmodifiableList(Arrays.asList(row)));
    }
    return new QueryAnswer(columns, rows);
  }

  static Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : new BigDecimal(b);
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof java.time.OffsetDateTime t) {
      return t.toLocalDateTime();
    }
    if (v instanceof LocalDate || v instanceof LocalDateTime) {
      return v;
    }
    if (v instanceof Long
        || v instanceof Double
        || v instanceof BigDecimal
        || v instanceof String
        || v instanceof Boolean) {
      return v;
    }
    return v.toString();
  }
}
