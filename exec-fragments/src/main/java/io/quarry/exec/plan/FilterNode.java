package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.expr.Expr;
import io.quarry.types.Column;
import java.util.List;

/** Keeps the rows for which {@code condition} is true. */
public record FilterNode(PlanNode input, Expr condition) implements PlanNode {
  public FilterNode {
    requireNonNull(input, "input is null");
    requireNonNull(condition, "condition is null");
  }

  @Override
  public List<Column> schema() {
    return input.schema();
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of(input);
  }
}
