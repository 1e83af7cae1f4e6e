package io.quarry.bench;

import static java.util.Objects.requireNonNull;

/**
 * Q1 after one append of {@code rows} lineitem rows ({@code shardsBefore} → {@code shardsAfter}):
 * {@code ms} with the cache on in {@code engine} (the engine that ran the earlier queries, or a
 * fresh one that finds earlier results only in the store), {@code counters} of that run alone, and
 * {@code fullMs}, the cache-off median on the same version; {@code answersMatch}: both gave the same
 * rows; {@code warmUp}: the first append of its engine, run (as the full computation's first run is)
 * so that the measured ones do not time code the JVM has not compiled yet, and not counted.
 */
public record AppendRun(
    String engine,
    long rows,
    int shardsBefore,
    int shardsAfter,
    double ms,
    CacheCounters counters,
    double fullMs,
    boolean answersMatch,
    boolean warmUp) {
  public AppendRun {
    requireNonNull(engine, "engine is null");
    requireNonNull(counters, "counters is null");
  }

  /** This run as a fraction of a full computation of the same version. */
  public double fraction() {
    return ms / fullMs;
  }
}
