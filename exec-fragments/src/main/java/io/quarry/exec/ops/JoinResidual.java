package io.quarry.exec.ops;

import io.quarry.exec.codegen.CompiledFilter;
import io.quarry.exec.codegen.ExprCompiler;
import io.quarry.exec.expr.Expr;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A join's residual condition, compiled once, over a batch of candidate pairs (left columns, then
 * right columns).
 */
final class JoinResidual {
  private final CompiledFilter filter;
  private int[] selected = new int[0];

  JoinResidual(Expr condition) {
    this.filter = ExprCompiler.filter(condition);
  }

  /** Whether each row's condition is TRUE (NULL and FALSE both reject the pair). */
  boolean[] evaluate(VectorSchemaRoot pairs) {
    int n = pairs.getRowCount();
    if (selected.length < n) {
      selected = new int[n];
    }
    int kept = filter.filter(pairs, selected);
    boolean[] pass = new boolean[n];
    for (int i = 0; i < kept; i++) {
      pass[selected[i]] = true;
    }
    return pass;
  }
}
