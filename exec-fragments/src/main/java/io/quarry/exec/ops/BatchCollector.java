package io.quarry.exec.ops;

import io.quarry.exec.Operator;
import io.quarry.exec.vector.Batches;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.VectorAppender;

/**
 * Appends batches into one growing root, so blocking operators (sort, window, the build side of a
 * join) can address every row by a single int index. Vectors take the type of the first batch.
 */
final class BatchCollector implements AutoCloseable {
  private final BufferAllocator allocator;
  private VectorSchemaRoot all;
  private int rows;

  BatchCollector(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** Reads every batch of {@code input} (closing each) into a new collector. */
  static BatchCollector drain(Operator input, BufferAllocator allocator) {
    BatchCollector c = new BatchCollector(allocator);
    try {
      while (true) {
        try (VectorSchemaRoot b = input.next()) {
          if (b == null) {
            break;
          }
          c.append(b);
        }
      }
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  void append(VectorSchemaRoot batch) {
    if (all == null) {
      all = VectorSchemaRoot.create(batch.getSchema(), allocator);
      for (FieldVector v : all.getFieldVectors()) {
        Batches.allocate(v, batch.getRowCount());
        v.setValueCount(0);
      }
      all.setRowCount(0);
    }
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    for (int c = 0; c < batch.getFieldVectors().size(); c++) {
      FieldVector src = batch.getVector(c);
      src.setValueCount(n);
      src.accept(new VectorAppender(all.getVector(c)), null);
    }
    rows += n;
    all.setRowCount(rows);
  }

  /** Replaces the collected rows by {@code replacement} (which this collector now owns). */
  void replace(VectorSchemaRoot replacement) {
    if (all != null) {
      all.close();
    }
    all = replacement;
    rows = replacement.getRowCount();
  }

  /** All rows so far, or null if no batch arrived. */
  VectorSchemaRoot root() {
    return all;
  }

  int rows() {
    return rows;
  }

  @Override
  public void close() {
    if (all != null) {
      all.close();
      all = null;
    }
  }
}
