package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.expr.Expr;
import io.quarry.types.DataType;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Compiled expressions over one input; thread-safe and shared through {@link ExprCompiler}. */
public final class CompiledProjection {
  private final Kernel kernel;
  private final boolean[] hasExact;
  private final List<Expr> exprs;
  private final KernelInputs[] inputs;

  CompiledProjection(
      Kernel kernel, boolean[] hasExact, List<Expr> exprs, List<Map<Integer, DataType>> columns) {
    this.kernel = kernel;
    this.hasExact = hasExact;
    this.exprs = exprs;
    this.inputs = new KernelInputs[exprs.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = new KernelInputs(ExprCompiler.arrowTypes(columns.get(i)));
    }
  }

  public int size() {
    return exprs.size();
  }

  /**
   * Evaluates expression {@code index} for rows {@code sel[0..count)} of {@code batch} (all rows
   * {@code 0..count} when {@code sel} is null) into the empty vector {@code out} (of the
   * expression's Arrow type), which gets {@code count} values.
   */
  public void evaluate(int index, VectorSchemaRoot batch, int[] sel, int count, FieldVector out) {
    FieldVector[] in = inputs[index].vectors(batch);
    try {
      kernel.project(index, in, sel, count, out, false);
      return;
    } catch (ArithmeticException e) {
      if (!hasExact[index]) {
        throw overflow(index, e);
      }
    }
    out.clear();
    try {
      kernel.project(index, in, sel, count, out, true);
    } catch (ArithmeticException e) {
      throw overflow(index, e);
    }
  }

  private QuarryException overflow(int index, ArithmeticException e) {
    return new QuarryException(
        ErrorCode.NUMERIC_OVERFLOW,
        "numeric overflow evaluating " + exprs.get(index) + ": " + e.getMessage(),
        e);
  }
}
