package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;

/** Output: every input column, then one column per call, group after group. Row order is not kept. */
public record WindowNode(PlanNode input, List<WindowGroup> groups) implements PlanNode {
  public WindowNode {
    requireNonNull(input, "input is null");
    groups = List.copyOf(requireNonNull(groups, "groups is null"));
  }

  @Override
  public List<Column> schema() {
    List<Column> out = new ArrayList<>(input.schema());
    for (WindowGroup g : groups) {
      for (WindowCall c : g.calls()) {
        out.add(new Column(c.name(), c.type()));
      }
    }
    return out;
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of(input);
  }
}
