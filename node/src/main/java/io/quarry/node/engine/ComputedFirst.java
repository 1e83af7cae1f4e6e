package io.quarry.node.engine;

import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A plan whose exchanges list the inputs that must be computed before those the result cache
 * holds. An exchange is an unordered union whose inputs are claimed in list order, so this changes
 * no row, only when work starts: after an append the new shard's fragment starts at once instead
 * of after every cached partial has been replayed. Keys are unaffected: fragments keep their
 * nodes, and the query is keyed by the plan as planned.
 */
final class ComputedFirst {
  private ComputedFirst() {}

  /** {@code plan} with each exchange's inputs reordered, or {@code plan} itself if none moved. */
  static PlanNode of(PlanNode plan, Predicate<PlanNode> cached) {
    PlanNode out = PlanExchanges.rewrite(plan, exchange -> reorder(exchange, cached));
    return out == null ? plan : out;
  }

  /** The exchange with its computed inputs first; itself when nothing moved; null if not rebuilt. */
  private static PlanNode reorder(ExchangeNode exchange, Predicate<PlanNode> cached) {
    List<PlanNode> computed = new ArrayList<>();
    List<PlanNode> kept = new ArrayList<>();
    boolean changed = false;
    for (PlanNode input : exchange.inputs()) {
      if (cached.test(input)) {
        kept.add(input);
        continue;
      }
      PlanNode in = PlanExchanges.rewrite(input, e -> reorder(e, cached));
      if (in == null) {
        return null;
      }
      changed |= in != input || !kept.isEmpty();
      computed.add(in);
    }
    if (!changed) {
      return exchange;
    }
    computed.addAll(kept);
    return new ExchangeNode(computed);
  }
}
