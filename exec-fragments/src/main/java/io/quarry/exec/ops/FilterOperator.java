package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.codegen.CompiledFilter;
import io.quarry.exec.codegen.ExprCompiler;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.vector.Batches;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Keeps the rows where the compiled condition is TRUE. A batch whose rows all pass is handed on as
 * it is; otherwise the selected rows are gathered into a new batch. Batches with no passing rows
 * are dropped.
 */
public final class FilterOperator implements SelectiveOperator {
  private final Operator input;
  private final CompiledFilter filter;
  private final ExecContext ctx;
  private int[] selection = new int[0];

  public FilterOperator(FilterNode node, Operator input, ExecContext ctx) {
    this.input = requireNonNull(input, "input is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.filter = ExprCompiler.filter(node.condition());
  }

  @Override
  public Schema schema() {
    return input.schema();
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
    while (true) {
      VectorSchemaRoot batch = input.next();
      if (batch == null) {
        return null;
      }
      int rows = batch.getRowCount();
      if (selection.length < rows) {
        selection = new int[Math.max(rows, selection.length * 2)];
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
    input.close();
  }
}
