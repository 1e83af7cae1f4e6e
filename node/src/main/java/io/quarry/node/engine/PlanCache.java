package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.planner.PlannedQuery;
import io.quarry.sql.StoreCatalog;
import io.quarry.sql.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The latest plan of each query text, with the root every dataset had when it was planned. Roots
 * are content addresses and versions are append-only, so the same roots always mean the same plan.
 * When datasets changed since, and each changed dataset the plan reads only gained shards, the plan
 * is extended to the new shards (see {@link AppendedPlan}) instead of planning again; otherwise the
 * query is planned again. Plans are also kept in the store (see {@link PlanStore}), so a restarted
 * engine does the same. Queries that read the clock (CURRENT_DATE, …) are never kept.
 */
final class PlanCache {
  private static final int CAPACITY = 256;

  private final PlanStore disk;
  private final Map<String, Entry> plans =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > CAPACITY;
        }
      };

  /** A plan and the dataset roots (name → root CID) it was made under. */
  record Entry(Map<String, String> roots, PlannedQuery planned) {
    Entry {
      roots = Map.copyOf(requireNonNull(roots, "roots is null"));
      requireNonNull(planned, "planned is null");
    }
  }

  /** A cache that keeps its plans in memory only. */
  PlanCache() {
    this.disk = null;
  }

  /** A cache that also keeps its plans in {@code disk}. */
  PlanCache(PlanStore disk) {
    this.disk = requireNonNull(disk, "disk is null");
  }

  /**
   * The plan of {@code sql} when the datasets' latest roots are {@code roots}: the kept one, the
   * kept one extended to appended shards, or {@code planner}'s.
   */
  PlannedQuery get(
      String sql, Map<String, String> roots, StoreCatalog catalog, Supplier<PlannedQuery> planner) {
    String upper = sql.toUpperCase(Locale.ROOT);
    if (upper.contains("CURRENT_") || upper.contains("LOCALTIMESTAMP")) {
      return planner.get();
    }
    Entry kept;
    synchronized (plans) {
      kept = plans.get(sql);
    }
    if (kept == null && disk != null) {
      kept = disk.load(sql).orElse(null);
    }
    if (kept != null && kept.roots().equals(roots)) {
      remember(sql, kept, false);
      return kept.planned();
    }
    PlannedQuery planned = kept == null ? null : extended(kept, roots, catalog).orElse(null);
    if (planned == null) {
      planned = planner.get();
    }
    remember(sql, new Entry(roots, planned), true);
    return planned;
  }

  private void remember(String sql, Entry entry, boolean changed) {
    synchronized (plans) {
      plans.put(sql, entry);
    }
    if (changed && disk != null) {
      disk.save(sql, entry);
    }
  }

  /** {@code kept} extended to the new roots, when every change is an append it can follow. */
  private static Optional<PlannedQuery> extended(
      Entry kept, Map<String, String> roots, StoreCatalog catalog) {
    if (!kept.roots().keySet().equals(roots.keySet())) {
      // A dataset appeared: a name in the query may resolve differently now.
      return Optional.empty();
    }
    PlannedQuery planned = kept.planned();
    try {
      for (Map.Entry<String, String> e : roots.entrySet()) {
        String before = kept.roots().get(e.getKey());
        if (before.equals(e.getValue())) {
          continue;
        }
        TableDefinition old = catalog.table(e.getKey(), Cid.parse(before));
        TableDefinition now = catalog.table(e.getKey(), Cid.parse(e.getValue()));
        Optional<PlannedQuery> next = AppendedPlan.extend(planned, e.getKey(), old, now);
        if (next.isEmpty()) {
          return Optional.empty();
        }
        planned = next.get();
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(planned);
  }
}
