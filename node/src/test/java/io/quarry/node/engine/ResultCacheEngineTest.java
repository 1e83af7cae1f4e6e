package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cache.FragmentKey;
import io.quarry.cache.ResultCache;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.store.Store;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with its result cache: the real importer, planner and executor, counted fragments. */
class ResultCacheEngineTest {
  private static final String SQL =
      "SELECT emp_id, sum(amount) AS total, count(*) AS n FROM sales GROUP BY emp_id ORDER BY emp_id";

  @TempDir Path dir;

  private static List<List<Object>> read(QueryEngine engine, String sql, QueryOptions options) {
    try (QueryResult result = engine.execute(sql, options)) {
      return Rows.read(result);
    }
  }

  private static long fragments(ResultCache cache) {
    return cache.computed(FragmentKey.Kind.FRAGMENT);
  }

  @Test
  void repeatsHitAppendsRecomputeOnlyNewShardsAndCacheOffBypasses() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      ResultCache cache = engine.cache();
      List<List<Object>> cold = read(engine, SQL, QueryOptions.DEFAULTS);
      assertEquals(4, fragments(cache), "30 sales in shards of 8: one partial aggregate each");
      assertEquals(1, cache.computed(FragmentKey.Kind.QUERY));

      assertEquals(cold, read(engine, SQL, QueryOptions.DEFAULTS));
      assertEquals(4, fragments(cache));
      assertEquals(1, cache.computed(FragmentKey.Kind.QUERY), "the repeat is answered whole");

      assertEquals(cold, read(engine, SQL, QueryOptions.DEFAULTS.withCache(false)));
      assertEquals(4, fragments(cache));
      assertEquals(1, cache.computed(FragmentKey.Kind.QUERY));
      long lookups = cache.stats().stream().mapToLong(s -> s.hits() + s.misses()).sum();

      appendSales(store, 31);
      List<List<Object>> after = read(engine, SQL, QueryOptions.DEFAULTS);
      assertEquals(5, fragments(cache), "only the appended shard's fragment ran");
      assertEquals(
          2, cache.computed(FragmentKey.Kind.MERGE), "the old shards' states merged, then all");
      assertEquals(read(engine, SQL, QueryOptions.DEFAULTS.withCache(false)), after);
      assertEquals(5, fragments(cache));
      assertTrue(cache.stats().stream().mapToLong(s -> s.hits() + s.misses()).sum() > lookups);

      // The next append reads the previous version's merge: one result for all five old shards.
      appendSales(store, 33);
      long fragmentLookups = lookups(cache, "fragment");
      List<List<Object>> third = read(engine, SQL, QueryOptions.DEFAULTS);
      assertEquals(read(engine, SQL, QueryOptions.DEFAULTS.withCache(false)), third);
      assertEquals(6, fragments(cache));
      assertEquals(3, cache.computed(FragmentKey.Kind.MERGE));
      assertEquals(
          fragmentLookups + 1, lookups(cache, "fragment"), "only the new shard's fragment is sought");

      List<List<Object>> show = read(engine, "SHOW CACHE", QueryOptions.DEFAULTS);
      assertEquals(9, show.size(), show.toString());
      assertEquals("[L3, fragment, 0, 0, 0, 0]", show.get(6).toString(), "an embedded engine has no L3");
      assertEquals("merge", show.get(2).get(1));
      assertTrue(((Number) show.get(2).get(2)).longValue() >= 1, "the merge was an L1 hit: " + show);
      assertEquals("L1", show.get(0).get(0));
      assertEquals("fragment", show.get(0).get(1));
      assertTrue(((Number) show.get(0).get(2)).longValue() >= 4, show.toString());

      String explain = String.valueOf(read(engine, "EXPLAIN " + SQL, QueryOptions.DEFAULTS));
      assertTrue(explain.contains("fragments cached 6 of 6"), explain);
    }

    // A restarted engine, after one more append, reads the old shards as one stored merge too.
    try (Store store = Store.open(dir.resolve("store"))) {
      appendSales(store, 35);
      try (QueryEngine engine = new QueryEngine(store)) {
        ResultCache cache = engine.cache();
        List<List<Object>> rows = read(engine, SQL, QueryOptions.DEFAULTS);
        assertEquals(read(engine, SQL, QueryOptions.DEFAULTS.withCache(false)), rows);
        assertEquals(1, fragments(cache), "the new shard's fragment");
        assertEquals(1, cache.computed(FragmentKey.Kind.MERGE), "the merge of all shards");
        assertEquals(1, lookups(cache, "fragment"), "no old shard's partial is read");
        assertEquals(1, hits(cache, "L2", "merge"), "the previous merge, from the store");
      }
    }
  }

  private static long lookups(ResultCache cache, String kind) {
    return cache.stats().stream()
        .filter(s -> s.kind().equals(kind) && s.level().equals("L1"))
        .mapToLong(s -> s.hits() + s.misses())
        .sum();
  }

  private static long hits(ResultCache cache, String level, String kind) {
    return cache.stats().stream()
        .filter(s -> s.kind().equals(kind) && s.level().equals(level))
        .mapToLong(s -> s.hits())
        .sum();
  }

  /** Appends two sales (ids {@code id}, {@code id + 1}) to the dataset as a new shard. */
  private void appendSales(Store store, int id) throws Exception {
    Path more =
        Files.writeString(
            dir.resolve("more-" + id + ".csv"),
            "id,emp_id,sale_day,amount,qty\n"
                + id + ",1,2024-05-30,10.50,2\n"
                + (id + 1) + ",2,2024-06-01,3.25,1\n");
    DatasetImporter.run(
        store,
        List.of(more),
        new ImportOptions(
            "sales",
            true,
            8,
            Map.of(
                "id", DataType.of(TypeKind.BIGINT),
                "emp_id", DataType.of(TypeKind.INT),
                "sale_day", DataType.of(TypeKind.DATE),
                "amount", DataType.decimal(12, 2),
                "qty", DataType.of(TypeKind.INT))),
        ImportProgress.NONE);
  }
}
