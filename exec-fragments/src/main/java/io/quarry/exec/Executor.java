package io.quarry.exec;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.UnionNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.plan.WindowNode;

/** Builds the operator tree of a plan. Operators are lazy: nothing runs until the first next(). */
public final class Executor {
  private Executor() {}

  public static Operator build(PlanNode node, ExecContext ctx) {
    if (node instanceof AggregateNode n) {
      return new io.quarry.exec.ops.HashAggregateOperator(n, build(n.input(), ctx), ctx);
    } else if (node instanceof JoinNode n) {
      return new io.quarry.exec.ops.HashJoinOperator(
          n, build(n.left(), ctx), build(n.right(), ctx), ctx);
    } else if (node instanceof SortNode n) {
      return new io.quarry.exec.ops.SortOperator(n, build(n.input(), ctx), ctx);
    } else if (node instanceof WindowNode n) {
      return new io.quarry.exec.ops.WindowOperator(n, build(n.input(), ctx), ctx);
    }
    throw unsupported(node);
  }

  private static QuarryException unsupported(PlanNode node) {
    return new QuarryException(
        ErrorCode.UNSUPPORTED, node.getClass().getSimpleName() + " cannot be executed yet");
  }
}
