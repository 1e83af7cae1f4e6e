package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.WindowCall;
import io.quarry.exec.plan.WindowFrame;
import io.quarry.exec.plan.WindowGroup;
import io.quarry.exec.plan.WindowNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Window functions. The input is collected into one batch; for each window group the rows are
 * ordered by partition keys then order keys (ties broken by the other columns, so ROW_NUMBER is
 * deterministic), partitions and peer groups are found, and every call is computed per partition
 * (see {@link WindowFunctions}). Rows come out in input order with the call columns appended.
 */
public final class WindowOperator implements Operator {
  private final WindowNode node;
  private final Operator input;
  private final ExecContext ctx;
  private final Schema schema;
  private final List<Column> outColumns;
  private BatchCollector rows;
  private final List<Object[]> results = new ArrayList<>();
  private int position;
  private boolean computed;
  private boolean closed;

  public WindowOperator(WindowNode node, Operator input, ExecContext ctx) {
    this.node = requireNonNull(node, "node is null");
    this.input = requireNonNull(input, "input is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.outColumns = node.schema();
    this.schema = ArrowTypes.toSchema(outColumns);
    for (WindowGroup g : node.groups()) {
      WindowFrame f = g.frame();
      if (!f.rows() && !f.hasRangeOffsets() && !(isPeers(f.lower()) && isPeers(f.upper()))) {
        throw new QuarryException(
            ErrorCode.INTERNAL_ERROR, "a RANGE offset without its bound column: " + f);
      }
      if (f.hasRangeOffsets() && g.orderKeys().size() != 1) {
        throw new QuarryException(
            ErrorCode.UNSUPPORTED, "RANGE frames with offsets need exactly one ORDER BY key");
      }
    }
  }

  private static boolean isPeers(Long bound) {
    return bound == null || bound == 0L;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (!computed) {
      computed = true;
      rows = BatchCollector.drain(input, ctx.allocator());
      for (WindowGroup g : node.groups()) {
        computeGroup(g);
      }
    }
    int n = rows.rows();
    if (position >= n) {
      return null;
    }
    int count = Math.min(ctx.batchSize(), n - position);
    VectorSchemaRoot out = Batches.allocate(outColumns, ctx.allocator(), count);
    try {
      int[] idx = new int[count];
      for (int i = 0; i < count; i++) {
        idx[i] = position + i;
      }
      List<FieldVector> dst = out.getFieldVectors();
      int inputWidth = outColumns.size() - results.size();
      for (int c = 0; c < inputWidth; c++) {
        Batches.gather(rows.root().getVector(c), idx, count, dst.get(c));
      }
      for (int r = 0; r < results.size(); r++) {
        FieldVector v = dst.get(inputWidth + r);
        Object[] values = results.get(r);
        for (int i = 0; i < count; i++) {
          Batches.set(v, i, values[position + i]);
        }
        v.setValueCount(count);
      }
      out.setRowCount(count);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    position += count;
    return out;
  }

  private void computeGroup(WindowGroup group) {
    int n = rows.rows();
    Object[][] out = new Object[group.calls().size()][n];
    results.addAll(List.of(out));
    if (n == 0) {
      return;
    }
    VectorSchemaRoot root = rows.root();
    List<SortKey> partitionKeys = new ArrayList<>();
    for (int k : group.partitionKeys()) {
      partitionKeys.add(new SortKey(k, false, true));
    }
    List<SortKey> keys = new ArrayList<>(partitionKeys);
    keys.addAll(group.orderKeys());
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntSort.sort(order, n, RowComparator.of(root, keys, true));
    RowComparator samePartition = RowComparator.of(root, partitionKeys, false);
    RowComparator samePeers = RowComparator.of(root, group.orderKeys(), false);
    SortKey rangeKey = group.frame().hasRangeOffsets() ? group.orderKeys().get(0) : null;
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && samePartition.compare(order[start], order[end]) == 0) {
        end++;
      }
      WindowFunctions partition =
          new WindowFunctions(root, order, start, end, samePeers, group.frame(), rangeKey);
      for (int c = 0; c < group.calls().size(); c++) {
        WindowCall call = group.calls().get(c);
        partition.compute(call, out[c]);
      }
      start = end;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      input.close();
    } finally {
      if (rows != null) {
        rows.close();
      }
    }
  }
}
