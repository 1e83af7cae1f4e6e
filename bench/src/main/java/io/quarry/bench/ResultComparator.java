package io.quarry.bench;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether two answers to the same query agree. Same row and column counts; exact numbers
 * (integers, decimals) equal after normalising scale; when either side is floating point, equal
 * within 1e-9 relative, or within half a unit of the last place of the other side's decimal scale
 * (an engine may round an average or a quotient to its decimal type); text, dates and booleans
 * equal. Rows are compared in order when the query orders its result, else as sorted multisets.
 */
public final class ResultComparator {
  static final double RELATIVE_TOLERANCE = 1e-9;

  private ResultComparator() {}

  /** The outcome: {@code matches}, or the first difference found, for a person to read. */
  public record Comparison(boolean matches, String difference) {
    static final Comparison MATCH = new Comparison(true, "");
  }

  public static Comparison compare(QueryAnswer expected, QueryAnswer actual, boolean ordered) {
    if (expected.columns().size() != actual.columns().size()) {
      return new Comparison(
          false,
          "expected "
              + expected.columns().size()
              + " columns "
              + expected.columns()
              + ", got "
              + actual.columns().size()
              + " "
              + actual.columns());
    }
    if (expected.rows().size() != actual.rows().size()) {
      return new Comparison(
          false, "expected " + expected.rows().size() + " rows, got " + actual.rows().size());
    }
    List<List<Object>> e = expected.rows();
    List<List<Object>> a = actual.rows();
    if (!ordered) {
      e = sorted(e);
      a = sorted(a);
    }
    for (int r = 0; r < e.size(); r++) {
      for (int c = 0; c < expected.columns().size(); c++) {
        Object x = e.get(r).get(c);
        Object y = a.get(r).get(c);
        if (!cellsEqual(x, y)) {
          return new Comparison(
              false,
              String.format(
                  "%s row %d, column %d (%s): expected %s, got %s",
                  ordered ? "ordered" : "sorted",
                  r + 1,
                  c + 1,
                  expected.columns().get(c),
                  describe(x),
                  describe(y)));
        }
      }
    }
    return Comparison.MATCH;
  }

  static boolean cellsEqual(Object x, Object y) {
    if (x == null || y == null) {
      return x == y;
    }
    if (x instanceof Number nx && y instanceof Number ny) {
      if (x instanceof Double || y instanceof Double) {
        return approximatelyEqual(nx, ny);
      }
      return exact(nx).compareTo(exact(ny)) == 0;
    }
    return x.equals(y);
  }

  private static boolean approximatelyEqual(Number x, Number y) {
    double a = x.doubleValue();
    double b = y.doubleValue();
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
      return Double.compare(a, b) == 0;
    }
    double diff = Math.abs(a - b);
    if (diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))) {
      return true;
    }
    int scale = -1;
    if (x instanceof BigDecimal d) {
      scale = d.scale();
    } else if (y instanceof BigDecimal d) {
      scale = d.scale();
    }
    return scale >= 0 && diff <= 0.5 * Math.pow(10, -scale) * (1 + RELATIVE_TOLERANCE);
  }

  private static BigDecimal exact(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    return BigDecimal.valueOf(n.longValue());
  }

  private static String describe(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString() + " (decimal)";
    }
    if (v instanceof Double) {
      return v + " (double)";
    }
    if (v instanceof String) {
      return "'" + v + "'";
    }
    return v.toString();
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(ROW_ORDER);
    return copy;
  }

  private static final Comparator<List<Object>> ROW_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = compareCells(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareCells(Object x, Object y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    if (x instanceof Number nx && y instanceof Number ny) {
      if (x instanceof Double || y instanceof Double) {
        return Double.compare(nx.doubleValue(), ny.doubleValue());
      }
      return exact(nx).compareTo(exact(ny));
    }
    if (x.getClass() == y.getClass() && x instanceof Comparable cx) {
      return cx.compareTo(y);
    }
    if (x instanceof Temporal && y instanceof Temporal) {
      return x.toString().compareTo(y.toString());
    }
    return x.getClass().getName().compareTo(y.getClass().getName());
  }
}
