package io.quarry.exec.ops;

import static io.quarry.exec.ops.OpsTestSupport.INT;
import static io.quarry.exec.ops.OpsTestSupport.VARCHAR;
import static io.quarry.exec.ops.OpsTestSupport.columns;
import static io.quarry.exec.ops.OpsTestSupport.ctx;
import static io.quarry.exec.ops.OpsTestSupport.row;
import static io.quarry.exec.ops.OpsTestSupport.run;
import static io.quarry.exec.ops.OpsTestSupport.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.ResultResolver;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;

class ResultOperatorTest {
  private static final List<Column> STORED = columns("_0", INT, "_1", VARCHAR);
  private static final List<Column> NAMED = columns("key", INT, "name", VARCHAR);

  /** An Arrow IPC stream of {@code rows} written in batches of {@code chunk} rows. */
  private static byte[] ipc(List<List<Object>> rows, int chunk, BufferAllocator allocator)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VectorSchemaRoot root = Batches.allocate(STORED, allocator);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
      writer.start();
      for (int from = 0; from < rows.size(); from += chunk) {
        List<List<Object>> part = rows.subList(from, Math.min(rows.size(), from + chunk));
        try (VectorSchemaRoot batch = Batches.fromRows(STORED, part, allocator)) {
          root.clear();
          root.allocateNew();
          for (int i = 0; i < STORED.size(); i++) {
            batch.getVector(i).makeTransferPair(root.getVector(i)).transfer();
          }
          root.setRowCount(batch.getRowCount());
          writer.writeBatch();
        }
      }
      writer.end();
    }
    return out.toByteArray();
  }

  private static ExecContext withResults(BufferAllocator allocator, Map<String, byte[]> results) {
    return ctx(allocator, 4)
        .withResults(
            cid -> {
              byte[] bytes = results.get(cid);
              if (bytes == null) {
                throw new QuarryException(ErrorCode.NOT_FOUND, "no result " + cid);
              }
              return new ByteArrayInputStream(bytes);
            });
  }

  private static List<List<Object>> rows(int n) {
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(row(i, i % 3 == 0 ? null : "n" + i));
    }
    return out;
  }

  @Test
  void readsEveryBatchUnderTheNodesNames() throws IOException {
    try (BufferAllocator allocator = new RootAllocator()) {
      List<List<Object>> rows = rows(11);
      ExecContext ctx = withResults(allocator, Map.of("bafyresult", ipc(rows, 4, allocator)));
      ResultOperator op = new ResultOperator(new ResultNode("bafyresult", NAMED), ctx);
      assertEquals("key", op.schema().getFields().get(0).getName());
      assertEquals(rows, run(op));
    }
  }

  @Test
  void isTheBuildSideOfAJoinLikeTheRowsItHolds() throws IOException {
    try (BufferAllocator allocator = new RootAllocator()) {
      List<List<Object>> build = rows(9);
      ExecContext ctx = withResults(allocator, Map.of("bafyresult", ipc(build, 2, allocator)));
      PlanNode probe =
          new ValuesNode(columns("k", INT), List.of(row(1), row(2), row(4), row(4), row(42)));
      PlanNode fromResult =
          new JoinNode(
              probe, new ResultNode("bafyresult", NAMED), JoinKind.INNER, List.of(0), List.of(0),
              null);
      PlanNode fromValues =
          new JoinNode(
              probe, new ValuesNode(NAMED, build), JoinKind.INNER, List.of(0), List.of(0), null);
      List<List<Object>> expected = sorted(run(Executor.build(fromValues, ctx)));
      assertEquals(4, expected.size());
      assertEquals(expected, sorted(run(Executor.build(fromResult, ctx))));
    }
  }

  @Test
  void anEmptyResultHasNoRows() throws IOException {
    try (BufferAllocator allocator = new RootAllocator()) {
      ExecContext ctx = withResults(allocator, Map.of("bafyempty", ipc(List.of(), 4, allocator)));
      assertEquals(List.of(), run(new ResultOperator(new ResultNode("bafyempty", NAMED), ctx)));
    }
  }

  @Test
  void aContextWithoutResultsNamesTheResult() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ResultOperator op =
          new ResultOperator(new ResultNode("bafymissing", NAMED), ctx(allocator, 4));
      QuarryException e = assertThrows(QuarryException.class, () -> run(op));
      assertEquals(ErrorCode.NOT_FOUND, e.code());
      assertTrue(e.getMessage().contains("bafymissing"), e.getMessage());
      assertThrows(QuarryException.class, () -> ResultResolver.NONE.open("x"));
    }
  }

  @Test
  void aStreamOfOtherColumnsOrNoStreamIsCorrupt() throws IOException {
    try (BufferAllocator allocator = new RootAllocator()) {
      ExecContext ctx =
          withResults(
              allocator,
              Map.of(
                  "bafywide", ipc(rows(3), 4, allocator),
                  "bafygarbage", "not arrow at all".getBytes(StandardCharsets.UTF_8)));
      ResultOperator narrow =
          new ResultOperator(new ResultNode("bafywide", columns("key", INT)), ctx);
      QuarryException width = assertThrows(QuarryException.class, () -> run(narrow));
      assertEquals(ErrorCode.CORRUPT_DATA, width.code());
      assertTrue(width.getMessage().contains("bafywide"), width.getMessage());
      ResultOperator garbage = new ResultOperator(new ResultNode("bafygarbage", NAMED), ctx);
      QuarryException bad = assertThrows(QuarryException.class, () -> run(garbage));
      assertEquals(ErrorCode.CORRUPT_DATA, bad.code());
    }
  }
}
