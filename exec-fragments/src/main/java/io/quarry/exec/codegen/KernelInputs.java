package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Checks a batch against the column types generated code was compiled for. */
final class KernelInputs {
  private final int[] indexes;
  private final ArrowType[] types;

  KernelInputs(Map<Integer, ArrowType> columns) {
    indexes = new int[columns.size()];
    types = new ArrowType[columns.size()];
    int k = 0;
    for (Map.Entry<Integer, ArrowType> e : columns.entrySet()) {
      indexes[k] = e.getKey();
      types[k++] = e.getValue();
    }
  }

  /** The batch's vectors, after checking every referenced column exists with the expected type. */
  FieldVector[] vectors(VectorSchemaRoot batch) {
    List<FieldVector> list = batch.getFieldVectors();
    FieldVector[] in = list.toArray(new FieldVector[0]);
    for (int k = 0; k < indexes.length; k++) {
      int c = indexes[k];
      if (c >= in.length) {
        throw new QuarryException(
            ErrorCode.INTERNAL_ERROR,
            "expression reads column " + c + " of a batch with " + in.length);
      }
      ArrowType actual = in[c].getField().getType();
      if (!actual.equals(types[k])
          && !(types[k] instanceof ArrowType.Null)
          && !compatible(actual, types[k])) {
        throw new QuarryException(
            ErrorCode.INTERNAL_ERROR,
            "expression expects column " + c + " as " + types[k] + " but the batch has " + actual);
      }
    }
    return in;
  }

  /**
   * Decimals of the same scale are read the same way, except that a declared precision of at most
   * 18 digits is read without overflow checks, so the actual one must not be wider.
   */
  private static boolean compatible(ArrowType actual, ArrowType expected) {
    if (actual instanceof ArrowType.Decimal a && expected instanceof ArrowType.Decimal e) {
      return a.getScale() == e.getScale()
          && a.getBitWidth() == e.getBitWidth()
          && (e.getPrecision() > 18 || a.getPrecision() <= 18);
    }
    return false;
  }
}
