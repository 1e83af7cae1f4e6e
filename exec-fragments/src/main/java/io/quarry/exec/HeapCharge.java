package io.quarry.exec;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * Heap memory an operator holds outside Arrow buffers (hash tables, per-group accumulators),
 * counted against the query's allocator: the query's memory limit then covers it, and a query over
 * the limit fails with MEMORY_LIMIT_EXCEEDED rather than running the JVM out of heap. Released
 * when the operator closes, before its allocator does.
 */
public final class HeapCharge implements AutoCloseable {
  /** Counts nothing: for structures built outside a query. */
  public static final HeapCharge NONE = new HeapCharge(null);

  private final BufferAllocator allocator;
  private long charged;

  public HeapCharge(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** Counts {@code bytes} more; OutOfMemoryException (counting nothing) if over the limit. */
  public synchronized void add(long bytes) {
    if (allocator == null || bytes <= 0) {
      return;
    }
    if (!allocator.forceAllocate(bytes)) {
      allocator.releaseBytes(bytes);
      throw new OutOfMemoryException(
          "hash table and accumulator memory of " + (charged + bytes) + " bytes is over the limit");
    }
    charged += bytes;
  }

  public synchronized long charged() {
    return charged;
  }

  @Override
  public synchronized void close() {
    if (allocator != null && charged > 0) {
      allocator.releaseBytes(charged);
      charged = 0;
    }
  }
}
