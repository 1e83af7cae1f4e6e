package io.quarry.node.engine;

import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The fragments of a plan worth computing before the rest of the query is ready (see {@code
 * ResultCache.computeAhead}): the partial aggregates over shards (small results, always kept) that
 * the cache does not hold, when there are no more of them than threads to run them — the shape of
 * a recurring aggregate after an append, where the new shards' fragments are all there is to
 * compute. A cold query, with a fragment per shard to compute, starts nothing ahead.
 */
final class AheadFragments {
  private AheadFragments() {}

  static List<PlanNode> of(PlanNode plan, Predicate<PlanNode> cached, int threads) {
    List<PlanNode> out = new ArrayList<>();
    if (!collect(plan, cached, out, threads)) {
      return List.of();
    }
    return out;
  }

  /** Adds the candidates under {@code node}; false as soon as there are too many. */
  private static boolean collect(
      PlanNode node, Predicate<PlanNode> cached, List<PlanNode> out, int threads) {
    if (node instanceof ExchangeNode exchange) {
      for (PlanNode input : exchange.inputs()) {
        if (ExchangeNode.within(input)) {
          if (!collect(input, cached, out, threads)) {
            return false;
          }
        } else if (input instanceof AggregateNode a
            && a.phase() == AggPhase.PARTIAL
            && !cached.test(input)) {
          out.add(input);
          if (out.size() > threads) {
            return false;
          }
        }
      }
      return true;
    }
    for (PlanNode input : node.inputs()) {
      if (!collect(input, cached, out, threads)) {
        return false;
      }
    }
    return true;
  }
}
