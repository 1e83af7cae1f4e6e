package io.quarry.node.engine;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import org.apache.arrow.memory.OutOfMemoryException;

/** Turns whatever a query throws into the QuarryException a user sees. */
final class EngineErrors {
  private EngineErrors() {}

  static QuarryException translate(Throwable t, long memoryLimitBytes) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof OutOfMemoryException) {
        return new QuarryException(
            ErrorCode.MEMORY_LIMIT_EXCEEDED,
            "query exceeded its memory limit of " + memoryLimitBytes + " bytes",
            t);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof QuarryException q) {
        return q;
      }
    }
    if (t instanceof OutOfMemoryError) {
      return new QuarryException(
          ErrorCode.MEMORY_LIMIT_EXCEEDED, "the JVM ran out of heap memory during the query", t);
    }
    return QuarryException.internal("query failed: " + t, t);
  }
}
