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
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Computes one column per expression with compiled code. Plain column references share the input
 * vector's buffers (reference-counted, no copy), so the input batch can be closed right away.
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
    VectorSchemaRoot batch = input.next();
    if (batch == null) {
      return null;
    }
    try {
      int rows = batch.getRowCount();
      List<FieldVector> out = new ArrayList<>(exprs.size());
      try {
        for (int i = 0; i < exprs.size(); i++) {
          Field field = schema.getFields().get(i);
          FieldVector vector = field.createVector(ctx.allocator());
          out.add(vector);
          Expr e = exprs.get(i);
          if (vector instanceof NullVector) {
            vector.setValueCount(rows);
          } else if (e instanceof ColumnRef ref) {
            batch.getVector(ref.index()).makeTransferPair(vector).splitAndTransfer(0, rows);
          } else {
            compiled.evaluate(i, batch, null, rows, vector);
          }
        }
      } catch (RuntimeException e) {
        out.forEach(FieldVector::close);
        throw e;
      }
      return new VectorSchemaRoot(schema.getFields(), out, rows);
    } finally {
      batch.close();
    }
  }

  @Override
  public void close() {
    input.close();
  }
}
