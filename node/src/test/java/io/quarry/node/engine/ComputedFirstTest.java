package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exchange inputs to compute are listed before cached ones; nothing else about the plan changes. */
class ComputedFirstTest {
  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  private static final List<Column> COLUMNS = List.of(new Column("v", BIGINT));
  private static final List<AggCall> SUM =
      List.of(new AggCall(AggFunction.SUM, List.of(0), -1, BIGINT, "s"));

  private static PlanNode partial(String shard) {
    return new AggregateNode(
        new ScanNode(new ShardRef(shard, 10, 100), COLUMNS, null), List.of(), SUM, AggPhase.PARTIAL);
  }

  private static PlanNode query(List<PlanNode> fragments) {
    return new LimitNode(
        new AggregateNode(new ExchangeNode(fragments), List.of(), SUM, AggPhase.FINAL), 0, 10);
  }

  @Test
  void computedInputsComeFirstInTheirOrder() {
    PlanNode a = partial("a");
    PlanNode b = partial("b");
    PlanNode c = partial("c");
    PlanNode d = partial("d");
    Set<PlanNode> cached = Set.of(a, c);
    PlanNode reordered = ComputedFirst.of(query(List.of(a, b, c, d)), cached::contains);
    assertEquals(query(List.of(b, d, a, c)), reordered);
    List<PlanNode> inputs = reordered.inputs().get(0).inputs().get(0).inputs();
    assertSame(b, inputs.get(0), "fragments are the same nodes, so their keys are too");
    assertSame(a, inputs.get(2));
  }

  @Test
  void aPlanWithNothingToMoveIsReturnedAsItIs() {
    PlanNode a = partial("a");
    PlanNode b = partial("b");
    PlanNode allComputed = query(List.of(a, b));
    assertSame(allComputed, ComputedFirst.of(allComputed, f -> false));
    assertSame(allComputed, ComputedFirst.of(allComputed, f -> true));
    PlanNode computedFirstAlready = query(List.of(b, a));
    assertSame(computedFirstAlready, ComputedFirst.of(computedFirstAlready, a::equals));
  }
}
