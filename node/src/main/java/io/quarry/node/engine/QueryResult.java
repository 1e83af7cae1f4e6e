package io.quarry.node.engine;

import io.quarry.types.Column;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** The rows of a query as a stream of Arrow batches. Close it to release the query's memory. */
public interface QueryResult extends AutoCloseable {
  /** The result's columns, named as the query names them. */
  List<Column> columns();

  Schema arrowSchema();

  /** The next batch (the caller closes it), or null at the end. */
  VectorSchemaRoot next();

  /**
   * The most Arrow memory the query has held at once so far (its batches, hash tables, sort runs:
   * what its memory limit counts), or -1 where it ran out of sight (on a node).
   */
  default long peakMemoryBytes() {
    return -1;
  }

  @Override
  void close();
}
