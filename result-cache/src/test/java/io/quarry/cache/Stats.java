package io.quarry.cache;

import java.util.List;

/** The counters of one level and kind among a cache's {@link ResultCache#stats()}. */
final class Stats {
  private Stats() {}

  static CacheStats of(ResultCache cache, String level, String kind) {
    return of(cache.stats(), level, kind);
  }

  static CacheStats of(List<CacheStats> all, String level, String kind) {
    return all.stream()
        .filter(s -> s.level().equals(level) && s.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + level + " " + kind + " row in " + all));
  }
}
