package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A merge runs as a merge only where the cache can feed it; otherwise as its shards' fragments. */
class MergeChoiceTest {
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT).withNullable(false);
  private static final List<ShardRef> SHARDS =
      List.of(
          new ShardRef("bafkreia", 1, 10),
          new ShardRef("bafkreib", 1, 10),
          new ShardRef("bafkreic", 1, 10));

  private static AggregateNode partial(ShardRef shard) {
    ScanNode scan = new ScanNode(shard, List.of(new Column("k", DataType.of(TypeKind.INT))), null);
    return new AggregateNode(
        scan,
        List.of(0),
        List.of(new AggCall(AggFunction.COUNT_STAR, List.of(), -1, BIGINT, "n")),
        AggPhase.PARTIAL);
  }

  private static PlanNode finalOver(PlanNode input) {
    AggregateNode p = partial(SHARDS.get(0));
    return new AggregateNode(new ExchangeNode(List.of(input)), List.of(0), p.calls(), AggPhase.FINAL);
  }

  private static Predicate<PlanNode> only(Set<PlanNode> nodes) {
    return nodes::contains;
  }

  private static List<PlanNode> exchangeInputs(PlanNode plan) {
    return plan.inputs().get(0).inputs();
  }

  @Test
  void mergesRunWhereTheCacheFeedsThem() {
    MergedPartialsNode grown = new MergedPartialsNode(partial(SHARDS.get(0)), SHARDS, 2);
    PlanNode plan = finalOver(grown);
    Predicate<PlanNode> nothing = n -> false;

    // The previous version's merge was not found too large: merging is the plan.
    assertSame(plan, MergeChoice.of(plan, nothing, nothing));
    assertSame(plan, MergeChoice.of(plan, only(Set.of(grown)), only(Set.of(grown.olderPart()))));
    // It was: the shards' fragments side by side, as planned.
    PlanNode flat = MergeChoice.of(plan, nothing, only(Set.of(grown.olderPart())));
    assertEquals(
        List.of(partial(SHARDS.get(0)), partial(SHARDS.get(1)), partial(SHARDS.get(2))),
        exchangeInputs(flat));
    assertEquals(List.copyOf(grown.fragments()), exchangeInputs(flat));
    assertEquals(MergeChoice.perShard(plan), flat);
    assertEquals(flat, MergeChoice.of(plan, nothing, only(Set.of(grown))));

    // A first merge: worth it when the old shards' partials are cached.
    MergedPartialsNode first = new MergedPartialsNode(partial(SHARDS.get(0)), SHARDS.subList(0, 2), 0);
    PlanNode firstPlan = finalOver(first);
    assertSame(
        firstPlan, MergeChoice.of(firstPlan, only(Set.of(first.fragments().get(0))), nothing));
    assertEquals(2, exchangeInputs(MergeChoice.of(firstPlan, nothing, nothing)).size());
  }
}
