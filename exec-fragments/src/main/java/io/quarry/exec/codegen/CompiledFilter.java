package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.expr.Expr;
import io.quarry.types.DataType;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A compiled filter condition; thread-safe and shared through {@link ExprCompiler}'s cache. */
public final class CompiledFilter {
  private final Kernel kernel;
  private final boolean hasExact;
  private final Expr condition;
  private final KernelInputs inputs;

  CompiledFilter(Kernel kernel, boolean hasExact, Expr condition, Map<Integer, DataType> columns) {
    this.kernel = kernel;
    this.hasExact = hasExact;
    this.condition = condition;
    this.inputs = new KernelInputs(ExprCompiler.arrowTypes(columns));
  }

  /**
   * The selection vector of {@code batch}: writes into {@code out} (length at least {@code count})
   * the ascending indices of the rows where the condition is TRUE, considering the rows {@code
   * sel[0..count)} or, when {@code sel} is null, all rows {@code 0..count}; returns how many.
   * {@code out} may be {@code sel} itself.
   */
  public int filter(VectorSchemaRoot batch, int[] sel, int count, int[] out) {
    FieldVector[] in = inputs.vectors(batch);
    try {
      return kernel.filter(in, sel, count, out, false);
    } catch (ArithmeticException e) {
      if (!hasExact) {
        throw overflow(e);
      }
    }
    try {
      return kernel.filter(in, sel, count, out, true);
    } catch (ArithmeticException e) {
      throw overflow(e);
    }
  }

  /** Filters all rows of a batch. */
  public int filter(VectorSchemaRoot batch, int[] out) {
    return filter(batch, null, batch.getRowCount(), out);
  }

  private QuarryException overflow(ArithmeticException e) {
    return new QuarryException(
        ErrorCode.NUMERIC_OVERFLOW,
        "numeric overflow evaluating " + condition + ": " + e.getMessage(),
        e);
  }
}
