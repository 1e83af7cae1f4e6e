package io.quarry.node.engine;

import io.quarry.exec.ExecContext;

/**
 * Per-query settings. {@code cache}: whether results may come from (and go to) the result cache;
 * {@code memoryLimitBytes}: the most Arrow memory the query may hold; {@code batchSize}: target rows
 * per batch.
 */
public record QueryOptions(boolean cache, long memoryLimitBytes, int batchSize) {
  public static final long DEFAULT_MEMORY_LIMIT = 2L << 30;
  public static final QueryOptions DEFAULTS =
      new QueryOptions(true, DEFAULT_MEMORY_LIMIT, ExecContext.DEFAULT_BATCH_SIZE);

  public QueryOptions {
    if (memoryLimitBytes <= 0) {
      throw new IllegalArgumentException("memoryLimitBytes must be positive: " + memoryLimitBytes);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
  }

  public QueryOptions withCache(boolean cache) {
    return new QueryOptions(cache, memoryLimitBytes, batchSize);
  }

  public QueryOptions withMemoryLimitBytes(long memoryLimitBytes) {
    return new QueryOptions(cache, memoryLimitBytes, batchSize);
  }

  public QueryOptions withBatchSize(int batchSize) {
    return new QueryOptions(cache, memoryLimitBytes, batchSize);
  }
}
