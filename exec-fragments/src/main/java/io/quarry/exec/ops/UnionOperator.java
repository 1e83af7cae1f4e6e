package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.UnionNode;
import io.quarry.exec.vector.Batches;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** UNION ALL: every batch of the first input, then of the second, and so on. */
public final class UnionOperator implements Operator {
  private final List<Operator> inputs;
  private final Schema schema;
  private int current;

  public UnionOperator(UnionNode node, List<Operator> inputs) {
    this.inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    this.schema = ArrowTypes.toSchema(node.schema());
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (current < inputs.size()) {
      Operator in = inputs.get(current);
      VectorSchemaRoot batch = in.next();
      if (batch != null) {
        return Batches.withSchema(batch, schema);
      }
      in.close();
      current++;
    }
    return null;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Operator in : inputs) {
      try {
        in.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
