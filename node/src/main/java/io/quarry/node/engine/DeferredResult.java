package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.types.Column;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A result whose work starts at the first next(): its columns are known up front, so a client that
 * only asks for the schema (Flight SQL prepares every statement that way) does not run it. For
 * EXPLAIN ANALYZE, which runs the query it explains.
 */
final class DeferredResult implements QueryResult {
  private final List<Column> columns;
  private final Supplier<QueryResult> start;
  private QueryResult started;
  private boolean closed;

  DeferredResult(List<Column> columns, Supplier<QueryResult> start) {
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    this.start = requireNonNull(start, "start is null");
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
    if (started == null) {
      started = start.get();
    }
    return started.next();
  }

  @Override
  public long peakMemoryBytes() {
    return started == null ? 0 : started.peakMemoryBytes();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (started != null) {
      started.close();
    }
  }
}
