package io.quarry.cache;

import static java.util.Objects.requireNonNull;

/**
 * Counters of one cache level for one kind of result since the cache was opened. {@code bytesSaved}
 * is the stored size of the input shards that hits did not have to read; {@code entries} is how
 * many results the level holds now.
 */
public record CacheStats(String level, String kind, long hits, long misses, long bytesSaved, long entries) {
  public CacheStats {
    requireNonNull(level, "level is null");
    requireNonNull(kind, "kind is null");
  }
}
