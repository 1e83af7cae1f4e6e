package io.quarry.node.dist;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.VectorAppender;

/** Copies a batch into memory of another allocator (Arrow cannot move buffers between roots). */
final class BatchCopy {
  private BatchCopy() {}

  static VectorSchemaRoot copy(VectorSchemaRoot batch, BufferAllocator allocator) {
    VectorSchemaRoot out = VectorSchemaRoot.create(batch.getSchema(), allocator);
    try {
      out.allocateNew();
      for (int i = 0; i < batch.getFieldVectors().size(); i++) {
        batch.getVector(i).accept(new VectorAppender(out.getVector(i)), null);
      }
      out.setRowCount(batch.getRowCount());
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
