package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;

/**
 * A fragment boundary: every input is an independent fragment (typically one per shard) that may
 * run in parallel, here or on another node; their rows arrive in no particular order.
 */
public record ExchangeNode(List<PlanNode> inputs) implements PlanNode {
  public ExchangeNode {
    inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("exchange of nothing");
    }
  }

  @Override
  public List<Column> schema() {
    return UnionNode.mergedSchema(inputs);
  }

  /** Whether {@code plan} has an exchange anywhere (itself included): it is not a leaf fragment. */
  public static boolean within(PlanNode plan) {
    if (plan instanceof ExchangeNode) {
      return true;
    }
    for (PlanNode in : plan.inputs()) {
      if (within(in)) {
        return true;
      }
    }
    return false;
  }
}
