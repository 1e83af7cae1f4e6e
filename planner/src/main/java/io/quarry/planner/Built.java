package io.quarry.planner;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A translated subtree: either one stream, or a set of per-shard leaf fragments that are still
 * open to more per-row work (filter, project, partial aggregate, partial top-N) before they are
 * gathered by an exchange.
 */
sealed interface Built {
  PlanNode gather();

  /** Applies a per-row operator on top, inside the fragments when there are any. */
  Built map(UnaryOperator<PlanNode> f);

  record Single(PlanNode node) implements Built {
    public Single {
      requireNonNull(node, "node is null");
    }

    @Override
    public PlanNode gather() {
      return node;
    }

    @Override
    public Built map(UnaryOperator<PlanNode> f) {
      return new Single(f.apply(node));
    }
  }

  record Sharded(List<PlanNode> fragments) implements Built {
    public Sharded {
      fragments = List.copyOf(requireNonNull(fragments, "fragments is null"));
      if (fragments.isEmpty()) {
        throw new IllegalArgumentException("no fragments");
      }
    }

    @Override
    public PlanNode gather() {
      return new ExchangeNode(fragments);
    }

    @Override
    public Built map(UnaryOperator<PlanNode> f) {
      return new Sharded(fragments.stream().map(f).toList());
    }
  }
}
