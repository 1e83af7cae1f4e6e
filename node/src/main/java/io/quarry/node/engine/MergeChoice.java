package io.quarry.node.engine;

import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether each merge of partial aggregates in a plan (see {@link MergedPartialsNode}) is worth
 * running as a merge. It is when the cache holds it, or holds what it is merged from: the previous
 * version's merge, or the old shards' partials the first time. It is not when those could not be
 * kept (results larger than the cache keeps, as for a grouping by a key with millions of values):
 * merging then adds a pass over every group to a query that recomputes its shards anyway, so the
 * merge runs as its shards' fragments, side by side under the final aggregation, as planned. Only
 * how the query runs changes: its key and its fragments' keys are those of the plan.
 */
final class MergeChoice {
  private MergeChoice() {}

  /**
   * {@code plan} with every merge replaced by its shards' fragments: the plan as planning gives it,
   * for a query that bypasses the cache (a merge is worth its extra step only when the cache holds
   * its older part).
   */
  static PlanNode perShard(PlanNode plan) {
    return of(plan, merge -> false, merge -> true);
  }

  /**
   * {@code plan} with the merges not worth running replaced by their shards' fragments, or {@code
   * plan} itself if none is.
   */
  static PlanNode of(PlanNode plan, Predicate<PlanNode> cached, Predicate<PlanNode> tooLarge) {
    PlanNode out = PlanExchanges.rewrite(plan, exchange -> choose(exchange, cached, tooLarge));
    return out == null ? plan : out;
  }

  private static PlanNode choose(
      ExchangeNode exchange, Predicate<PlanNode> cached, Predicate<PlanNode> tooLarge) {
    List<PlanNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (PlanNode input : exchange.inputs()) {
      if (input instanceof MergedPartialsNode merge && !worthIt(merge, cached, tooLarge)) {
        inputs.addAll(merge.fragments());
        changed = true;
        continue;
      }
      PlanNode in = PlanExchanges.rewrite(input, e -> choose(e, cached, tooLarge));
      if (in == null) {
        return null;
      }
      changed |= in != input;
      inputs.add(in);
    }
    return changed ? new ExchangeNode(inputs) : exchange;
  }

  private static boolean worthIt(
      MergedPartialsNode merge, Predicate<PlanNode> cached, Predicate<PlanNode> tooLarge) {
    if (cached.test(merge)) {
      return true;
    }
    if (tooLarge.test(merge)) {
      return false;
    }
    if (merge.olderPart() != null) {
      return !tooLarge.test(merge.olderPart());
    }
    return cached.test(merge.fragments().get(0));
  }
}
