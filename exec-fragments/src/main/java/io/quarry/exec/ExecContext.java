package io.quarry.exec;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutorService;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What operators of one query need from their surroundings. {@code allocator} is the query's own
 * child allocator, whose limit is the query's memory limit; {@code pool} runs exchange inputs in
 * parallel; {@code batchSize} is the target rows per batch; {@code fragments} obtains each
 * exchange input (computed here unless a result cache or another node already has its rows);
 * {@code results} opens the stored results a plan reads by CID ({@link
 * io.quarry.exec.plan.ResultNode}).
 */
public record ExecContext(
    BufferAllocator allocator,
    ShardResolver shards,
    ExecutorService pool,
    int batchSize,
    FragmentRunner fragments,
    ResultResolver results) {
  public static final int DEFAULT_BATCH_SIZE = 16 * 1024;

  public ExecContext {
    requireNonNull(allocator, "allocator is null");
    requireNonNull(shards, "shards is null");
    requireNonNull(pool, "pool is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    requireNonNull(fragments, "fragments is null");
    requireNonNull(results, "results is null");
  }

  /** A context whose plans read no stored result. */
  public ExecContext(
      BufferAllocator allocator,
      ShardResolver shards,
      ExecutorService pool,
      int batchSize,
      FragmentRunner fragments) {
    this(allocator, shards, pool, batchSize, fragments, ResultResolver.NONE);
  }

  /** A context that computes every fragment here. */
  public ExecContext(
      BufferAllocator allocator, ShardResolver shards, ExecutorService pool, int batchSize) {
    this(allocator, shards, pool, batchSize, FragmentRunner.LOCAL);
  }

  /** This context, reading stored results through {@code results}. */
  public ExecContext withResults(ResultResolver results) {
    return new ExecContext(allocator, shards, pool, batchSize, fragments, results);
  }
}
