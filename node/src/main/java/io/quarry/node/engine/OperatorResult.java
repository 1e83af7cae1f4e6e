package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.Operator;
import io.quarry.types.Column;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A query result streaming from an operator tree. Owns the query's allocator: closing the result
 * closes the operators, then the allocator.
 */
final class OperatorResult implements QueryResult {
  private final List<Column> columns;
  private final Operator operator;
  private final BufferAllocator allocator;
  private final long memoryLimitBytes;
  private boolean closed;

  OperatorResult(List<Column> columns, Operator operator, BufferAllocator allocator, long memoryLimitBytes) {
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    this.operator = requireNonNull(operator, "operator is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.memoryLimitBytes = memoryLimitBytes;
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public Schema arrowSchema() {
    return ArrowTypes.toSchema(columns);
  }

  @Override
  public VectorSchemaRoot next() {
    if (closed) {
      return null;
    }
    try {
      return operator.next();
    } catch (Throwable t) {
      RuntimeException e = EngineErrors.translate(t, memoryLimitBytes);
      close();
      throw e;
    }
  }

  @Override
  public long peakMemoryBytes() {
    return allocator.getPeakMemoryAllocation();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      operator.close();
    } finally {
      allocator.close();
    }
  }
}
