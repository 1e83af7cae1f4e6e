package io.quarry.exec.ops;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * MIN, MAX, BOOL_AND (MIN over booleans), BOOL_OR (MAX), ANY_VALUE and SINGLE_VALUE. The partial
 * state is the value itself. SINGLE_VALUE counts rows (NULLs too) and fails on a second one; in the
 * FINAL phase each partial row stands for at least one row, so two partial rows are an error too.
 */
final class MinMaxAccumulator extends AggAccumulator {
  private final int column;
  private final int mode;
  private final boolean single;
  private final ValueSlots slots;
  private long[] rows = new long[16];

  MinMaxAccumulator(int column, int mode, boolean single, ValueSlots slots) {
    this.column = column;
    this.mode = mode;
    this.single = single;
    this.slots = slots;
  }

  @Override
  void ensureGroups(int groups) {
    slots.ensure(groups);
    if (single) {
      rows = grow(rows, groups);
    }
  }

  @Override
  void add(int[] gid, int n, VectorSchemaRoot batch, GroupHistogram histogram) {
    if (single) {
      for (int i = 0; i < n; i++) {
        int g = gid[i];
        if (g >= 0 && ++rows[g] > 1) {
          throw new QuarryException(
              ErrorCode.INVALID_ARGUMENT,
              "more than one row returned by a subquery used as an expression");
        }
      }
    }
    slots.update(gid, n, batch.getVector(column), mode);
  }

  @Override
  void merge(int[] gid, int n, VectorSchemaRoot batch) {
    add(gid, n, batch, null);
  }

  @Override
  void writeFinal(int from, int count, FieldVector out) {
    for (int r = 0; r < count; r++) {
      slots.write(from + r, out, r);
    }
  }

  @Override
  void writePartial(int from, int count, List<FieldVector> outs) {
    writeFinal(from, count, outs.get(0));
  }
}
