package io.quarry.planner;

import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.types.Column;
import io.quarry.types.TypeKind;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** Prints expressions for EXPLAIN: columns by name, literals in SQL form, calls as OP(args). */
final class ExprPrinter {
  private ExprPrinter() {}

  static String print(Expr expr, List<Column> input) {
    if (expr instanceof ColumnRef ref) {
      return ref.index() < input.size() ? input.get(ref.index()).name() : "$" + ref.index();
    }
    if (expr instanceof Literal literal) {
      return literal(literal);
    }
    Call call = (Call) expr;
    String args = call.args().stream().map(a -> print(a, input)).collect(Collectors.joining(", "));
    if (call.op() == io.quarry.exec.expr.Op.CAST) {
      return "CAST(" + args + " AS " + call.type().sqlName() + ")";
    }
    return call.op() + "(" + args + ")";
  }

  private static String literal(Literal literal) {
    Object v = literal.value();
    if (v == null) {
      return "NULL";
    }
    TypeKind kind = literal.type().kind();
    return switch (kind) {
      case VARCHAR -> "'" + v.toString().replace("'", "''") + "'";
      case DATE -> "DATE '" + LocalDate.ofEpochDay(((Number) v).longValue()) + "'";
      case TIMESTAMP -> "TIMESTAMP(" + v + "us)";
      case INTERVAL_DAY_TIME -> "INTERVAL(" + v + "ms)";
      case INTERVAL_YEAR_MONTH -> "INTERVAL(" + v + " months)";
      default -> v.toString();
    };
  }
}
