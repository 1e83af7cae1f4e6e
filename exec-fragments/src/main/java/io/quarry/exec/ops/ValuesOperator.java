package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.vector.Batches;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Literal rows, in batches of at most the context's batch size. */
public final class ValuesOperator implements Operator {
  private final ValuesNode node;
  private final ExecContext ctx;
  private final Schema schema;
  private int next;

  public ValuesOperator(ValuesNode node, ExecContext ctx) {
    this.node = requireNonNull(node, "node is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.schema = ArrowTypes.toSchema(node.schema());
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    List<List<Object>> rows = node.rows();
    if (next >= rows.size()) {
      return null;
    }
    int end = Math.min(rows.size(), next + ctx.batchSize());
    VectorSchemaRoot batch =
        Batches.fromRows(node.schema(), rows.subList(next, end), ctx.allocator());
    next = end;
    return batch;
  }

  @Override
  public void close() {
    next = Integer.MAX_VALUE;
  }
}
