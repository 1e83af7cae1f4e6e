package io.quarry.exec.codegen;

import org.apache.arrow.vector.FieldVector;

/**
 * Base of generated classes. {@code exact} selects the variant that holds decimals wider than 18
 * digits as BigDecimal (see {@link CodeGenerator}); without such decimals both are the same code.
 */
public abstract class Kernel {
  protected final Object[] c;

  protected Kernel(Object[] c) {
    this.c = c;
  }

  /**
   * Writes into {@code out} the indices of the rows where the condition is TRUE, taken from {@code
   * sel[0..count)} or, when {@code sel} is null, from {@code 0..count}; returns how many.
   */
  public int filter(FieldVector[] in, int[] sel, int count, int[] out, boolean exact) {
    throw new UnsupportedOperationException("not a filter");
  }

  /**
   * Evaluates expression {@code expr} for the rows {@code sel[0..count)} (or {@code 0..count}),
   * writing row r of the result into row r of the empty vector {@code out}, and sets its value
   * count.
   */
  public void project(
      int expr, FieldVector[] in, int[] sel, int count, FieldVector out, boolean exact) {
    throw new UnsupportedOperationException("not a projection");
  }
}
