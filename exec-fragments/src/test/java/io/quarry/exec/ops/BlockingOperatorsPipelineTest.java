package io.quarry.exec.ops;

import static io.quarry.exec.ops.OpsTestSupport.BIGINT;
import static io.quarry.exec.ops.OpsTestSupport.INT;
import static io.quarry.exec.ops.OpsTestSupport.VARCHAR;
import static io.quarry.exec.ops.OpsTestSupport.columns;
import static io.quarry.exec.ops.OpsTestSupport.ctx;
import static io.quarry.exec.ops.OpsTestSupport.row;
import static io.quarry.exec.ops.OpsTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.plan.WindowCall;
import io.quarry.exec.plan.WindowFrame;
import io.quarry.exec.plan.WindowFunction;
import io.quarry.exec.plan.WindowGroup;
import io.quarry.exec.plan.WindowNode;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Join, aggregate, window and sort built by the Executor and stacked on one another. */
class BlockingOperatorsPipelineTest {
  private static final ValuesNode ORDERS =
      new ValuesNode(
          columns("o_id", INT, "o_cust", VARCHAR),
          List.of(row(1, "ann"), row(2, "bob"), row(3, "ann"), row(4, "cy")));
  private static final ValuesNode LINES =
      new ValuesNode(
          columns("l_order", INT, "l_qty", BIGINT),
          List.of(row(1, 5L), row(1, 7L), row(2, 1L), row(3, 2L), row(3, 3L), row(9, 100L)));

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** SELECT o_cust, SUM(l_qty), RANK() OVER (ORDER BY SUM(l_qty) DESC) ... ORDER BY 1. */
  private PlanNode plan() {
    JoinNode join = new JoinNode(ORDERS, LINES, JoinKind.LEFT, List.of(0), List.of(0), null);
    AggregateNode agg =
        new AggregateNode(
            join,
            List.of(1),
            List.of(new AggCall(AggFunction.SUM, List.of(3), BIGINT, "qty")),
            AggPhase.SINGLE);
    WindowNode window =
        new WindowNode(
            agg,
            List.of(
                new WindowGroup(
                    List.of(),
                    List.of(new SortKey(1, true, false)),
                    new WindowFrame(false, null, 0L),
                    List.of(
                        new WindowCall(
                            WindowFunction.RANK,
                            List.of(),
                            new DataType(TypeKind.BIGINT, 0, 0, false),
                            "rk")))));
    return new SortNode(window, List.of(new SortKey(0, false, false)), 0, -1);
  }

  @Test
  void executorBuildsAndRunsTheBlockingOperators() {
    for (int batchSize : new int[] {1, 2, 1024}) {
      assertEquals(
          List.of(row("ann", 17L, 1L), row("bob", 1L, 2L), row("cy", null, 3L)),
          run(Executor.build(plan(), ctx(allocator, batchSize))),
          "batch size " + batchSize);
    }
  }

  @Test
  void partialAggregatesUnderAnExchangeMergeInTheFinalOne() {
    List<AggCall> calls =
        List.of(
            new AggCall(
                AggFunction.COUNT_STAR, List.of(), new DataType(TypeKind.BIGINT, 0, 0, false), "c"),
            new AggCall(AggFunction.AVG, List.of(1), DataType.decimal(10, 2), "a"),
            new AggCall(AggFunction.MAX, List.of(1), DataType.decimal(10, 2), "m"));
    List<io.quarry.types.Column> cols = columns("k", VARCHAR, "v", DataType.decimal(10, 2));
    List<PlanNode> shards = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        rows.add(
            row(
                i % 2 == 0 ? "even" : "odd",
                new java.math.BigDecimal(s * 10 + i).movePointLeft(1)));
      }
      shards.add(
          new AggregateNode(new ValuesNode(cols, rows), List.of(0), calls, AggPhase.PARTIAL));
    }
    AggregateNode fin =
        new AggregateNode(
            new io.quarry.exec.plan.ExchangeNode(shards), List.of(0), calls, AggPhase.FINAL);
    SortNode sorted = new SortNode(fin, List.of(new SortKey(0, false, false)), 0, -1);
    assertEquals(
        List.of(
            row("even", 15L, OpsTestSupport.dec("1.40"), OpsTestSupport.dec("2.80")),
            row("odd", 15L, OpsTestSupport.dec("1.50"), OpsTestSupport.dec("2.90"))),
        run(Executor.build(sorted, ctx(allocator, 4))));
  }

  @Test
  void closingEarlyReleasesEverything() {
    List<PlanNode> plans = new ArrayList<>();
    PlanNode p = plan();
    while (true) {
      plans.add(p);
      if (p.inputs().isEmpty()) {
        break;
      }
      p = p.inputs().get(0);
    }
    for (PlanNode node : plans) {
      try (Operator op = Executor.build(node, ctx(allocator, 1))) {
        VectorSchemaRoot first = op.next();
        assertNotNull(first, node.getClass().getSimpleName());
        first.close();
      }
    }
  }
}
