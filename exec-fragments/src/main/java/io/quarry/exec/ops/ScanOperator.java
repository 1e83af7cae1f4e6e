package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.codegen.CompiledFilter;
import io.quarry.exec.codegen.ExprCompiler;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.scan.ShardReader;
import io.quarry.exec.vector.Batches;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one shard: only the scan's columns, skipping row groups whose statistics prove the scan
 * filter false, decoding pages straight into Arrow vectors, then keeping the rows where the
 * compiled filter is TRUE.
 */
public final class ScanOperator implements SelectiveOperator {
  private final ScanNode node;
  private final ExecContext ctx;
  private final Schema schema;
  private final CompiledFilter filter;
  private ShardReader reader;
  private int[] selection = new int[0];
  private boolean closed;

  public ScanOperator(ScanNode node, ExecContext ctx) {
    this.node = requireNonNull(node, "node is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.schema = ArrowTypes.toSchema(node.schema());
    this.filter = node.filter() == null ? null : ExprCompiler.filter(node.filter());
  }

  @Override
  public Schema schema() {
    return schema;
  }

  /** Row groups decoded so far (the rest of those passed were pruned by statistics). */
  public int rowGroupsRead() {
    return reader == null ? 0 : reader.rowGroupsRead();
  }

  /** Row groups skipped so far because their statistics prove the filter false. */
  public int rowGroupsSkipped() {
    return reader == null ? 0 : reader.rowGroupsSkipped();
  }

  @Override
  public VectorSchemaRoot next() {
    Selected s = nextSelected();
    if (s == null || s.rows() == null) {
      return s == null ? null : s.batch();
    }
    try {
      return Batches.gather(s.batch(), s.rows(), s.count(), ctx.allocator());
    } finally {
      s.batch().close();
    }
  }

  @Override
  public Selected nextSelected() {
    if (closed) {
      return null;
    }
    if (reader == null) {
      reader = ShardReader.open(ctx.shards().pathOf(node.shard()), node, ctx.allocator());
    }
    while (true) {
      VectorSchemaRoot batch = reader.next(ctx.batchSize());
      if (batch == null) {
        return null;
      }
      int rows = batch.getRowCount();
      if (filter == null) {
        return new Selected(batch, null, rows);
      }
      if (selection.length < rows) {
        selection = new int[Math.max(rows, 2 * selection.length)];
      }
      int selected;
      try {
        selected = filter.filter(batch, null, rows, selection);
      } catch (RuntimeException e) {
        batch.close();
        throw e;
      }
      if (selected == rows) {
        return new Selected(batch, null, rows);
      }
      if (selected > 0) {
        return new Selected(batch, selection, selected);
      }
      batch.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    if (reader != null) {
      reader.close();
    }
  }
}
