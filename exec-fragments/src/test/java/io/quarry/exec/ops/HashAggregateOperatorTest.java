package io.quarry.exec.ops;

import static io.quarry.exec.ops.OpsTestSupport.BIGINT;
import static io.quarry.exec.ops.OpsTestSupport.BOOLEAN;
import static io.quarry.exec.ops.OpsTestSupport.DOUBLE;
import static io.quarry.exec.ops.OpsTestSupport.INT;
import static io.quarry.exec.ops.OpsTestSupport.VARCHAR;
import static io.quarry.exec.ops.OpsTestSupport.columns;
import static io.quarry.exec.ops.OpsTestSupport.ctx;
import static io.quarry.exec.ops.OpsTestSupport.dec;
import static io.quarry.exec.ops.OpsTestSupport.row;
import static io.quarry.exec.ops.OpsTestSupport.run;
import static io.quarry.exec.ops.OpsTestSupport.sorted;
import static io.quarry.exec.ops.OpsTestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HashAggregateOperatorTest {
  private static final DataType COUNT = new DataType(TypeKind.BIGINT, 0, 0, false);
  private static final List<Column> COLUMNS =
      columns(
          "k",
          VARCHAR,
          "n",
          INT,
          "d",
          DataType.decimal(10, 2),
          "x",
          DOUBLE,
          "b",
          BOOLEAN,
          "f",
          BOOLEAN,
          "s",
          VARCHAR);
  private static final List<List<Object>> ROWS =
      List.of(
          row("a", 1, dec("1.50"), 1.0, true, true, "x"),
          row("b", 2, dec("2.25"), 2.0, false, false, "yy"),
          row("a", null, dec("3.00"), null, true, true, "é"),
          row(null, 4, null, 4.0, null, true, "z"),
          row("b", 5, dec("-1.25"), 0.5, true, true, null),
          row("a", 3, dec("0.01"), 3.0, false, false, "ab"),
          row(null, 6, dec("2.00"), null, false, true, "b"));
  private static final List<AggCall> CALLS =
      List.of(
          new AggCall(AggFunction.COUNT_STAR, List.of(), COUNT, "cnt"),
          new AggCall(AggFunction.COUNT, List.of(1), COUNT, "cn"),
          new AggCall(AggFunction.SUM, List.of(1), BIGINT, "sn"),
          new AggCall(AggFunction.SUM, List.of(2), DataType.decimal(38, 2), "sd"),
          new AggCall(AggFunction.AVG, List.of(2), DataType.decimal(12, 2), "ad"),
          new AggCall(AggFunction.AVG, List.of(3), DOUBLE, "ax"),
          new AggCall(AggFunction.MIN, List.of(2), DataType.decimal(10, 2), "mind"),
          new AggCall(AggFunction.MAX, List.of(3), DOUBLE, "maxx"),
          new AggCall(AggFunction.BOOL_AND, List.of(4), BOOLEAN, "band"),
          new AggCall(AggFunction.BOOL_OR, List.of(4), BOOLEAN, "bor"),
          new AggCall(AggFunction.SUM0, List.of(1), 5, BIGINT, "sf"),
          new AggCall(AggFunction.MIN, List.of(1), INT, "minn"),
          new AggCall(AggFunction.MAX, List.of(6), VARCHAR, "maxs"),
          new AggCall(AggFunction.AVG, List.of(1), INT, "an"));
  private static final List<List<Object>> EXPECTED =
      List.of(
          row(
              "a",
              3L,
              2L,
              4L,
              dec("4.51"),
              dec("1.50"),
              2.0,
              dec("0.01"),
              3.0,
              false,
              true,
              1L,
              1,
              "é",
              2),
          row(
              "b",
              2L,
              2L,
              7L,
              dec("1.00"),
              dec("0.50"),
              1.25,
              dec("-1.25"),
              2.0,
              false,
              true,
              5L,
              2,
              "yy",
              3),
          row(
              null,
              2L,
              2L,
              10L,
              dec("2.00"),
              dec("2.00"),
              4.0,
              dec("2.00"),
              4.0,
              false,
              false,
              10L,
              4,
              "z",
              5));

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private List<List<Object>> aggregate(
      List<Column> columns,
      List<List<Object>> rows,
      List<Integer> keys,
      List<AggCall> calls,
      AggPhase phase,
      int batchSize) {
    AggregateNode node = new AggregateNode(new ValuesNode(columns, rows), keys, calls, phase);
    return run(
        new HashAggregateOperator(
            node, source(columns, rows, batchSize, allocator), ctx(allocator, batchSize)));
  }

  /**
   * The hash table and accumulators live on the heap, yet count against the query's limit: many
   * groups fail the query with MEMORY_LIMIT_EXCEEDED though the Arrow batches alone would fit, and
   * closing gives every counted byte back.
   */
  @Test
  void hashTableMemoryCountsAgainstTheLimit() {
    List<Column> columns = columns("k", BIGINT);
    List<List<Object>> rows = new ArrayList<>();
    for (long i = 0; i < 60_000; i++) {
      rows.add(row(i));
    }
    List<AggCall> calls = List.of(new AggCall(AggFunction.COUNT_STAR, List.of(), COUNT, "n"));
    AggregateNode node =
        new AggregateNode(new ValuesNode(columns, rows), List.of(0), calls, AggPhase.SINGLE);
    try (BufferAllocator query = allocator.newChildAllocator("query", 0, 2L << 20)) {
      Operator op = Executor.build(node, ctx(query, 1024));
      QuarryException e =
          assertThrows(QuarryException.class, () -> Operator.drain(op));
      op.close();
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, e.code(), e.getMessage());
      assertEquals(0, query.getAllocatedMemory());
    }
    try (BufferAllocator query = allocator.newChildAllocator("query", 0, 16L << 20)) {
      Operator op = Executor.build(node, ctx(query, 1024));
      assertEquals(60_000, Operator.drain(op));
      op.close();
      assertEquals(0, query.getAllocatedMemory());
    }
  }

  /** PARTIAL over each half of the rows, then FINAL over both partial results. */
  private List<List<Object>> twoPhase(
      List<Column> columns,
      List<List<Object>> rows,
      List<Integer> keys,
      List<AggCall> calls,
      int batchSize) {
    int half = rows.size() / 2;
    List<List<Object>> partials = new ArrayList<>();
    partials.addAll(
        aggregate(columns, rows.subList(0, half), keys, calls, AggPhase.PARTIAL, batchSize));
    partials.addAll(
        aggregate(
            columns, rows.subList(half, rows.size()), keys, calls, AggPhase.PARTIAL, batchSize));
    List<Column> partialColumns =
        new AggregateNode(new ValuesNode(columns, List.of()), keys, calls, AggPhase.PARTIAL)
            .schema();
    List<Integer> finalKeys = IntStream.range(0, keys.size()).boxed().toList();
    return aggregate(partialColumns, partials, finalKeys, calls, AggPhase.FINAL, batchSize);
  }

  @Test
  void everyFunctionWithGroupKeysInEveryPhaseAndBatchSize() {
    for (int batchSize : new int[] {1, 3, 1024}) {
      assertEquals(
          sorted(EXPECTED),
          sorted(aggregate(COLUMNS, ROWS, List.of(0), CALLS, AggPhase.SINGLE, batchSize)),
          "single, batch size " + batchSize);
      assertEquals(
          sorted(EXPECTED),
          sorted(twoPhase(COLUMNS, ROWS, List.of(0), CALLS, batchSize)),
          "partial+final, batch size " + batchSize);
    }
  }

  @Test
  void partialStateLayoutFollowsPartialColumns() {
    List<List<Object>> partial = aggregate(COLUMNS, ROWS, List.of(0), CALLS, AggPhase.PARTIAL, 4);
    List<Object> a = partial.stream().filter(r -> "a".equals(r.get(0))).findFirst().orElseThrow();
    // key, cnt, cn, sn, sd, ad$sum, ad$count, ax$sum, ax$count, ...
    assertEquals(List.of("a", 3L, 2L, 4L, dec("4.51"), dec("4.51"), 3L, 4.0, 2L), a.subList(0, 9));
  }

  @Test
  void noKeysGiveOneRowEvenOverEmptyInput() {
    List<List<Object>> empty = List.of();
    List<Object> emptyRow =
        row(0L, 0L, null, null, null, null, null, null, null, null, 0L, null, null, null);
    assertEquals(
        List.of(emptyRow), aggregate(COLUMNS, empty, List.of(), CALLS, AggPhase.SINGLE, 8));
    assertEquals(List.of(), aggregate(COLUMNS, empty, List.of(), CALLS, AggPhase.PARTIAL, 8));
    assertEquals(List.of(emptyRow), twoPhase(COLUMNS, empty, List.of(), CALLS, 8));
    List<Object> all =
        row(
            7L,
            6L,
            21L,
            dec("7.51"),
            dec("1.25"),
            2.1,
            dec("-1.25"),
            4.0,
            false,
            true,
            16L,
            1,
            "é",
            3);
    assertEquals(List.of(all), aggregate(COLUMNS, ROWS, List.of(), CALLS, AggPhase.SINGLE, 2));
    assertEquals(List.of(all), twoPhase(COLUMNS, ROWS, List.of(), CALLS, 2));
  }

  @Test
  void groupsOnSeveralKeysIncludingNulls() {
    List<AggCall> calls = List.of(new AggCall(AggFunction.COUNT_STAR, List.of(), COUNT, "c"));
    List<List<Object>> result = aggregate(COLUMNS, ROWS, List.of(4, 0), calls, AggPhase.SINGLE, 2);
    assertEquals(
        sorted(
            List.of(
                row(true, "a", 2L),
                row(false, "b", 1L),
                row(null, null, 1L),
                row(true, "b", 1L),
                row(false, "a", 1L),
                row(false, null, 1L))),
        sorted(result));
  }

  @Test
  void decimalSumsStayExactBeyondTheLongRange() {
    List<Column> cols =
        columns("g", INT, "v", DataType.decimal(18, 0), "w", DataType.decimal(38, 2));
    List<List<Object>> rows = new ArrayList<>();
    BigDecimal sumV = BigDecimal.ZERO;
    BigDecimal sumW = BigDecimal.ZERO;
    for (int i = 0; i < 40; i++) {
      BigDecimal v = i % 7 == 3 ? dec("-123456789012345678") : dec("999999999999999999");
      BigDecimal w = i % 2 == 0 ? dec("12345678901234567890123456.78") : dec("-0.01");
      rows.add(row(1, v, w));
      sumV = sumV.add(v);
      sumW = sumW.add(w);
    }
    List<AggCall> calls =
        List.of(
            new AggCall(AggFunction.SUM, List.of(1), DataType.decimal(38, 0), "sv"),
            new AggCall(AggFunction.SUM, List.of(2), DataType.decimal(38, 2), "sw"),
            new AggCall(AggFunction.AVG, List.of(1), DataType.decimal(38, 2), "av"));
    BigDecimal avg =
        sumV.divide(BigDecimal.valueOf(40)).setScale(2, java.math.RoundingMode.HALF_UP);
    List<List<Object>> expected = List.of(row(1, sumV, sumW, avg));
    assertTrue(sumV.toBigInteger().bitLength() > 63);
    assertEquals(expected, aggregate(cols, rows, List.of(0), calls, AggPhase.SINGLE, 5));
    assertEquals(expected, twoPhase(cols, rows, List.of(0), calls, 7));
  }

  @Test
  void bigintSumThatOverflowsIsAnError() {
    List<Column> cols = columns("v", BIGINT);
    List<List<Object>> rows = List.of(row(Long.MAX_VALUE), row(1L));
    List<AggCall> calls = List.of(new AggCall(AggFunction.SUM, List.of(0), BIGINT, "s"));
    QuarryException e =
        assertThrows(
            QuarryException.class,
            () -> aggregate(cols, rows, List.of(), calls, AggPhase.SINGLE, 8));
    assertEquals(ErrorCode.NUMERIC_OVERFLOW, e.code());
    List<AggCall> wide =
        List.of(new AggCall(AggFunction.SUM, List.of(0), DataType.decimal(38, 0), "s"));
    assertEquals(
        List.of(row(new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)))),
        aggregate(cols, rows, List.of(), wide, AggPhase.SINGLE, 1));
  }

  @Test
  void anyAndSingleValue() {
    List<Column> cols = columns("g", INT, "v", VARCHAR);
    List<List<Object>> rows = List.of(row(1, "x"), row(2, null), row(3, "y"), row(1, "x"));
    List<AggCall> any = List.of(new AggCall(AggFunction.ANY_VALUE, List.of(1), VARCHAR, "a"));
    assertEquals(
        List.of(row(1, "x"), row(2, null), row(3, "y")),
        sorted(aggregate(cols, rows, List.of(0), any, AggPhase.SINGLE, 2)));
    List<AggCall> single = List.of(new AggCall(AggFunction.SINGLE_VALUE, List.of(1), VARCHAR, "s"));
    List<List<Object>> unique = rows.subList(0, 3);
    assertEquals(
        List.of(row(1, "x"), row(2, null), row(3, "y")),
        sorted(aggregate(cols, unique, List.of(0), single, AggPhase.SINGLE, 2)));
    assertEquals(
        List.of(row(1, "x"), row(2, null), row(3, "y")),
        sorted(twoPhase(cols, unique, List.of(0), single, 2)));
    for (boolean twoPhase : new boolean[] {false, true}) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () -> {
                if (twoPhase) {
                  twoPhase(cols, rows, List.of(0), single, 8);
                } else {
                  aggregate(cols, rows, List.of(0), single, AggPhase.SINGLE, 8);
                }
              });
      assertEquals(
          "more than one row returned by a subquery used as an expression", e.getMessage());
    }
  }

  @Test
  void countOfSeveralArgumentsCountsRowsWithoutNulls() {
    List<AggCall> calls = List.of(new AggCall(AggFunction.COUNT, List.of(1, 3), COUNT, "c"));
    assertEquals(
        sorted(List.of(row("a", 2L), row("b", 2L), row(null, 1L))),
        sorted(aggregate(COLUMNS, ROWS, List.of(0), calls, AggPhase.SINGLE, 2)));
    assertEquals(
        sorted(List.of(row("a", 2L), row("b", 2L), row(null, 1L))),
        sorted(twoPhase(COLUMNS, ROWS, List.of(0), calls, 2)));
  }

  @Test
  void manyGroupsMatchAMapReference() {
    Random random = new Random(42);
    List<Column> cols = columns("k", BIGINT, "s", VARCHAR, "v", BIGINT);
    List<List<Object>> rows = new ArrayList<>();
    Map<List<Object>, long[]> expected = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      Long k = random.nextInt(50) == 0 ? null : (long) random.nextInt(3000);
      String s = "s" + random.nextInt(3);
      long v = random.nextInt(1000) - 500;
      rows.add(row(k, s, v));
      long[] acc = expected.computeIfAbsent(row(k, s), x -> new long[2]);
      acc[0] += v;
      acc[1]++;
    }
    List<AggCall> calls =
        List.of(
            new AggCall(AggFunction.SUM, List.of(2), BIGINT, "sum"),
            new AggCall(AggFunction.COUNT_STAR, List.of(), COUNT, "c"));
    List<List<Object>> want = new ArrayList<>();
    expected.forEach((key, acc) -> want.add(row(key.get(0), key.get(1), acc[0], acc[1])));
    assertEquals(
        sorted(want), sorted(aggregate(cols, rows, List.of(0, 1), calls, AggPhase.SINGLE, 1000)));
    assertEquals(sorted(want), sorted(twoPhase(cols, rows, List.of(0, 1), calls, 333)));
  }
}
