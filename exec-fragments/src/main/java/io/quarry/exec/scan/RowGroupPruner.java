package io.quarry.exec.scan;

import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Decides from a row group's column statistics whether a filter can be TRUE for any of its rows.
 * Understands comparisons of a column with a literal (either side), AND, OR, IN, IS [NOT] NULL;
 * anything else may be true. A "false" answer is a proof: the row group is skipped.
 */
public final class RowGroupPruner {
  /** Statistics of one column in one row group; min/max in canonical Java form, null if unknown. */
  public record Stats(Object min, Object max, long nullCount, long rows) {}

  /** Column statistics by scan column index; null when a column has none. */
  public interface StatsSource {
    Stats stats(int column);
  }

  private RowGroupPruner() {}

  public static boolean mightMatch(Expr filter, StatsSource stats) {
    if (filter == null) {
      return true;
    }
    return possible(filter, stats);
  }

  private static boolean possible(Expr e, StatsSource s) {
    if (e instanceof Literal l) {
      return l.value() == null || !Boolean.FALSE.equals(l.value());
    }
    if (!(e instanceof Call c)) {
      return true;
    }
    List<Expr> a = c.args();
    switch (c.op()) {
      case AND:
        for (Expr x : a) {
          if (!possible(x, s)) {
            return false;
          }
        }
        return true;
      case OR:
        for (Expr x : a) {
          if (possible(x, s)) {
            return true;
          }
        }
        return false;
      case IS_NULL:
        if (a.get(0) instanceof ColumnRef r) {
          Stats st = s.stats(r.index());
          return st == null || st.nullCount() < 0 || st.nullCount() > 0;
        }
        return true;
      case IS_NOT_NULL:
        if (a.get(0) instanceof ColumnRef r) {
          Stats st = s.stats(r.index());
          return st == null || st.nullCount() < 0 || st.nullCount() < st.rows();
        }
        return true;
      case EQ:
      case NE:
      case LT:
      case LE:
      case GT:
      case GE:
        return comparison(c.op(), a.get(0), a.get(1), s);
      case IN:
        if (a.get(0) instanceof ColumnRef) {
          for (Expr x : a.subList(1, a.size())) {
            if (!(x instanceof Literal) || comparison(Op.EQ, a.get(0), x, s)) {
              return true;
            }
          }
          return false;
        }
        return true;
      default:
        return true;
    }
  }

  private static boolean comparison(Op op, Expr left, Expr right, StatsSource s) {
    if (right instanceof ColumnRef && left instanceof Literal) {
      return comparison(flip(op), right, left, s);
    }
    if (!(left instanceof ColumnRef r) || !(right instanceof Literal lit)) {
      return true;
    }
    if (lit.value() == null) {
      return false; // a comparison with NULL is never TRUE
    }
    Stats st = s.stats(r.index());
    if (st == null) {
      return true;
    }
    if (st.nullCount() >= 0 && st.rows() > 0 && st.nullCount() == st.rows()) {
      return false; // only NULLs: no comparison is TRUE
    }
    if (st.min() == null || st.max() == null) {
      return true;
    }
    TypeKind colKind = r.type().kind();
    Integer cmin = compare(st.min(), lit.value(), colKind, lit.type().kind());
    Integer cmax = compare(st.max(), lit.value(), colKind, lit.type().kind());
    if (cmin == null || cmax == null) {
      return true;
    }
    return switch (op) {
      case EQ -> cmin <= 0 && cmax >= 0;
      case NE -> !(cmin == 0 && cmax == 0);
      case LT -> cmin < 0;
      case LE -> cmin <= 0;
      case GT -> cmax > 0;
      case GE -> cmax >= 0;
      default -> true;
    };
  }

  private static Op flip(Op op) {
    return switch (op) {
      case LT -> Op.GT;
      case LE -> Op.GE;
      case GT -> Op.LT;
      case GE -> Op.LE;
      default -> op;
    };
  }

  /** stat compared with literal, or null when they cannot be compared safely. */
  private static Integer compare(Object stat, Object lit, TypeKind col, TypeKind litKind) {
    if (isNumeric(col) && isNumeric(litKind)) {
      BigDecimal a = decimal(stat);
      BigDecimal b = decimal(lit);
      return a == null || b == null ? null : a.compareTo(b);
    }
    if (col != litKind) {
      return null;
    }
    switch (col) {
      case DATE:
      case TIMESTAMP:
      case INTERVAL_DAY_TIME:
      case INTERVAL_YEAR_MONTH:
        return Long.compare(((Number) stat).longValue(), ((Number) lit).longValue());
      case BOOLEAN:
        return Boolean.compare((Boolean) stat, (Boolean) lit);
      case VARCHAR:
        return Arrays.compareUnsigned(
            stat.toString().getBytes(StandardCharsets.UTF_8),
            lit.toString().getBytes(StandardCharsets.UTF_8));
      default:
        return null;
    }
  }

  private static boolean isNumeric(TypeKind k) {
    return k == TypeKind.INT
        || k == TypeKind.BIGINT
        || k == TypeKind.DOUBLE
        || k == TypeKind.DECIMAL;
  }

  private static BigDecimal decimal(Object o) {
    if (o instanceof BigDecimal b) {
      return b;
    }
    if (o instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
    }
    if (o instanceof Float f) {
      return f.isNaN() || f.isInfinite() ? null : new BigDecimal(f.toString());
    }
    if (o instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    return null;
  }
}
