package io.quarry.exec.ops;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.vector.Batches;
import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Evaluates a join residual row by row over canonical Java values: comparisons, logic, NULL tests,
 * arithmetic, CASE, COALESCE and IN. Residuals are evaluated only on candidate pairs that already
 * matched the equi-keys, which keeps this off the per-input-row path.
 */
final class ExprInterpreter {
  private final Expr expr;

  ExprInterpreter(Expr expr) {
    this.expr = expr;
  }

  boolean[] evaluateTrue(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    boolean[] out = new boolean[n];
    List<FieldVector> vectors = batch.getFieldVectors();
    for (int i = 0; i < n; i++) {
      out[i] = Boolean.TRUE.equals(eval(expr, vectors, i));
    }
    return out;
  }

  private Object eval(Expr e, List<FieldVector> v, int row) {
    if (e instanceof ColumnRef c) {
      return Batches.get(v.get(c.index()), row);
    }
    if (e instanceof Literal l) {
      return l.value();
    }
    Call call = (Call) e;
    List<Expr> args = call.args();
    switch (call.op()) {
      case AND -> {
        boolean sawNull = false;
        for (Expr a : args) {
          Object x = eval(a, v, row);
          if (Boolean.FALSE.equals(x)) {
            return false;
          }
          sawNull |= x == null;
        }
        return sawNull ? null : true;
      }
      case OR -> {
        boolean sawNull = false;
        for (Expr a : args) {
          Object x = eval(a, v, row);
          if (Boolean.TRUE.equals(x)) {
            return true;
          }
          sawNull |= x == null;
        }
        return sawNull ? null : false;
      }
      case CASE -> {
        for (int i = 0; i + 1 < args.size(); i += 2) {
          if (Boolean.TRUE.equals(eval(args.get(i), v, row))) {
            return eval(args.get(i + 1), v, row);
          }
        }
        return eval(args.get(args.size() - 1), v, row);
      }
      case COALESCE -> {
        for (Expr a : args) {
          Object x = eval(a, v, row);
          if (x != null) {
            return x;
          }
        }
        return null;
      }
      default -> {
        // strict or null-aware operators over evaluated arguments, below
      }
    }
    Object a = eval(args.get(0), v, row);
    Object b = args.size() > 1 ? eval(args.get(1), v, row) : null;
    switch (call.op()) {
      case IS_NULL -> {
        return a == null;
      }
      case IS_NOT_NULL -> {
        return a != null;
      }
      case IS_TRUE -> {
        return Boolean.TRUE.equals(a);
      }
      case IS_NOT_TRUE -> {
        return !Boolean.TRUE.equals(a);
      }
      case IS_FALSE -> {
        return Boolean.FALSE.equals(a);
      }
      case IS_NOT_FALSE -> {
        return !Boolean.FALSE.equals(a);
      }
      case IS_DISTINCT_FROM -> {
        return a == null || b == null ? (a == null) != (b == null) : compare(a, b) != 0;
      }
      case IS_NOT_DISTINCT_FROM -> {
        return a == null || b == null ? (a == null) == (b == null) : compare(a, b) == 0;
      }
      case IN -> {
        if (a == null) {
          return null;
        }
        boolean sawNull = false;
        for (int i = 1; i < args.size(); i++) {
          Object x = i == 1 ? b : eval(args.get(i), v, row);
          if (x == null) {
            sawNull = true;
          } else if (compare(a, x) == 0) {
            return true;
          }
        }
        return sawNull ? null : false;
      }
      default -> {
        // strict operators below
      }
    }
    if (a == null || (args.size() > 1 && b == null)) {
      return null;
    }
    return switch (call.op()) {
      case EQ -> compare(a, b) == 0;
      case NE -> compare(a, b) != 0;
      case LT -> compare(a, b) < 0;
      case LE -> compare(a, b) <= 0;
      case GT -> compare(a, b) > 0;
      case GE -> compare(a, b) >= 0;
      case NOT -> !(Boolean) a;
      case NEGATE -> arithmetic(Op.MINUS, 0L, a, call.type());
      case PLUS, MINUS, TIMES, DIVIDE, MOD -> arithmetic(call.op(), a, b, call.type());
      default ->
          throw new QuarryException(
              ErrorCode.UNSUPPORTED, "operator " + call.op() + " in a join condition");
    };
  }

  private static Object arithmetic(Op op, Object a, Object b, DataType type) {
    switch (type.kind()) {
      case DOUBLE -> {
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return switch (op) {
          case PLUS -> x + y;
          case MINUS -> x - y;
          case TIMES -> x * y;
          case DIVIDE -> x / y;
          default -> x % y;
        };
      }
      case INT, BIGINT -> {
        long x = ((Number) a).longValue();
        long y = ((Number) b).longValue();
        if ((op == Op.DIVIDE || op == Op.MOD) && y == 0) {
          throw new QuarryException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
        }
        long r =
            switch (op) {
              case PLUS -> Math.addExact(x, y);
              case MINUS -> Math.subtractExact(x, y);
              case TIMES -> Math.multiplyExact(x, y);
              case DIVIDE -> x / y;
              default -> x % y;
            };
        return type.kind() == io.quarry.types.TypeKind.INT ? Integer.valueOf(Math.toIntExact(r)) : r;
      }
      case DECIMAL -> {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if ((op == Op.DIVIDE || op == Op.MOD) && y.signum() == 0) {
          throw new QuarryException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
        }
        BigDecimal r =
            switch (op) {
              case PLUS -> x.add(y);
              case MINUS -> x.subtract(y);
              case TIMES -> x.multiply(y);
              case DIVIDE -> x.divide(y, MathContext.DECIMAL128);
              default -> x.remainder(y);
            };
        return r.setScale(type.scale(), RoundingMode.HALF_UP);
      }
      default ->
          throw new QuarryException(
              ErrorCode.UNSUPPORTED, op + " on " + type + " in a join condition");
    }
  }

  private static BigDecimal decimal(Object x) {
    if (x instanceof BigDecimal d) {
      return d;
    }
    if (x instanceof Double d) {
      return BigDecimal.valueOf(d);
    }
    return BigDecimal.valueOf(((Number) x).longValue());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Double || y instanceof Double) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      if ((x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)) {
        return Long.compare(x.longValue(), y.longValue());
      }
      return decimal(x).compareTo(decimal(y));
    }
    if (a instanceof String x && b instanceof String y) {
      return compareCodePoints(x, y);
    }
    return ((Comparable) a).compareTo(b);
  }

  private static int compareCodePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int a = x.codePointAt(i);
      int b = y.codePointAt(j);
      if (a != b) {
        return Integer.compare(a, b);
      }
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }
}
