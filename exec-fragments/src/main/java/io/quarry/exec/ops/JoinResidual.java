package io.quarry.exec.ops;

import io.quarry.exec.ExecContext;
import io.quarry.exec.expr.Expr;
import io.quarry.types.Column;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A join's residual condition over a batch of candidate pairs (left columns, then right). */
interface JoinResidual {
  /** Whether each row's condition is true (NULL and false both reject the pair). */
  boolean[] evaluate(VectorSchemaRoot pairs);

  static JoinResidual of(Expr condition, List<Column> pairColumns, ExecContext ctx) {
    ExprInterpreter interpreter = new ExprInterpreter(condition);
    return interpreter::evaluateTrue;
  }
}
