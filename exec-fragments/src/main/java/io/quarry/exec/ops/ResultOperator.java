package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.vector.Batches;
import java.io.IOException;
import java.io.InputStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a stored result (an Arrow IPC stream, opened through the context's {@link
 * io.quarry.exec.ResultResolver} on the first next()) and hands out its batches under the node's
 * schema; the stream may name its columns differently, its types are the node's.
 */
public final class ResultOperator implements Operator {
  private final ResultNode node;
  private final ExecContext ctx;
  private final Schema schema;
  private InputStream in;
  private ArrowStreamReader reader;
  private boolean closed;

  public ResultOperator(ResultNode node, ExecContext ctx) {
    this.node = requireNonNull(node, "node is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.schema = ArrowTypes.toSchema(node.schema());
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (closed) {
      return null;
    }
    try {
      if (reader == null) {
        in = ctx.results().open(node.result());
        reader = new ArrowStreamReader(in, ctx.allocator());
        int width = reader.getVectorSchemaRoot().getFieldVectors().size();
        if (width != schema.getFields().size()) {
          throw new QuarryException(
              ErrorCode.CORRUPT_DATA,
              "Result " + node.result() + " has " + width + " columns, expected "
                  + schema.getFields().size());
        }
      }
      if (!reader.loadNextBatch()) {
        return null;
      }
      return Batches.relabel(reader.getVectorSchemaRoot(), schema);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA,
          "Result " + node.result() + " is not an Arrow IPC stream: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (reader != null) {
        reader.close();
      } else if (in != null) {
        in.close();
      }
    } catch (IOException e) {
      throw QuarryException.internal("cannot close result " + node.result() + ": " + e, e);
    }
  }
}
