package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.Operator;
import io.quarry.exec.vector.Batches;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hands out the batches of a stored Arrow IPC stream, relabelled with {@code schema} (the stored
 * stream may name its columns differently; types are the same). Batches come from {@code
 * allocator}, so a replayed result counts against the query's memory like a computed one.
 */
public final class ReplayOperator implements Operator {
  private final Schema schema;
  private final ArrowStreamReader reader;
  private boolean closed;

  public ReplayOperator(byte[] ipc, Schema schema, BufferAllocator allocator) {
    this.schema = requireNonNull(schema, "schema is null");
    this.reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator);
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
      if (!reader.loadNextBatch()) {
        return null;
      }
      VectorSchemaRoot in = reader.getVectorSchemaRoot();
      if (in.getFieldVectors().size() != schema.getFields().size()) {
        throw new QuarryException(
            ErrorCode.CORRUPT_DATA,
            "stored result has "
                + in.getFieldVectors().size()
                + " columns, expected "
                + schema.getFields().size());
      }
      return Batches.relabel(in, schema);
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.CORRUPT_DATA, "stored result is not an Arrow IPC stream: " + e, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      reader.close();
    } catch (IOException e) {
      throw QuarryException.internal("cannot close a replayed result: " + e, e);
    }
  }
}
