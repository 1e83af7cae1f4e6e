package io.quarry.exec.ops;

import static io.quarry.exec.ops.OpsTestSupport.BIGINT;
import static io.quarry.exec.ops.OpsTestSupport.DOUBLE;
import static io.quarry.exec.ops.OpsTestSupport.INT;
import static io.quarry.exec.ops.OpsTestSupport.VARCHAR;
import static io.quarry.exec.ops.OpsTestSupport.columns;
import static io.quarry.exec.ops.OpsTestSupport.ctx;
import static io.quarry.exec.ops.OpsTestSupport.row;
import static io.quarry.exec.ops.OpsTestSupport.run;
import static io.quarry.exec.ops.OpsTestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.plan.WindowCall;
import io.quarry.exec.plan.WindowFrame;
import io.quarry.exec.plan.WindowFunction;
import io.quarry.exec.plan.WindowGroup;
import io.quarry.exec.plan.WindowNode;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowOperatorTest {
  private static final List<Column> COLUMNS =
      columns("g", VARCHAR, "o", INT, "v", INT, "k", INT, "dflt", INT);
  private static final List<List<Object>> ROWS =
      List.of(
          row("a", 1, 10, 2, -1),
          row("a", 2, 20, 2, -1),
          row("a", 2, 5, 2, -1),
          row("a", 3, null, 2, -1),
          row("b", 1, 7, 2, -1),
          row("b", 5, 3, 2, -1),
          row(null, 1, 1, 2, -1));
  private static final List<SortKey> BY_O = List.of(new SortKey(1, false, false));

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static WindowCall call(WindowFunction f, List<Integer> args, io.quarry.types.DataType t) {
    return new WindowCall(f, args, t, f.name().toLowerCase());
  }

  /** Runs one window group and returns, per input row, only the call columns. */
  private void check(WindowGroup group, List<List<Object>> expected) {
    for (int batchSize : new int[] {1, 3, 100}) {
      WindowNode node = new WindowNode(new ValuesNode(COLUMNS, ROWS), List.of(group));
      List<List<Object>> out =
          run(
              new WindowOperator(
                  node, source(COLUMNS, ROWS, batchSize, allocator), ctx(allocator, batchSize)));
      List<List<Object>> calls = new ArrayList<>();
      for (List<Object> r : out) {
        assertEquals(ROWS.get(calls.size()), r.subList(0, COLUMNS.size()));
        calls.add(r.subList(COLUMNS.size(), r.size()));
      }
      assertEquals(expected, calls, "batch size " + batchSize);
    }
  }

  @Test
  void rankingAndRunningSumWithPeers() {
    WindowGroup group =
        new WindowGroup(
            List.of(0),
            BY_O,
            new WindowFrame(false, null, 0L),
            List.of(
                call(WindowFunction.ROW_NUMBER, List.of(), BIGINT),
                call(WindowFunction.RANK, List.of(), BIGINT),
                call(WindowFunction.DENSE_RANK, List.of(), BIGINT),
                call(WindowFunction.SUM, List.of(2), BIGINT),
                call(WindowFunction.COUNT_STAR, List.of(), BIGINT),
                call(WindowFunction.PERCENT_RANK, List.of(), DOUBLE),
                call(WindowFunction.CUME_DIST, List.of(), DOUBLE)));
    double third = 1.0 / 3;
    check(
        group,
        List.of(
            row(1L, 1L, 1L, 10L, 1L, 0.0, 0.25),
            row(3L, 2L, 2L, 35L, 3L, third, 0.75),
            row(2L, 2L, 2L, 35L, 3L, third, 0.75),
            row(4L, 4L, 3L, 35L, 4L, 1.0, 1.0),
            row(1L, 1L, 1L, 7L, 1L, 0.0, 0.5),
            row(2L, 2L, 2L, 10L, 2L, 1.0, 1.0),
            row(1L, 1L, 1L, 1L, 1L, 0.0, 1.0)));
  }

  @Test
  void rowsFrameOfOnePrecedingRow() {
    WindowGroup group =
        new WindowGroup(
            List.of(0),
            BY_O,
            new WindowFrame(true, -1L, 0L),
            List.of(
                call(WindowFunction.SUM, List.of(2), BIGINT),
                call(WindowFunction.MIN, List.of(2), INT),
                call(WindowFunction.MAX, List.of(2), INT),
                call(WindowFunction.FIRST_VALUE, List.of(2), INT),
                call(WindowFunction.LAST_VALUE, List.of(2), INT)));
    check(
        group,
        List.of(
            row(10L, 10, 10, 10, 10),
            row(25L, 5, 20, 5, 20),
            row(15L, 5, 10, 10, 5),
            row(20L, 20, 20, 20, null),
            row(7L, 7, 7, 7, 7),
            row(10L, 3, 7, 7, 3),
            row(1L, 1, 1, 1, 1)));
  }

  @Test
  void followingFramesRunBackwards() {
    WindowGroup group =
        new WindowGroup(
            List.of(0),
            BY_O,
            new WindowFrame(true, 0L, null),
            List.of(
                call(WindowFunction.MIN, List.of(2), INT),
                call(WindowFunction.COUNT, List.of(2), BIGINT)));
    check(
        group,
        List.of(
            row(5, 3L),
            row(20, 1L),
            row(5, 2L),
            row(null, 0L),
            row(3, 2L),
            row(3, 1L),
            row(1, 1L)));
  }

  @Test
  void wholePartitionAverageAndCount() {
    WindowGroup group =
        new WindowGroup(
            List.of(),
            List.of(),
            new WindowFrame(false, null, null),
            List.of(
                call(WindowFunction.AVG, List.of(2), DOUBLE),
                call(WindowFunction.COUNT, List.of(2), BIGINT)));
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < ROWS.size(); i++) {
      expected.add(row(46.0 / 6, 6L));
    }
    check(group, expected);
  }

  @Test
  void lagLeadAndNtile() {
    WindowGroup group =
        new WindowGroup(
            List.of(0),
            BY_O,
            new WindowFrame(false, null, 0L),
            List.of(
                call(WindowFunction.LAG, List.of(2), INT),
                call(WindowFunction.LEAD, List.of(2, 3, 4), INT),
                call(WindowFunction.NTILE, List.of(3), BIGINT)));
    check(
        group,
        List.of(
            row(null, 20, 1L),
            row(5, -1, 2L),
            row(10, null, 1L),
            row(20, -1, 2L),
            row(null, -1, 1L),
            row(7, -1, 2L),
            row(null, -1, 1L)));
  }
}
