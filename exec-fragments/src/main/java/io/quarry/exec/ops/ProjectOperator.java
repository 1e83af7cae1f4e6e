package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.codegen.CompiledProjection;
import io.quarry.exec.codegen.ExprCompiler;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.vector.Batches;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Computes one column per expression with compiled code. Plain column references share the input
 * vector's buffers (reference-counted, no copy), so the input batch can be closed right away. Over
 * a filter or filtered scan it evaluates only the passing rows of each batch, so the filter never
 * copies the columns the projection drops or recomputes.
 */
public final class ProjectOperator implements Operator {
  private final Operator input;
  private final ExecContext ctx;
  private final List<Expr> exprs;
  private final Schema schema;
  private final CompiledProjection compiled;

  public ProjectOperator(ProjectNode node, Operator input, ExecContext ctx) {
    this.input = requireNonNull(input, "input is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.exprs = node.exprs();
    this.schema = ArrowTypes.toSchema(node.schema());
    boolean anyComputed = exprs.stream().anyMatch(e -> !(e instanceof ColumnRef));
    this.compiled = anyComputed ? ExprCompiler.projection(exprs) : null;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    VectorSchemaRoot batch;
    int[] rows = null;
    int count;
    if (input instanceof SelectiveOperator selective) {
      SelectiveOperator.Selected s = selective.nextSelected();
      if (s == null) {
        return null;
      }
      batch = s.batch();
      rows = s.rows();
      count = s.count();
    } else {
      batch = input.next();
      if (batch == null) {
        return null;
      }
      count = batch.getRowCount();
    }
    try {
      List<FieldVector> out = new ArrayList<>(exprs.size());
      try {
        for (int i = 0; i < exprs.size(); i++) {
          Field field = schema.getFields().get(i);
          FieldVector vector = field.createVector(ctx.allocator());
          out.add(vector);
          Expr e = exprs.get(i);
          if (vector instanceof NullVector) {
            vector.setValueCount(count);
          } else if (e instanceof ColumnRef ref && rows == null) {
            batch.getVector(ref.index()).makeTransferPair(vector).splitAndTransfer(0, count);
          } else if (e instanceof ColumnRef ref) {
            Batches.gather(batch.getVector(ref.index()), rows, count, vector);
          } else {
            compiled.evaluate(i, batch, rows, count, vector);
          }
        }
      } catch (RuntimeException e) {
        out.forEach(FieldVector::close);
        throw e;
      }
      return new VectorSchemaRoot(schema.getFields(), out, count);
    } finally {
      batch.close();
    }
  }

  @Override
  public void close() {
    input.close();
  }
}
