package io.quarry.exec.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.UnionNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BasicOperatorsTest {
  static final DataType INT = DataType.of(TypeKind.INT);
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
  static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);
  static final DataType DEC = DataType.decimal(10, 2);
  static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  static ExecContext ctx(BufferAllocator a, int batchSize) {
    return new ExecContext(
        a,
        shard -> {
          throw new IllegalStateException("no shards here");
        },
        POOL,
        batchSize);
  }

  static List<List<Object>> run(PlanNode plan, int batchSize) {
    try (RootAllocator a = new RootAllocator()) {
      List<List<Object>> out = new ArrayList<>();
      try (Operator op = Executor.build(plan, ctx(a, batchSize))) {
        for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
          try (VectorSchemaRoot batch = b) {
            assertEquals(op.schema(), batch.getSchema());
            out.addAll(Batches.toRows(batch));
          }
        }
      }
      return out;
    }
  }

  static final List<Column> COLS =
      List.of(new Column("id", BIGINT), new Column("name", VARCHAR), new Column("amount", DEC));

  static ValuesNode values(int n) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          Arrays.asList((long) i, i % 4 == 0 ? null : "n" + i, BigDecimal.valueOf(i * 25L, 2)));
    }
    return new ValuesNode(COLS, rows);
  }

  @Test
  void valuesFilterProjectGiveTheSameRowsAtAnyBatchSize() {
    Expr even =
        new Call(
            Op.EQ,
            BOOL,
            new Call(Op.MOD, BIGINT, new ColumnRef(0, BIGINT), new Literal(2L, BIGINT)),
            new Literal(0L, BIGINT));
    PlanNode plan =
        new ProjectNode(
            new FilterNode(values(40), even),
            List.of(
                new ColumnRef(1, VARCHAR),
                new ColumnRef(0, BIGINT),
                new Call(
                    Op.TIMES,
                    DataType.decimal(12, 2),
                    new ColumnRef(2, DEC),
                    new Literal(BigDecimal.TEN, DataType.decimal(2, 0))),
                new ColumnRef(1, VARCHAR)),
            List.of("name", "id", "ten", "again"));
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 40; i += 2) {
      String name = i % 4 == 0 ? null : "n" + i;
      expected.add(Arrays.asList(name, (long) i, BigDecimal.valueOf(i * 250L, 2), name));
    }
    for (int batchSize : new int[] {1, 3, 7, 1024}) {
      assertEquals(expected, run(plan, batchSize), "batch size " + batchSize);
    }
  }

  @Test
  void limitSkipsAndStopsEarly() {
    for (int batchSize : new int[] {1, 3, 100}) {
      List<List<Object>> rows = run(new LimitNode(values(50), 5, 4), batchSize);
      assertEquals(List.of(5L, 6L, 7L, 8L), rows.stream().map(r -> r.get(0)).toList());
      assertEquals(45, run(new LimitNode(values(50), 5, -1), batchSize).size());
      assertEquals(0, run(new LimitNode(values(50), 60, 3), batchSize).size());
      assertEquals(0, run(new LimitNode(values(50), 0, 0), batchSize).size());
    }
    // the input is not pulled past the rows needed
    try (RootAllocator a = new RootAllocator()) {
      CountingOperator in = new CountingOperator(new ValuesOperator(values(100), ctx(a, 10)));
      try (LimitOperator limit =
          new LimitOperator(new LimitNode(values(100), 0, 15), in, ctx(a, 10))) {
        assertEquals(15, Operator.drain(limit));
      }
      assertEquals(2, in.batches);
    }
  }

  @Test
  void unionKeepsInputOrderAndWidensNullability() {
    List<Column> notNull = List.of(new Column("x", new DataType(TypeKind.INT, 0, 0, false)));
    List<Column> nullable = List.of(new Column("y", INT));
    PlanNode plan =
        new UnionNode(
            List.of(
                new ValuesNode(notNull, List.of(List.of(1), List.of(2))),
                new ValuesNode(nullable, List.of(Arrays.asList((Object) null))),
                new ValuesNode(notNull, List.of(List.of(3)))));
    for (int batchSize : new int[] {1, 3}) {
      assertEquals(
          List.of(List.of(1), List.of(2), Arrays.asList((Object) null), List.of(3)),
          run(plan, batchSize));
    }
    assertTrue(plan.schema().get(0).type().nullable());
    assertEquals("x", plan.schema().get(0).name());
  }

  @Test
  void projectionErrorsReleaseEverything() {
    PlanNode plan =
        new ProjectNode(
            values(10),
            List.of(
                new Call(
                    Op.DIVIDE,
                    BIGINT,
                    new Literal(1L, BIGINT),
                    new Call(Op.MINUS, BIGINT, new ColumnRef(0, BIGINT), new Literal(5L, BIGINT)))),
            List.of("q"));
    QuarryException e = assertThrows(QuarryException.class, () -> run(plan, 3));
    assertEquals(ErrorCode.DIVISION_BY_ZERO, e.code());
  }

  @Test
  void memoryLimitIsAClearError() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(Arrays.asList((long) i, "some text that takes room " + i, BigDecimal.valueOf(i, 2)));
    }
    PlanNode plan =
        new ProjectNode(
            new ValuesNode(COLS, rows),
            List.of(
                new Call(Op.CONCAT, VARCHAR, new ColumnRef(1, VARCHAR), new ColumnRef(1, VARCHAR))),
            List.of("doubled"));
    try (RootAllocator root = new RootAllocator();
        BufferAllocator query = root.newChildAllocator("query", 0, 256 * 1024)) {
      Operator op = Executor.build(plan, ctx(query, 16 * 1024));
      QuarryException e = assertThrows(QuarryException.class, () -> Operator.drain(op));
      op.close();
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, e.code());
      assertTrue(
          e.getMessage().contains("query exceeded its memory limit of 256 KiB"), e.getMessage());
      assertEquals(0, query.getAllocatedMemory());
    }
  }

  @Test
  void emptyInputs() {
    assertEquals(List.of(), run(new ValuesNode(COLS, List.of()), 4));
    Expr never = new Literal(false, BOOL);
    assertEquals(List.of(), run(new FilterNode(values(10), never), 4));
    Expr unknown = new Literal(null, BOOL);
    assertEquals(List.of(), run(new FilterNode(values(10), unknown), 4));
  }

  /** Counts the batches it passes on. */
  static final class CountingOperator implements Operator {
    private final Operator in;
    int batches;

    CountingOperator(Operator in) {
      this.in = in;
    }

    @Override
    public org.apache.arrow.vector.types.pojo.Schema schema() {
      return in.schema();
    }

    @Override
    public VectorSchemaRoot next() {
      VectorSchemaRoot b = in.next();
      if (b != null) {
        batches++;
      }
      return b;
    }

    @Override
    public void close() {
      in.close();
    }
  }

  @Test
  void limitReturnsNullAfterClose() {
    try (RootAllocator a = new RootAllocator()) {
      LimitOperator limit =
          new LimitOperator(
              new LimitNode(values(5), 0, 2), new ValuesOperator(values(5), ctx(a, 1)), ctx(a, 1));
      limit.close();
      assertNull(limit.next());
    }
  }
}
