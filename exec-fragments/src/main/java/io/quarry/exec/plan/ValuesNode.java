package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.Collections;
import java.util.List;

/** Literal rows; values in the canonical Java form of their column's type (null for NULL). */
public record ValuesNode(List<Column> schema, List<List<Object>> rows) implements PlanNode {
  public ValuesNode {
    schema = List.copyOf(requireNonNull(schema, "schema is null"));
    rows = List.copyOf(requireNonNull(rows, "rows is null").stream()
        .map(r -> Collections.unmodifiableList(new java.util.ArrayList<>(r)))
        .toList());
    for (List<Object> row : rows) {
      if (row.size() != schema.size()) {
        throw new IllegalArgumentException("row has " + row.size() + " values, schema " + schema.size());
      }
    }
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of();
  }
}
