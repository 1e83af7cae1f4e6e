package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.Operator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hands out batches obtained elsewhere (received from another node, computed on another thread), in
 * order; closes any not taken.
 */
public final class BatchesOperator implements Operator {
  private final Schema schema;
  private final Deque<VectorSchemaRoot> batches;

  public BatchesOperator(Schema schema, List<VectorSchemaRoot> batches) {
    this.schema = requireNonNull(schema, "schema is null");
    this.batches = new ArrayDeque<>(batches);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    return batches.poll();
  }

  @Override
  public void close() {
    for (VectorSchemaRoot b = batches.poll(); b != null; b = batches.poll()) {
      b.close();
    }
  }
}
