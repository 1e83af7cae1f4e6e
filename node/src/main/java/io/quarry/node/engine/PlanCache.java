package io.quarry.node.engine;

import io.quarry.planner.PlannedQuery;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recently planned queries, keyed by their SQL text and the latest root of every dataset. Roots
 * are content addresses and versions are append-only, so an equal key always means an equal plan;
 * only queries that read the clock (CURRENT_DATE, …) are never kept.
 */
final class PlanCache {
  private static final int CAPACITY = 256;

  private final Map<String, PlannedQuery> plans =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PlannedQuery> eldest) {
          return size() > CAPACITY;
        }
      };

  PlannedQuery get(String sql, String catalogState, Supplier<PlannedQuery> planner) {
    if (sql.toUpperCase(Locale.ROOT).contains("CURRENT_")
        || sql.toUpperCase(Locale.ROOT).contains("LOCALTIMESTAMP")) {
      return planner.get();
    }
    String key = catalogState + "\n" + sql;
    synchronized (plans) {
      PlannedQuery cached = plans.get(key);
      if (cached != null) {
        return cached;
      }
    }
    PlannedQuery planned = planner.get();
    synchronized (plans) {
      plans.put(key, planned);
    }
    return planned;
  }
}
