package io.quarry.node.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Result rows in one comparable form for both engines: exact numbers as BigDecimal, floating point
 * as Double, dates as LocalDate, timestamps as LocalDateTime, text as String.
 */
final class Rows {
  private Rows() {}

  static List<List<Object>> read(QueryResult result) {
    List<List<Object>> rows = new ArrayList<>();
    for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
      try (VectorSchemaRoot batch = next) {
        for (int r = 0; r < batch.getRowCount(); r++) {
          List<Object> row = new ArrayList<>();
          for (FieldVector v : batch.getFieldVectors()) {
            Object value = v.getObject(r);
            if (value != null && v instanceof DateDayVector) {
              value = LocalDate.ofEpochDay(((Number) value).longValue());
            }
            row.add(normalize(value));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  static List<List<Object>> read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        row.add(normalize(rs.getObject(c)));
      }
      rows.add(row);
    }
    return rows;
  }

  static Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Double) {
      return v;
    }
    if (v instanceof BigDecimal b) {
      return b.stripTrailingZeros();
    }
    if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (v instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof Boolean) {
      return v;
    }
    return v.toString();
  }

  /** Null if the answers agree, else the first difference. */
  static String difference(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
    if (expected.size() != actual.size()) {
      return "expected " + expected.size() + " rows, got " + actual.size() + "\nexpected: "
          + expected + "\nactual:   " + actual;
    }
    if (!ordered) {
      expected = sorted(expected);
      actual = sorted(actual);
    }
    for (int r = 0; r < expected.size(); r++) {
      List<Object> e = expected.get(r);
      List<Object> a = actual.get(r);
      if (e.size() != a.size()) {
        return "row " + r + ": expected " + e.size() + " columns, got " + a.size();
      }
      for (int c = 0; c < e.size(); c++) {
        if (!equal(e.get(c), a.get(c))) {
          return "row " + r + " column " + c + ": expected " + e + ", got " + a;
        }
      }
    }
    return null;
  }

  private static boolean equal(Object x, Object y) {
    if (x == null || y == null) {
      return x == y;
    }
    if (x instanceof Double || y instanceof Double) {
      if (!(x instanceof Number nx) || !(y instanceof Number ny)) {
        return false;
      }
      double a = nx.doubleValue();
      double b = ny.doubleValue();
      return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }
    if (x instanceof BigDecimal a && y instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    return x.equals(y);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }
}
