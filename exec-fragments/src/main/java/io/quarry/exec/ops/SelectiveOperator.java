package io.quarry.exec.ops;

import io.quarry.exec.Operator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An operator that can hand out a batch together with the rows of it that pass, so that a consumer
 * evaluating expressions (a projection) reads just those rows instead of a filtered copy.
 */
public interface SelectiveOperator extends Operator {
  /**
   * The next batch with its selection, or null at the end. The caller owns (and closes) the batch;
   * the selection array belongs to this operator and is valid until its next call.
   */
  Selected nextSelected();

  /**
   * A batch and the ascending indices {@code rows[0..count)} of its passing rows; {@code rows} null
   * means all {@code count} rows pass (then count equals the batch's row count).
   */
  record Selected(VectorSchemaRoot batch, int[] rows, int count) {}
}
