package io.quarry.exec.ops;

import static io.quarry.exec.ops.OpsTestSupport.DOUBLE;
import static io.quarry.exec.ops.OpsTestSupport.INT;
import static io.quarry.exec.ops.OpsTestSupport.VARCHAR;
import static io.quarry.exec.ops.OpsTestSupport.columns;
import static io.quarry.exec.ops.OpsTestSupport.ctx;
import static io.quarry.exec.ops.OpsTestSupport.dec;
import static io.quarry.exec.ops.OpsTestSupport.row;
import static io.quarry.exec.ops.OpsTestSupport.run;
import static io.quarry.exec.ops.OpsTestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SortOperatorTest {
  private static final List<Column> COLUMNS = columns("a", INT, "s", VARCHAR, "d", DOUBLE);
  private static final List<List<Object>> ROWS =
      List.of(
          row(3, "b", 1.0),
          row(null, "a", 2.0),
          row(1, "c", null),
          row(3, "a", 0.5),
          row(2, null, 3.0),
          row(null, "z", 1.0),
          row(1, "c", -1.0));

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private List<List<Object>> sort(
      List<Column> columns,
      List<List<Object>> rows,
      List<SortKey> keys,
      long offset,
      long fetch,
      int batchSize) {
    SortNode node = new SortNode(new ValuesNode(columns, rows), keys, offset, fetch);
    return run(
        new SortOperator(
            node, source(columns, rows, batchSize, allocator), ctx(allocator, batchSize)));
  }

  @Test
  void ascendingNullsLastWithCanonicalTies() {
    List<List<Object>> expected =
        List.of(
            row(1, "c", -1.0),
            row(1, "c", null),
            row(2, null, 3.0),
            row(3, "a", 0.5),
            row(3, "b", 1.0),
            row(null, "a", 2.0),
            row(null, "z", 1.0));
    for (int batchSize : new int[] {1, 3, 100}) {
      assertEquals(
          expected, sort(COLUMNS, ROWS, List.of(new SortKey(0, false, false)), 0, -1, batchSize));
    }
  }

  @Test
  void descendingNullsFirst() {
    assertEquals(
        List.of(
            row(null, "a", 2.0),
            row(null, "z", 1.0),
            row(3, "a", 0.5),
            row(3, "b", 1.0),
            row(2, null, 3.0),
            row(1, "c", -1.0),
            row(1, "c", null)),
        sort(COLUMNS, ROWS, List.of(new SortKey(0, true, true)), 0, -1, 2));
  }

  @Test
  void stringsInCodePointOrderNullsFirst() {
    List<Column> cols = columns("s", VARCHAR);
    List<List<Object>> rows =
        List.of(
            row("z"),
            row("é"),
            row((Object) null),
            row("\uD834\uDD1E"),
            row("\uFFFD"),
            row("a"),
            row(""));
    assertEquals(
        List.of(
            row((Object) null),
            row(""),
            row("a"),
            row("z"),
            row("é"),
            row("\uFFFD"),
            row("\uD834\uDD1E")),
        sort(cols, rows, List.of(new SortKey(0, false, true)), 0, -1, 3));
  }

  @Test
  void multipleKeysAndDecimals() {
    List<Column> cols = columns("s", VARCHAR, "v", DataType.decimal(38, 2));
    List<List<Object>> rows =
        List.of(
            row("x", dec("-12345678901234567890123.45")),
            row("x", dec("1.00")),
            row("a", dec("2.50")),
            row("x", dec("99999999999999999999.99")),
            row("a", null));
    assertEquals(
        List.of(
            row("a", null),
            row("a", dec("2.50")),
            row("x", dec("99999999999999999999.99")),
            row("x", dec("1.00")),
            row("x", dec("-12345678901234567890123.45"))),
        sort(
            cols,
            rows,
            List.of(new SortKey(0, false, false), new SortKey(1, true, true)),
            0,
            -1,
            2));
  }

  @Test
  void nullTypedColumnsPassThrough() {
    List<Column> cols = columns("a", INT, "n", DataType.of(io.quarry.types.TypeKind.NULL));
    List<List<Object>> rows = List.of(row(2, null), row(1, null), row(3, null));
    assertEquals(
        List.of(row(3, null), row(2, null), row(1, null)),
        sort(cols, rows, List.of(new SortKey(0, true, false)), 0, -1, 2));
  }

  @Test
  void topNWithOffset() {
    List<SortKey> keys = List.of(new SortKey(0, false, false));
    for (int batchSize : new int[] {1, 3, 100}) {
      assertEquals(
          List.of(row(1, "c", null), row(2, null, 3.0)),
          sort(COLUMNS, ROWS, keys, 1, 2, batchSize));
      assertEquals(List.of(), sort(COLUMNS, ROWS, keys, 1, 0, batchSize));
      assertEquals(List.of(row(null, "z", 1.0)), sort(COLUMNS, ROWS, keys, 6, -1, batchSize));
      assertEquals(List.of(), sort(COLUMNS, ROWS, keys, 10, 5, batchSize));
      assertEquals(
          List.of(row(1, "c", -1.0), row(1, "c", null)),
          sort(COLUMNS, ROWS, List.of(), 0, 2, batchSize));
    }
  }

  @Test
  void topNOverManyBatchesEqualsFullSortPrefix() {
    Random random = new Random(7);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(row(random.nextInt(100), "s" + random.nextInt(40), random.nextDouble()));
    }
    List<SortKey> keys = List.of(new SortKey(1, true, false), new SortKey(0, false, false));
    List<List<Object>> full = sort(COLUMNS, rows, keys, 0, -1, 64);
    assertEquals(2000, full.size());
    assertEquals(full.subList(3, 28), sort(COLUMNS, rows, keys, 3, 25, 7));
    assertEquals(full.subList(0, 1), sort(COLUMNS, rows, keys, 0, 1, 1));
  }
}
