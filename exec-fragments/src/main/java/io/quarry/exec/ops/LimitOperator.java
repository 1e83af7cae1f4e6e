package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.vector.Batches;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Skips {@code offset} rows, passes at most {@code fetch}, and stops pulling once it has them. */
public final class LimitOperator implements Operator {
  private final Operator input;
  private final ExecContext ctx;
  private long toSkip;
  private long remaining; // -1: unlimited
  private boolean closed;

  public LimitOperator(LimitNode node, Operator input, ExecContext ctx) {
    this.input = requireNonNull(input, "input is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.toSkip = node.offset();
    this.remaining = node.fetch();
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    while (remaining != 0 && !closed) {
      VectorSchemaRoot batch = input.next();
      if (batch == null) {
        return null;
      }
      int rows = batch.getRowCount();
      int from = (int) Math.min(toSkip, rows);
      toSkip -= from;
      int take = rows - from;
      if (remaining >= 0) {
        take = (int) Math.min(take, remaining);
      }
      if (take == 0) {
        batch.close();
        continue;
      }
      if (remaining > 0) {
        remaining -= take;
      }
      if (remaining == 0) {
        // everything needed is here: release the input (and what it holds) early
        try {
          return cut(batch, from, take, rows);
        } finally {
          input.close();
        }
      }
      return cut(batch, from, take, rows);
    }
    return null;
  }

  private VectorSchemaRoot cut(VectorSchemaRoot batch, int from, int take, int rows) {
    if (from == 0 && take == rows) {
      return batch;
    }
    try {
      return Batches.slice(batch, from, take, ctx.allocator());
    } finally {
      batch.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    input.close();
  }
}
