package io.quarry.node.engine;

import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The fragments of a plan worth computing before the rest of the query is ready (see {@code
 * ResultCache.computeAhead}): the partial aggregates over shards (small results, always kept) that
 * the cache does not hold, at most as many as there are threads to run them — the shape of a
 * recurring aggregate after an append, where the new shards' fragments are all there is to compute.
 * A cold query, whose oldest shard's fragment is not cached either, starts nothing ahead. The
 * fragments of a merge of partials the cache holds are not looked at (nor keyed) at all.
 */
final class AheadFragments {
  private AheadFragments() {}

  /**
   * Hands {@code start} each partial aggregate over shards that is not {@code cached}, newest
   * shards first (an append adds its shards last), as soon as it is found, and stops after {@code
   * threads} of them: the new shards' fragments start while the older ones are still being looked
   * up.
   */
  static void start(
      PlanNode plan, Predicate<PlanNode> cached, int threads, Consumer<PlanNode> start) {
    List<PlanNode> candidates = new ArrayList<>();
    collect(plan, cached, candidates);
    if (candidates.size() > threads && !cached.test(candidates.get(0))) {
      // Not even the oldest shard's fragment is cached: a cold query, all of it to compute.
      return;
    }
    int started = 0;
    for (int i = candidates.size() - 1; i >= 0 && started < threads; i--) {
      PlanNode fragment = candidates.get(i);
      if (!cached.test(fragment)) {
        start.accept(fragment);
        started++;
      }
    }
  }

  /**
   * The partial aggregates over shards under {@code node}, in plan order, but for those of merges
   * that are {@code cached}.
   */
  private static void collect(PlanNode node, Predicate<PlanNode> cached, List<PlanNode> out) {
    if (node instanceof ExchangeNode exchange) {
      for (PlanNode input : exchange.inputs()) {
        if (input instanceof MergedPartialsNode && cached.test(input)) {
          continue;
        }
        if (ExchangeNode.within(input)) {
          collect(input, cached, out);
        } else if (input instanceof AggregateNode a && a.phase() == AggPhase.PARTIAL) {
          out.add(input);
        }
      }
      return;
    }
    for (PlanNode input : node.inputs()) {
      collect(input, cached, out);
    }
  }
}
