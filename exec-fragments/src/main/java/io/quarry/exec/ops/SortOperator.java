package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.vector.Batches;
import java.util.Arrays;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Sort, and top-N when the node has a fetch. Rows are collected into one batch, an index array is
 * sorted (ties broken by the remaining columns, so the order is canonical) and rows are gathered in
 * order. For a top-N, whenever the collected rows reach twice offset + fetch (or a batch beyond it)
 * they are cut back to the best offset + fetch, which bounds memory by the fetch, not the input.
 */
public final class SortOperator implements Operator {
  private final SortNode node;
  private final Operator input;
  private final ExecContext ctx;
  private final Schema schema;
  private final long limit; // offset + fetch, or -1
  private BatchCollector rows;
  private int[] order;
  private int position;
  private int end;
  private boolean closed;

  public SortOperator(SortNode node, Operator input, ExecContext ctx) {
    this.node = requireNonNull(node, "node is null");
    this.input = requireNonNull(input, "input is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.schema = ArrowTypes.toSchema(node.schema());
    this.limit = node.fetch() < 0 ? -1 : saturatedAdd(node.offset(), node.fetch());
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (order == null) {
      sortInput();
    }
    if (position >= end) {
      return null;
    }
    int count = Math.min(ctx.batchSize(), end - position);
    int[] slice = Arrays.copyOfRange(order, position, position + count);
    position += count;
    return gather(rows.root(), slice, count);
  }

  private VectorSchemaRoot gather(VectorSchemaRoot from, int[] idx, int count) {
    VectorSchemaRoot out = Batches.allocate(schema, ctx.allocator());
    try {
      for (int c = 0; c < schema.getFields().size(); c++) {
        Batches.gather(from.getVector(c), idx, count, out.getVector(c));
      }
      out.setRowCount(count);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  private void sortInput() {
    rows = new BatchCollector(ctx.allocator());
    if (limit != 0) {
      long threshold = limit < 0 ? -1 : Math.max(2 * limit, limit + ctx.batchSize());
      while (true) {
        try (VectorSchemaRoot b = input.next()) {
          if (b == null) {
            break;
          }
          rows.append(b);
        }
        if (threshold >= 0 && rows.rows() >= threshold) {
          int[] best = sorted();
          rows.replace(gather(rows.root(), best, (int) limit));
        }
      }
    }
    order = sorted();
    long stop = limit < 0 ? order.length : Math.min(order.length, limit);
    position = (int) Math.min(node.offset(), stop);
    end = (int) stop;
  }

  private int[] sorted() {
    int n = rows.rows();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (n > 1) {
      IntSort.sort(idx, n, RowComparator.of(rows.root(), node.keys(), true));
    }
    return idx;
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
