package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.expr.Expr;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;

/** Computes one output column per expression. */
public record ProjectNode(PlanNode input, List<Expr> exprs, List<String> names)
    implements PlanNode {
  public ProjectNode {
    requireNonNull(input, "input is null");
    exprs = List.copyOf(requireNonNull(exprs, "exprs is null"));
    names = List.copyOf(requireNonNull(names, "names is null"));
    if (exprs.size() != names.size()) {
      throw new IllegalArgumentException("exprs and names differ in size");
    }
  }

  @Override
  public List<Column> schema() {
    List<Column> columns = new ArrayList<>(exprs.size());
    for (int i = 0; i < exprs.size(); i++) {
      columns.add(new Column(names.get(i), exprs.get(i).type()));
    }
    return columns;
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of(input);
  }
}
