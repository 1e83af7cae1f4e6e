package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * UNION ALL: the rows of every input, input after input. All inputs have the same column types
 * (the planner casts); a column is nullable if it is in any input. Names come from the first.
 */
public record UnionNode(List<PlanNode> inputs) implements PlanNode {
  public UnionNode {
    inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("union of nothing");
    }
  }

  @Override
  public List<Column> schema() {
    return mergedSchema(inputs);
  }

  static List<Column> mergedSchema(List<PlanNode> inputs) {
    // Each input's schema is derived once: deriving walks the input's whole plan.
    List<Column> first = inputs.get(0).schema();
    boolean[] nullable = new boolean[first.size()];
    for (PlanNode input : inputs) {
      List<Column> schema = input == inputs.get(0) ? first : input.schema();
      for (int i = 0; i < nullable.length; i++) {
        nullable[i] |= schema.get(i).type().nullable();
      }
    }
    List<Column> out = new ArrayList<>(first.size());
    for (int i = 0; i < first.size(); i++) {
      out.add(new Column(first.get(i).name(), first.get(i).type().withNullable(nullable[i])));
    }
    return out;
  }
}
