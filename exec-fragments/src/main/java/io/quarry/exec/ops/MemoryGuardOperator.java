package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.Operator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The root of an operator tree: turns Arrow's OutOfMemoryException (the query's allocator hit its
 * limit) into a MEMORY_LIMIT_EXCEEDED error that names the limit.
 */
public final class MemoryGuardOperator implements Operator {
  private final Operator input;
  private final BufferAllocator allocator;

  public MemoryGuardOperator(Operator input, BufferAllocator allocator) {
    this.input = requireNonNull(input, "input is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    try {
      return input.next();
    } catch (OutOfMemoryException e) {
      throw memoryLimitExceeded(allocator, e);
    } catch (QuarryException e) {
      if (e.getCause() instanceof OutOfMemoryException oom) {
        throw memoryLimitExceeded(allocator, oom);
      }
      throw e;
    }
  }

  /** The error a query gets when its allocator refuses memory. */
  public static QuarryException memoryLimitExceeded(BufferAllocator allocator, Throwable cause) {
    long limit = allocator.getLimit();
    String limitText =
        limit == Long.MAX_VALUE
            ? "the memory available"
            : "its memory limit of "
                + (limit >= (1 << 20) ? (limit >> 20) + " MiB" : (limit >> 10) + " KiB");
    return new QuarryException(
        ErrorCode.MEMORY_LIMIT_EXCEEDED,
        "query exceeded " + limitText + "; raise the limit or narrow the query",
        cause);
  }

  @Override
  public void close() {
    input.close();
  }
}
