package io.quarry.node.engine;

import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan with every {@link MergedPartialsNode} among an exchange's inputs replaced by its shards'
 * fragments: the plan as planning gives it. A merge is worth its extra step only when the cache
 * holds its older part; a query that bypasses the cache runs the fragments side by side instead.
 */
final class PerShardPlan {
  private PerShardPlan() {}

  /** {@code plan} without merges, or {@code plan} itself if it has none. */
  static PlanNode of(PlanNode plan) {
    PlanNode out = PlanExchanges.rewrite(plan, PerShardPlan::unmerged);
    return out == null ? plan : out;
  }

  private static PlanNode unmerged(ExchangeNode exchange) {
    List<PlanNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (PlanNode input : exchange.inputs()) {
      if (input instanceof MergedPartialsNode merge) {
        inputs.addAll(merge.fragments());
        changed = true;
        continue;
      }
      PlanNode in = PlanExchanges.rewrite(input, PerShardPlan::unmerged);
      if (in == null) {
        return null;
      }
      changed |= in != input;
      inputs.add(in);
    }
    return changed ? new ExchangeNode(inputs) : exchange;
  }
}
