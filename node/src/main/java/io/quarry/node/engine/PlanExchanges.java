package io.quarry.node.engine;

import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/** Rewrites of a plan that change its exchanges only, keeping every node above them. */
final class PlanExchanges {
  private PlanExchanges() {}

  /**
   * {@code node} with each topmost exchange under it (itself included) replaced by {@code f} of it
   * (which rewrites what lies under that exchange itself, if anything): {@code node} itself when
   * nothing changed, null when {@code f} gave null or a node could not be rebuilt. A merge's parts
   * are made when it is computed and are left alone.
   */
  static PlanNode rewrite(PlanNode node, Function<ExchangeNode, PlanNode> f) {
    if (node instanceof ExchangeNode exchange) {
      return f.apply(exchange);
    }
    if (node.inputs().isEmpty() || node instanceof MergedPartialsNode) {
      return node;
    }
    Map<PlanNode, PlanNode> rewritten = new IdentityHashMap<>();
    boolean changed = false;
    for (PlanNode input : node.inputs()) {
      PlanNode in = rewrite(input, f);
      if (in == null) {
        return null;
      }
      rewritten.put(input, in);
      changed |= in != input;
    }
    return changed ? AppendedPlan.rebuild(node, rewritten::get) : node;
  }
}
