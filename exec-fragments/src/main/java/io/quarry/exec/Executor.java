package io.quarry.exec;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ops.ExchangeOperator;
import io.quarry.exec.ops.FilterOperator;
import io.quarry.exec.ops.HashAggregateOperator;
import io.quarry.exec.ops.HashJoinOperator;
import io.quarry.exec.ops.LimitOperator;
import io.quarry.exec.ops.MemoryGuardOperator;
import io.quarry.exec.ops.ParallelShardScanOperator;
import io.quarry.exec.ops.ProjectOperator;
import io.quarry.exec.ops.ResultOperator;
import io.quarry.exec.ops.ScanOperator;
import io.quarry.exec.ops.SortOperator;
import io.quarry.exec.ops.UnionOperator;
import io.quarry.exec.ops.ValuesOperator;
import io.quarry.exec.ops.WindowOperator;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.UnionNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.plan.WindowNode;
import java.util.ArrayList;
import java.util.List;

/** Builds the operator tree of a plan. Operators are lazy: nothing runs until the first next(). */
public final class Executor {
  private Executor() {}

  /**
   * The operator tree of {@code node}. Exceeding the query's memory limit anywhere in it surfaces
   * from next() as a MEMORY_LIMIT_EXCEEDED QuarryException.
   */
  public static Operator build(PlanNode node, ExecContext ctx) {
    return new MemoryGuardOperator(buildNode(node, ctx), ctx.allocator());
  }

  private static Operator buildNode(PlanNode node, ExecContext ctx) {
    if (ParallelShardScanOperator.splittable(node, ctx)) {
      // a scan with its filters and projections: read in row ranges at once when threads are free
      return new ParallelShardScanOperator(node, ctx);
    } else if (node instanceof ScanNode n) {
      return new ScanOperator(n, ctx);
    } else if (node instanceof FilterNode n) {
      return new FilterOperator(n, buildNode(n.input(), ctx), ctx);
    } else if (node instanceof ProjectNode n) {
      return new ProjectOperator(n, buildNode(n.input(), ctx), ctx);
    } else if (node instanceof LimitNode n) {
      return new LimitOperator(n, buildNode(n.input(), ctx), ctx);
    } else if (node instanceof UnionNode n) {
      return new UnionOperator(n, buildAll(n.inputs(), ctx));
    } else if (node instanceof ExchangeNode n) {
      return new ExchangeOperator(n, buildFragments(n.inputs(), ctx), ctx);
    } else if (node instanceof ValuesNode n) {
      return new ValuesOperator(n, ctx);
    } else if (node instanceof ResultNode n) {
      return new ResultOperator(n, ctx);
    } else if (node instanceof AggregateNode n) {
      return new HashAggregateOperator(n, buildNode(n.input(), ctx), ctx);
    } else if (node instanceof JoinNode n) {
      return new HashJoinOperator(n, buildNode(n.left(), ctx), buildNode(n.right(), ctx), ctx);
    } else if (node instanceof SortNode n) {
      return new SortOperator(n, buildNode(n.input(), ctx), ctx);
    } else if (node instanceof WindowNode n) {
      return new WindowOperator(n, buildNode(n.input(), ctx), ctx);
    } else if (node instanceof MergedPartialsNode n) {
      return new HashAggregateOperator(n.merge(), buildNode(n.inputs().get(0), ctx), ctx);
    }
    throw unsupported(node);
  }

  private static List<Operator> buildFragments(List<PlanNode> nodes, ExecContext ctx) {
    return buildAll(nodes, ctx, n -> ctx.fragments().run(n, () -> buildNode(n, ctx), ctx));
  }

  private static List<Operator> buildAll(List<PlanNode> nodes, ExecContext ctx) {
    return buildAll(nodes, ctx, n -> buildNode(n, ctx));
  }

  private static List<Operator> buildAll(
      List<PlanNode> nodes, ExecContext ctx, java.util.function.Function<PlanNode, Operator> build) {
    List<Operator> out = new ArrayList<>(nodes.size());
    try {
      for (PlanNode n : nodes) {
        out.add(build.apply(n));
      }
    } catch (RuntimeException e) {
      out.forEach(Operator::close);
      throw e;
    }
    return out;
  }

  private static QuarryException unsupported(PlanNode node) {
    return new QuarryException(
        ErrorCode.UNSUPPORTED, node.getClass().getSimpleName() + " cannot be executed yet");
  }
}
