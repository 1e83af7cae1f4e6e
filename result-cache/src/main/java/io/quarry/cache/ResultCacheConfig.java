package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.plan.PlanCodec;

/**
 * Settings of a result cache. {@code l1MaxBytes}: the most bytes of results kept in memory;
 * {@code maxResultBytes}: results larger than this (in Arrow memory while computed) are not kept;
 * {@code engineVersion}: part of every key, so results of an engine that computes differently are
 * never reused.
 */
public record ResultCacheConfig(long l1MaxBytes, long maxResultBytes, String engineVersion) {
  /**
   * Changes whenever operators may compute different rows or types for the same plan, or the plan
   * encoding changes.
   */
  public static final String ENGINE_VERSION = "quarry-0.1.0/plan-" + PlanCodec.FORMAT_VERSION + "/ops-1";

  public static final ResultCacheConfig DEFAULTS =
      new ResultCacheConfig(256L << 20, 8L << 20, ENGINE_VERSION);

  public ResultCacheConfig {
    if (l1MaxBytes < 0) {
      throw new IllegalArgumentException("l1MaxBytes is negative: " + l1MaxBytes);
    }
    if (maxResultBytes < 0) {
      throw new IllegalArgumentException("maxResultBytes is negative: " + maxResultBytes);
    }
    requireNonNull(engineVersion, "engineVersion is null");
  }

  public ResultCacheConfig withL1MaxBytes(long l1MaxBytes) {
    return new ResultCacheConfig(l1MaxBytes, maxResultBytes, engineVersion);
  }

  public ResultCacheConfig withMaxResultBytes(long maxResultBytes) {
    return new ResultCacheConfig(l1MaxBytes, maxResultBytes, engineVersion);
  }
}
